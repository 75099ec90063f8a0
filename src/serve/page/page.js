'use strict';
// The page of `dossier serve`: a list of the workspace's scheme files, an editor of one, its
// pages laid out by dossier beside it. Every change is saved to the workspace (and kept in
// this browser until it is), so nothing is lost on a reload or a closed tab. A save names the
// version it was edited from; when the file changed elsewhere meanwhile, the text is saved as a
// copy instead and the user told.

const $ = (s) => document.querySelector(s);
const PREVIEW_DELAY = 300;
const SAVE_DELAY = 800;
const NEW_TEXT = 'notice:\n  issuer: 青州市创建全国文明城市工作指挥部办公室\n  to:\n    - 各成员单位\n  body:\n    - 现将《实施方案》印发给你们，请认真贯彻落实。\n  date: 2026-01-05\n\nscheme:\n  title: 实施方案\n  sections:\n    - title: 总体要求\n      text: 在这里写正文。\n';

let current = null;
let version = null;
let previewTimer = null;
let saveTimer = null;
let previewSeq = 0;

const tag = (response) => (response.headers.get('ETag') || '').replaceAll('"', '') || null;

const path = (kind, name) => `/api/${kind}/${encodeURIComponent(name)}`;
const status = (text) => { $('#status').textContent = text; };
const pending = (name) => `dossier-unsaved:${name}`;

async function refreshList() {
  const files = await (await api('GET', '/api/schemes')).json();
  const list = $('#files');
  list.replaceChildren(...files.map((f) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = f.name;
    button.className = f.name === current ? 'current' : '';
    button.addEventListener('click', () => openFile(f.name));
    item.append(button);
    return item;
  }));
  return files;
}

async function openFile(name) {
  await flushSave();
  let text;
  let opened;
  try {
    const response = await api('GET', path('schemes', name));
    text = await response.text();
    opened = tag(response);
  } catch (e) {
    return showError(e);
  }
  const unsaved = localStorage.getItem(pending(name));
  show(name, unsaved !== null ? unsaved : text, opened);
  if (unsaved !== null) scheduleSave();
  localStorage.setItem('dossier-last', name);
  refreshList();
}

function show(name, text, from) {
  current = name;
  version = from;
  $('#name').textContent = name;
  const area = $('#text');
  area.disabled = false;
  area.value = text;
  $('#docx').disabled = $('#pdf').disabled = false;
  listGuesses(text);
  schedulePreview(0);
  formFromText(0);
}

// The text changed, typed (the form is then read from it again) or written from the form.
function edited(how = {}) {
  localStorage.setItem(pending(current), $('#text').value);
  if (!how.fromForm) formFromText();
  status('未保存');
  listGuesses($('#text').value);
  scheduleSave();
  schedulePreview(PREVIEW_DELAY);
}

function scheduleSave() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(save, SAVE_DELAY);
}

async function save() {
  saveTimer = null;
  if (!current) return;
  const name = current;
  const text = $('#text').value;
  const expect = version ? { 'If-Match': `"${version}"` } : { 'If-None-Match': '*' };
  try {
    const response = await api('PUT', path('schemes', name), text, expect);
    if (name === current) version = tag(response);
    if (localStorage.getItem(pending(name)) === text) localStorage.removeItem(pending(name));
    status(`已保存 ${new Date().toLocaleTimeString('zh-CN')}`);
  } catch (e) {
    if (e.status === 409 && name === current) return saveAsCopy(name, text, e);
    status(`保存失败：${e.error}（改动仍留在本浏览器里）`);
  }
}

// The file changed elsewhere: this text goes to a new file beside it, and both are kept.
async function saveAsCopy(name, text, conflict) {
  localStorage.removeItem(pending(name));
  const copy = await freeName(`${name.replace(/\.ya?ml$/i, '')}-副本`);
  show(copy, text, null);
  await save();
  await refreshList();
  status(`「${name}」已在别处改过，没有覆盖；你的文字已另存为「${copy}」`);
  showMessages([['error', conflict.error]]);
}

async function flushSave() {
  if (saveTimer) { clearTimeout(saveTimer); await save(); }
}

function schedulePreview(delay) {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(preview, delay);
}

async function preview() {
  if (!current) return;
  const seq = ++previewSeq;
  $('#pages').classList.add('stale');
  try {
    const laid = await (await api('POST', path('preview', current), $('#text').value)).json();
    if (seq !== previewSeq) return;
    $('#pages').replaceChildren(...laid.pages.map(page));
    showRules(laid.rules);
    $('#pages').classList.remove('stale');
    showMessages(laid.warnings.map((w) => ['warning', w]));
  } catch (e) {
    if (seq === previewSeq) showError(e);
  }
}

function page(svg) {
  const sheet = document.createElement('div');
  sheet.className = 'page';
  const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
  sheet.append(document.importNode(parsed, true));
  return sheet;
}

function showError(e) {
  showMessages([['error', e.error || String(e)]]);
}

// Each message; a place `方案.yaml:3:5` in it jumps to that line.
function showMessages(messages) {
  $('#errors').replaceChildren(...messages.map(([kind, text]) => {
    const p = document.createElement('p');
    p.className = kind;
    const place = /^(.*?):(\d+):(\d+)/.exec(text);
    if (place) {
      const link = document.createElement('a');
      link.textContent = place[0];
      link.addEventListener('click', () => jumpTo(Number(place[2]), Number(place[3])));
      p.append(link, text.slice(place[0].length));
    } else {
      p.textContent = text;
    }
    return p;
  }));
}

function jumpTo(line, column) {
  showMode('text');
  const area = $('#text');
  const lines = area.value.split('\n');
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, (column || 1) - 1);
  area.focus();
  area.setSelectionRange(start, start);
  const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 20;
  area.scrollTop = Math.max(0, (line - 3) * lineHeight);
}

// The importer's `# 请核对` comments, each a link to its line.
function listGuesses(text) {
  const guesses = text.split('\n').map((l, i) => [i + 1, l.trim()]).filter(([, l]) => l.startsWith('# 请核对'));
  $('#guesses-box').hidden = guesses.length === 0;
  $('#guesses').replaceChildren(...guesses.map(([line, l]) => {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.textContent = `第 ${line} 行：${l.slice(2)}`;
    link.addEventListener('click', () => jumpTo(line + 1, 1));
    item.append(link);
    return item;
  }));
}

async function freeName(stem) {
  const taken = new Set((await refreshList()).map((f) => f.name));
  let name = `${stem}.yaml`;
  for (let n = 2; taken.has(name); n++) name = `${stem}-${n}.yaml`;
  return name;
}

async function newFile(event) {
  event.preventDefault();
  let name = $('#new-name').value.trim();
  if (!/\.ya?ml$/i.test(name)) name += '.yaml';
  const taken = (await refreshList()).some((f) => f.name === name);
  if (taken) return openFile(name);
  show(name, NEW_TEXT, null);
  await save();
  await refreshList();
  $('#new-name').value = '';
}

async function importDraft(event) {
  event.preventDefault();
  const file = $('#import-file').files[0];
  const pasted = $('#import-paste').value;
  if (!file && !pasted.trim()) return showError({ error: '请选择草稿文件，或把草稿文字粘贴在框里' });
  const draftName = file ? file.name : '粘贴的草稿.txt';
  status('正在导入…');
  try {
    const imported = await (await api('POST', path('import', draftName), file || pasted)).json();
    await flushSave();
    const name = await freeName(draftName.replace(/\.[^.]*$/, ''));
    show(name, imported.yaml, null);
    await save();
    await refreshList();
    status(`已导入为 ${name}：请核对下面列出的 ${imported.guesses.length} 处`);
  } catch (e) {
    status('导入失败');
    showError(e);
  }
}

async function download(format) {
  status(`正在生成 ${format.toUpperCase()}…`);
  try {
    const response = await api('POST', `${path('download', current)}?format=${format}`, $('#text').value);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = current.replace(/\.ya?ml$/i, `.${format}`);
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    status(`已生成 ${link.download}`);
  } catch (e) {
    status('生成失败');
    showError(e);
  }
}

async function start() {
  $('#text').addEventListener('input', () => edited());
  $('#new-form').addEventListener('submit', newFile);
  $('#import-form').addEventListener('submit', importDraft);
  $('#docx').addEventListener('click', () => download('docx'));
  $('#pdf').addEventListener('click', () => download('pdf'));
  document.addEventListener('visibilitychange', () => { if (document.hidden) flushSave(); });
  try {
    const files = await refreshList();
    const last = localStorage.getItem('dossier-last');
    if (last && files.some((f) => f.name === last)) openFile(last);
  } catch (e) {
    showError(e);
  }
}

start();
