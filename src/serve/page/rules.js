'use strict';
// The page rules on the preview: dossier checks them on its own layout (the preview's `rules`)
// and this only draws them: a mark on each page a rule concerns, ✓ in green when it holds,
// the message in red when not; a line above the pages summing them up; and what dossier
// changed to keep them, when it changed anything.

function showRules(rules) {
  const box = document.querySelector('#rules');
  const checks = (rules && rules.checks) || [];
  box.hidden = checks.length === 0;
  const summary = document.createElement('p');
  summary.className = 'summary';
  summary.append('版面规则：');
  checks.forEach((check, i) => {
    if (i > 0) summary.append('；');
    summary.append(ruleMark(check));
  });
  const parts = [summary];
  if (rules && rules.fit_note) {
    const note = document.createElement('p');
    note.className = 'fit-note';
    note.textContent = `dossier 已调整：${rules.fit_note}`;
    parts.push(note);
  }
  box.replaceChildren(...parts);
  document.querySelectorAll('#pages > .page').forEach((sheet, i) => {
    const own = checks.filter((c) => c.page === i + 1);
    if (own.length === 0) return;
    const marks = document.createElement('ul');
    marks.className = 'rule-marks';
    marks.append(...own.map((c) => {
      const item = document.createElement('li');
      item.append(ruleMark(c));
      return item;
    }));
    sheet.append(marks);
  });
}

// One rule's message with ✓ after it when it holds, ✗ before it when not; its clause on hover.
function ruleMark(check) {
  const mark = document.createElement('span');
  mark.className = check.held ? 'rule held' : 'rule broken';
  mark.dataset.rule = check.rule;
  mark.dataset.held = String(check.held);
  mark.title = `GB/T 9704 ${check.clause}`;
  mark.textContent = check.held ? `${check.message} ✓` : `✗ ${check.message}`;
  return mark;
}
