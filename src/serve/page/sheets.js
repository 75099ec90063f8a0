'use strict';
// The 任务表 part: a task sheet uploaded into the workspace and shown as dossier reads it
// (its rows with the merged cells merged, the merges by cell, the units, the reader's
// warnings), and the documents the command line makes of it, downloaded. The split into each
// unit's notice runs as a background job: its progress comes over server-sent events, leaving
// the page stops nothing (a reload follows it again), 取消 stops it.

(() => {
  const $ = (s) => document.querySelector(s);
  let current = null;
  let asked = '';
  let job = null;
  const JOB_KEY = 'dossier-sheets-job';

  const sheetPath = (name, rest = '') => `/api/sheets/${encodeURIComponent(name)}${rest}`;
  const status = (text) => { $('#status').textContent = text; };

  function element(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (className) e.className = className;
    return e;
  }

  function say(messages) {
    $('#sheet-messages').replaceChildren(...messages.map(([kind, text]) => element('p', text, kind)));
  }

  async function refreshList() {
    const files = await (await api('GET', '/api/sheets')).json();
    $('#sheet-files').replaceChildren(...files.map((f) => {
      const button = element('button', f.name, f.name === current ? 'current' : '');
      button.type = 'button';
      button.addEventListener('click', () => openSheet(f.name));
      const item = element('li');
      item.append(button);
      return item;
    }));
  }

  const query = () => (asked ? `?sheet=${encodeURIComponent(asked)}` : '');

  async function openSheet(name) {
    status(`正在读取 ${name}…`);
    try {
      show(await (await api('GET', sheetPath(name, query()))).json());
    } catch (e) {
      failed(name, e);
    }
    refreshList();
  }

  async function upload(event) {
    event.preventDefault();
    const file = $('#sheet-file').files[0];
    if (!file) return say([['error', '请先选择任务表文件（.xlsx、.xls 或 .ods）']]);
    asked = $('#sheet-name').value.trim();
    status(`正在上传 ${file.name}…`);
    try {
      show(await (await api('PUT', sheetPath(file.name, query()), file)).json());
      $('#sheet-file').value = '';
    } catch (e) {
      failed(file.name, e, true);
    }
    refreshList();
  }

  function failed(name, e, uploaded) {
    current = null;
    status(`${name} 读取失败`);
    $('#sheet-title').textContent = `${name}：读取失败${uploaded ? '，上传的文件没有保存' : ''}`;
    say([['error', e.error || String(e)]]);
    $('#sheet-body').hidden = true;
    enable(false, false);
  }

  function enable(read, tally) {
    ['#sheet-table-docx', '#sheet-table-pdf'].forEach((b) => { $(b).disabled = !read; });
    $('#sheet-split').disabled = !read || job !== null;
    ['#sheet-tally-docx', '#sheet-tally-xlsx'].forEach((b) => { $(b).disabled = !tally; });
  }

  function show(read) {
    current = read.name;
    $('#sheet-title').textContent = `${read.name}（工作表「${read.sheet}」）：${read.title}`;
    say(read.warnings.concat(read.doubts).map((w) => ['warning', w]));
    $('#sheet-rows-title').textContent = `任务（${read.rows.length} 行）`;
    $('#sheet-rows').replaceChildren(header(read.columns), rows(read));
    $('#sheet-merges-title').textContent = `合并的单元格（${read.merges.length} 处）`;
    $('#sheet-merges').replaceChildren(...read.merges.map((m) => element('li', `${m.place}：${m.header}，第 ${m.first}–${m.last} 行`)));
    $('#sheet-units-title').textContent = `单位（${read.units.length} 个，各得一份通知）`;
    $('#sheet-units').replaceChildren(
      header([{ header: '编号' }, { header: '单位' }, { header: '牵头' }, { header: '配合' }]),
      body(read.units.map((u) => [String(u.number).padStart(3, '0'), u.name, u.lead, u.cooperate])),
    );
    $('#sheet-issuer').placeholder = read.issuer;
    $('#sheet-to').placeholder = read.to;
    $('#sheet-body').hidden = false;
    enable(true, read.tally);
    status(`已读取 ${read.name}：${read.rows.length} 行任务，${read.units.length} 个单位`);
  }

  function header(columns) {
    const head = element('thead');
    const row = element('tr');
    row.append(element('th', '行'), ...columns.map((c) => element('th', c.header)));
    head.append(row);
    return head;
  }

  function body(cells) {
    const tbody = element('tbody');
    cells.forEach((r, i) => {
      const row = element('tr');
      row.append(element('td', String(i + 1)), ...r.map((c) => element('td', String(c))));
      tbody.append(row);
    });
    return tbody;
  }

  // The rows, each merged cell drawn once over the rows it covers, as the sheet shows it.
  function rows(read) {
    const tbody = element('tbody');
    const keys = read.columns.map((c) => c.key);
    const spans = new Map();
    read.merges.forEach((m) => {
      const covered = read.rows.filter((r) => r.row >= m.first && r.row <= m.last).map((r) => r.row);
      if (covered.length === 0) return;
      spans.set(`${m.column}@${covered[0]}`, covered.length);
      covered.slice(1).forEach((r) => spans.set(`${m.column}@${r}`, 0));
    });
    read.rows.forEach((r) => {
      const row = element('tr');
      row.append(element('td', String(r.row)));
      r.cells.forEach((text, i) => {
        const span = spans.get(`${keys[i]}@${r.row}`);
        if (span === 0) return;
        const cell = element('td', text, span ? 'merged' : '');
        if (span) cell.rowSpan = span;
        row.append(cell);
      });
      tbody.append(row);
    });
    return tbody;
  }

  function signed() {
    const p = new URLSearchParams();
    if (asked) p.set('sheet', asked);
    const put = (key, field) => { const v = $(field).value.trim(); if (v) p.set(key, v); };
    put('issuer', '#sheet-issuer');
    put('date', '#sheet-date');
    return p;
  }

  async function download(url, what) {
    status(`正在生成${what}…`);
    try {
      const response = await api('GET', url);
      const disposition = response.headers.get('Content-Disposition') || '';
      const named = /filename\*=UTF-8''(.*)$/.exec(disposition);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await response.blob());
      link.download = named ? decodeURIComponent(named[1]) : 'dossier';
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      status(`已生成 ${link.download}`);
    } catch (e) {
      status(`生成${what}失败`);
      say([['error', e.error || String(e)]]);
    }
  }

  function table(format) {
    const p = signed();
    p.set('format', format);
    download(sheetPath(current, `/table?${p}`), `分解表 ${format.toUpperCase()}`);
  }

  async function split() {
    let started;
    try {
      started = await (await api('POST', sheetPath(current, `/split?${signed()}`))).json();
    } catch (e) {
      status('生成各单位通知失败');
      return say([['error', e.error || String(e)]]);
    }
    $('#sheet-split-download').replaceChildren();
    status('正在生成各单位通知：离开或刷新这个页面不会停止；要停止请按“取消”');
    follow(started.id, current);
  }

  function showProgress(s) {
    const bar = $('#sheet-split-progress');
    bar.max = Math.max(s.files, 1);
    bar.value = s.done_files;
    $('#sheet-split-text').textContent = s.step;
  }

  // Follows split job `id` of the sheet `name` to its end; kept in this browser, so that a
  // reload follows the same job again (or shows its result).
  function follow(id, name) {
    job = id;
    $('#sheet-split').disabled = true;
    $('#sheet-split-cancel').disabled = false;
    const kept = JSON.stringify({ id, name });
    followJob(id, JOB_KEY, kept, { progress: showProgress, end: (s) => ended(s, name) });
  }

  function ended(s, name) {
    job = null;
    $('#sheet-split-cancel').disabled = true;
    $('#sheet-split').disabled = current === null;
    if (s.state !== 'done') {
      status('没有生成各单位通知');
      const why = s.error ? s.error.error : '与 dossier 的连接断开了，看不到这项任务；重新打开 dossier serve 后请重新生成';
      return say([['error', why]]);
    }
    say((s.warnings || []).map((w) => ['warning', w]));
    const link = element('a', `下载 ${s.result.file}`);
    link.href = sheetPath(name, '/split');
    link.download = s.result.file;
    $('#sheet-split-download').replaceChildren(link);
    status(`已生成 ${s.result.file}（${s.files} 个单位的通知和单位目录），存入了工作文件夹`);
    link.click();
  }

  async function cancel() {
    if (job === null) return;
    await api('POST', `/api/jobs/${job}/cancel`).catch((e) => say([['error', e.error || String(e)]]));
  }

  function tally(format) {
    const p = signed();
    p.set('format', format);
    const put = (key, field) => { const v = $(field).value.trim(); if (v) p.set(key, v); };
    put('as_of', '#sheet-as-of');
    put('to', '#sheet-to');
    put('title', '#sheet-tally-title');
    download(sheetPath(current, `/tally?${p}`), `进度通报 ${format.toUpperCase()}`);
  }

  function start() {
    const today = new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);
    $('#sheet-date').value = today;
    $('#sheet-as-of').value = today;
    $('#sheet-upload').addEventListener('submit', upload);
    $('#sheet-blank').addEventListener('click', () => download('/api/sheet-template', '空白任务表'));
    $('#sheet-table-docx').addEventListener('click', () => table('docx'));
    $('#sheet-table-pdf').addEventListener('click', () => table('pdf'));
    $('#sheet-split').addEventListener('click', split);
    $('#sheet-split-cancel').addEventListener('click', cancel);
    $('#sheet-tally-docx').addEventListener('click', () => tally('docx'));
    $('#sheet-tally-xlsx').addEventListener('click', () => tally('xlsx'));
    refreshList().catch((e) => say([['error', e.error || String(e)]]));
    const running = JSON.parse(localStorage.getItem(JOB_KEY) || 'null');
    if (running) follow(running.id, running.name);
  }

  start();
})();
