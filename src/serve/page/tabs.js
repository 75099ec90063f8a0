'use strict';
// The page's parts (通知与方案, 任务表, 佐证材料), one shown at a time. The part is kept in
// the address's #fragment, so a reload or a bookmark opens the same one.

function showTab() {
  const tabs = [...document.querySelectorAll('main.tab')];
  const wanted = location.hash.slice(1);
  const shown = tabs.some((t) => t.id === wanted) ? wanted : tabs[0].id;
  tabs.forEach((t) => { t.hidden = t.id !== shown; });
  document.querySelectorAll('#tabs a').forEach((a) => {
    a.classList.toggle('current', a.dataset.tab === shown);
  });
}

window.addEventListener('hashchange', showTab);
document.addEventListener('DOMContentLoaded', showTab);
