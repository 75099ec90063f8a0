'use strict';
// The 通知与方案 form: every field of a scheme file as a labelled box, built from the
// description of the fields below (kind: text, paragraphs, names, date, a list of items with
// fields …). The form edits the YAML tree the server reads from the text (POST /api/form);
// each edit has the server write the tree back as text (POST /api/text, the text's comment
// lines kept above their fields), which is then saved and previewed as typed text is. Text
// typed in the text box redraws the form. A field the form does not know stays in the tree
// as written, so nothing is lost by editing through the form.

const F = (key, label, kind = 'text', hint = '', more = {}) => ({ key, label, kind, hint, ...more });
const FORM_DELAY = 250;

const YES_NO = [['', '默认'], [true, '是'], [false, '否']];
const TEXTS = (key, label, hint) => F(key, label, 'texts', hint);

const NOTICE = [
  F('issuer', '发文机关', 'names', '必填。联合行文每行一个，主办机关在前'),
  F('doc_no', '发文字号', 'text', '如 青文明办〔2024〕3号'),
  F('to', '主送机关', 'names', '每行一个；写在一行时照写（保留其中的、和，）'),
  F('title', '标题', 'text', '不写则为 关于印发《方案标题》的通知'),
  F('body', '正文', 'paras', '空一行另起一段；不写则由 dossier 拟“现将《…》印发给你们……”'),
  F('body_lead', '正文开头', 'text', '只在不写正文时用：如 经市委、市政府同意，'),
  F('date', '成文日期', 'date', '必填，如 2024-03-18'),
  F('signature', '署名', 'names', '不写则同发文机关'),
  F('cc', '抄送', 'names', '版记：抄送机关，每行一个'),
  F('printer', '印发机关', 'text', '版记：如 市文明办秘书科'),
  F('print_date', '印发日期', 'date', '不写则同成文日期'),
  F('note', '附注', 'text', '不加括号'),
  F('copy_no', '份号', 'text', '1–6 位数字'),
  F('secrecy', '密级和保密期限', 'text', '如 秘密★1年'),
  F('urgency', '紧急程度', 'choice', '', { options: [['', '无'], ['特急', '特急'], ['加急', '加急']] }),
  F('mark', '发文机关标志', 'names', '不写则同发文机关'),
  F('mark_suffix', '标志后缀', 'text', '不写为“文件”；纪要写“纪要”'),
  F('signer', '签发人', 'names', '上行文才写'),
  F('title_with_issuer', '标题冠发文机关名称', 'bool'),
  F('scheme_as_attachment', '方案作为附件', 'bool', '否：印发式，方案不标“附件”'),
  F('attended', '出席', 'names', '纪要：每行一个，单位加姓名'),
  F('absent', '请假', 'names', '纪要'),
  F('observers', '列席', 'names', '纪要'),
  F('seal', '印章', 'seal', '写“是”为打印后手工盖章，或写印章图片文件名（PNG，透明底）'),
  F('seal_mm', '印章直径（毫米）', 'number', '30–60，默认 42'),
  F('preprinted', '套打（纸上已有红色版头）', 'bool'),
  F('letter', '信函格式（函）', 'bool'),
  F('end_on_even_page', '版记在偶数页', 'bool', '默认是'),
];

const MEMBERS = [F('name', '姓名'), F('title', '职务'), F('post', '或：岗位（多人所任）')];
const OFFICE = [
  F('location', '办公室设在'), F('name', '办公室名称', 'text', '如 领导小组办公室'),
  F('charge', '职责短语', 'text', '如 具体负责日常工作'),
  F('director', '办公室主任', 'person'), F('deputies', '副主任', 'people'),
  F('appointment', '任职说法', 'choice', '', { options: [['', '默认（同志任）'], ['comrade', '张三同志任'], ['takes', '张三任'], ['is', '张三为']] }),
  F('short_name', '简称'), F('concurrent', '兼任', 'bool'),
  F('members', '成员组成', 'text', '如 各成员单位抽调人员'),
  TEXTS('duties', '主要职责', '每项一条，不加句末标点'),
  F('duties_label', '职责标题'), F('text', '补充说明', 'text', '自己写标点'),
];
const GROUP = [
  F('name', '小组名称', 'text', '必填，如 创建工作领导小组'),
  F('form', '写法', 'choice', '', { options: [['', '名单式'], ['roster', '名单式'], ['prose', '一段话']] }),
  F('lead_in', '成立前的话', 'text', '一段话写法才用'),
  F('roles', '职务', 'list', '', { of: [F('role', '职务', 'text', '如 组长'), F('members', '人员', 'people')], item: '职务' }),
  F('office', '办公室', 'object', '', { of: OFFICE }),
];
const STEP = [F('text', '内容'), TEXTS('steps', '小步骤')];
const STAGE = [
  F('name', '阶段名称', 'text', '必填，不写“第一阶段”'), F('prefix', '阶段前缀'),
  F('period', '时间', 'period'), F('text', '正文', 'paras'),
  F('steps', '步骤', 'list', '', { of: STEP, short: 'text', item: '步骤' }),
  F('steps_label', '步骤标题', 'text', '如 主要工作'),
];
const PART = [F('text', '内容'), F('units', '责任单位', 'names'), F('unit_phrase', '单位后的话')];
const TASK = [
  F('title', '标题'), F('text', '内容', 'paras'),
  F('parts', '分项', 'list', '', { of: PART, item: '分项' }),
  F('units', '责任单位', 'names'), F('unit_lead', '单位前的话', 'text', '如 上述各项由'),
  F('unit_phrase', '单位后的话', 'text', '默认 负责'),
];
const FORMS = [['', '默认'], ['semicolon', '协调人：A；副协调人：B。'], ['comma', '协调人：A，副协调人：B']];
const AREA = [
  F('name', '任务领域', 'text', '必填'), F('coordinators', '协调人', 'names'),
  F('deputy_coordinators', '副协调人', 'names'), F('coordinator_label', '协调人称谓'),
  F('coordinator_form', '协调人行写法', 'choice', '', { options: FORMS }),
  F('units', '责任单位', 'names'), F('unit_phrase', '单位后的话'), F('text', '说明', 'paras'),
  F('tasks', '任务', 'list', '', { of: TASK, item: '任务' }),
];
const WORK_GROUP = [
  F('name', '工作组', 'text', '必填'), F('duty', '职责', 'text', '自己写句末标点'),
  F('leaders', '责任领导', 'names'), F('lead_units', '牵头单位', 'names'),
  F('lead_people', '责任人', 'names'), F('units', '责任单位', 'names'),
  TEXTS('tasks', '主要任务', '每项一条，不加句末标点'),
];
const TITLED = [F('title', '标题'), F('text', '正文', 'paras')];
const TABLE = [
  F('columns', '表头', 'names', '每行一列'),
  F('rows', '行', 'rows', '每行一行，单元格之间用 | 隔开'),
  F('merges', '合并', 'list', '', { of: [F('column', '列（表头）'), F('first', '从第几行', 'number'), F('last', '到第几行', 'number')], item: '合并' }),
];
const SECTION = [
  F('title', '标题', 'text', '不写编号，dossier 自动编'),
  F('run_in', '标题接正文', 'bool', '默认：二级标题以“。”结尾时接正文'),
  F('text', '正文', 'paras', '空一行另起一段；**加粗**'),
  F('table', '表格', 'object', '', { of: TABLE }),
  F('stages', '阶段', 'list', '', { of: STAGE, item: '阶段' }),
  F('stage_form', '阶段标题写法', 'choice', '', { options: [['', '默认（接正文）'], ['run_in', '（一）名称（时间）。正文'], ['ordinal', '第一阶段：名称'], ['heading', '（一）名称（时间）单独一行']] }),
  F('period_form', '阶段时间写法', 'choice', '', { options: [['', '默认（括号）'], ['brackets', '名称（时间）'], ['line', '时间：……。']] }),
  F('group', '领导小组', 'object', '', { of: GROUP }),
  F('lists', '列举', 'list', '', { of: [F('label', '标题'), TEXTS('items', '各项')], item: '列举' }),
  F('work_groups', '工作组', 'list', '', { of: WORK_GROUP, item: '工作组' }),
  F('task_areas', '任务领域', 'list', '', { of: AREA, item: '任务领域' }),
  F('requirements', '工作要求', 'list', '', { of: TITLED, item: '要求' }),
  F('sections', '下级标题', 'list', '', { of: null, item: '标题' }),
  F('items', '隔级条目（跳过一级编号）', 'list', '', { of: null, item: '条目' }),
  F('text_after', '结尾段落', 'paras'),
];
SECTION.filter((f) => f.of === null).forEach((f) => { f.of = SECTION; });
const DOCUMENT = [
  F('title', '标题', 'text', '必填'), F('preamble', '开头段落', 'paras'),
  F('sections', '一级标题', 'list', '', { of: SECTION, item: '标题' }),
  F('file', '已有文件', 'text', 'PDF 或 .docx，写了就不写标题以外的内容'),
  F('unit_phrase', '单位后的话', 'text', '默认 负责'), F('coordinator_label', '协调人称谓'),
  F('coordinator_form', '协调人行写法', 'choice', '', { options: FORMS }),
  F('continuous', '连续编号的层级', 'levels', '如 3，或 2,3'),
];
const ROW = ['seq', 'item', 'content', 'method', 'lead', 'coop', 'deadline', 'status'];
const ROW_NAMES = ['序号', '测评项目', '测评内容（必填）', '测评方式', '责任单位（必填）', '配合单位', '完成时限', '完成情况'];
const TASKS = [
  F('file', '任务表文件', 'text', '.xlsx/.xls/.ods/.csv，与方案文件同一文件夹'),
  F('sheet', '工作表'), F('title', '表题'),
  F('rows', '或逐行填写', 'list', '', { of: ROW.map((k, i) => F(k, ROW_NAMES[i])), item: '行' }),
];
const TOP = [
  F('notice', '通知', 'object', '', { of: NOTICE }),
  F('scheme', '方案', 'object', '', { of: DOCUMENT }),
  F('attachments', '其他附件', 'list', '', { of: DOCUMENT, item: '附件' }),
  F('tasks', '测评任务分解表', 'object', '', { of: TASKS }),
  F('fonts', '字体', 'choice', '', { options: [['', '默认（gb2312）'], ['gb2312', 'gb2312'], ['win10', 'win10']] }),
];

// A list item written as a text (a step) shown with its fields: written back as a text while
// only that field is set.
const shortItems = new WeakMap();

let formTree = null;
let formComments = [];
let formLines = [];
let formTimer = null;
let textTimer = null;
let formSeq = 0;

const el = (tag, props = {}, ...children) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
};
const child = (p, k) => (typeof k === 'number' ? `${p}[${k}]` : p ? `${p}.${k}` : k);
const empty = (v) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

// The text changed: the form is read from it again.
function formFromText(delay = FORM_DELAY) {
  clearTimeout(formTimer);
  formTimer = setTimeout(readForm, delay);
}

async function readForm() {
  if (!current) return;
  const seq = ++formSeq;
  try {
    const read = await (await api('POST', path('form', current), $('#text').value)).json();
    if (seq !== formSeq) return;
    formTree = read.tree;
    formComments = read.comments;
    formLines = read.lines;
    drawForm(read.error);
  } catch (e) {
    if (seq === formSeq) showError(e);
  }
}

// The form changed: the text is written from the tree, then saved and previewed.
function textFromForm() {
  clearTimeout(textTimer);
  textTimer = setTimeout(writeText, FORM_DELAY);
}

async function writeText() {
  const body = JSON.stringify({ tree: formTree, comments: formComments });
  try {
    const written = await (await api('POST', '/api/text', body, { 'Content-Type': 'application/json' })).json();
    $('#text').value = written.text;
    edited({ fromForm: true });
    const seq = ++formSeq;
    const read = await (await api('POST', path('form', current), written.text)).json();
    if (seq !== formSeq) return;
    formLines = read.lines;
    formComments = read.comments;
    markError(read.error);
  } catch (e) {
    showError(e);
  }
}

function drawForm(error) {
  const box = $('#form');
  if (!formTree || typeof formTree !== 'object' || Array.isArray(formTree)) {
    box.replaceChildren(el('p', { className: 'hint', textContent: '文本还不是可读的方案文件，请先在“文本”里改正下面的错误。' }));
    return markError(error);
  }
  box.replaceChildren(...TOP.map((f) => field(f, formTree, '')));
  markError(error);
}

function redraw() {
  const scroll = $('#form').scrollTop;
  drawForm(null);
  $('#form').scrollTop = scroll;
  textFromForm();
}

// One field of `obj`, at `base`.
function field(f, obj, base) {
  const at = child(base, f.key);
  const box = el('div', { className: `field ${f.kind}` });
  box.dataset.field = at;
  const label = el('label', {}, el('span', { textContent: f.label }));
  if (f.kind === 'object') return objectField(f, obj, at, box);
  if (f.kind === 'list') return listField(f, obj, at, box);
  const input = widget(f, obj, at);
  input.dataset.input = at;
  label.append(input);
  box.append(label);
  if (f.hint) box.append(el('small', { className: 'hint', textContent: f.hint }));
  return box;
}

function set(obj, key, value) {
  if (empty(value)) delete obj[key]; else obj[key] = value;
  if (shortItems.has(obj)) shortItems.get(obj)();
  textFromForm();
}

function widget(f, obj, at) {
  const v = obj[f.key];
  const input = (value, type = 'text') => el('input', { type, value: value ?? '' });
  const area = (value, rows) => el('textarea', { rows, value: value ?? '' });
  let w;
  switch (f.kind) {
    case 'paras':
      w = area(Array.isArray(v) ? v.join('\n\n') : v, 3);
      w.oninput = () => {
        const paras = w.value.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
        set(obj, f.key, paras.length > 1 ? paras : w.value.trim());
      };
      return w;
    case 'names':
    case 'texts':
      w = area(Array.isArray(v) ? v.join('\n') : v, 2);
      w.oninput = () => {
        const lines = w.value.split('\n').map((l) => l.trim()).filter(Boolean);
        set(obj, f.key, f.kind === 'names' && lines.length === 1 ? lines[0] : lines);
      };
      return w;
    case 'rows':
      w = area((v || []).map((r) => (Array.isArray(r) ? r.join(' | ') : r)).join('\n'), 3);
      w.oninput = () => set(obj, f.key, w.value.split('\n').filter((l) => l.trim()).map((l) => l.split('|').map((c) => c.trim())));
      return w;
    case 'bool':
    case 'choice':
      return choice(f, obj, f.kind === 'bool' ? YES_NO : f.options);
    case 'number':
      w = input(v, 'number');
      w.oninput = () => set(obj, f.key, w.value === '' ? '' : Number(w.value));
      return w;
    case 'levels':
      w = input(Array.isArray(v) ? v.join(',') : v);
      w.oninput = () => {
        const levels = w.value.split(/[,，、\s]+/).filter(Boolean).map(Number);
        set(obj, f.key, levels.length > 1 ? levels : levels[0]);
      };
      return w;
    case 'seal':
      w = input(v === true ? '是' : v);
      w.oninput = () => set(obj, f.key, w.value.trim() === '是' ? true : w.value.trim());
      return w;
    case 'period': return period(f, obj);
    case 'person': return person(f, obj);
    case 'people': return people(f, obj, at);
    default:
      w = f.kind === 'date' ? input(v) : area(v, 1);
      if (f.kind === 'date') w.placeholder = '2024-03-18';
      w.oninput = () => set(obj, f.key, w.value);
      return w;
  }
}

function choice(f, obj, options) {
  const w = el('select');
  const v = obj[f.key];
  options.forEach(([value, text], i) => {
    w.append(el('option', { value: String(i), textContent: text, selected: value === v || (value === '' && v === undefined) }));
  });
  w.onchange = () => set(obj, f.key, options[Number(w.value)][0]);
  return w;
}

function period(f, obj) {
  const v = obj[f.key];
  const ranged = v && typeof v === 'object';
  const words = el('input', { value: ranged ? '' : v ?? '', placeholder: '文字，如 6月至12月' });
  const from = el('input', { value: ranged ? v.from ?? '' : '', placeholder: '或 起：2024-05-06' });
  const to = el('input', { value: ranged ? v.to ?? '' : '', placeholder: '止：2024-05-31' });
  const update = () => {
    if (from.value.trim()) {
      const range = { from: from.value.trim() };
      if (to.value.trim()) range.to = to.value.trim();
      set(obj, f.key, range);
    } else {
      set(obj, f.key, words.value);
    }
  };
  [words, from, to].forEach((i) => { i.oninput = update; });
  return el('span', { className: 'row' }, words, from, to);
}

function person(f, obj) {
  const v = obj[f.key];
  const name = el('input', { value: typeof v === 'object' && v ? v.name ?? '' : v ?? '', placeholder: '姓名' });
  const title = el('input', { value: typeof v === 'object' && v ? v.title ?? '' : '', placeholder: '职务（可不写）' });
  const update = () => set(obj, f.key, title.value.trim() ? { name: name.value, title: title.value } : name.value);
  name.oninput = update;
  title.oninput = update;
  return el('span', { className: 'row' }, name, title);
}

// People: names in one line (dossier splits them at 、), or one person a row with a title.
function people(f, obj, at) {
  const v = obj[f.key];
  if (!Array.isArray(v)) {
    const names = el('input', { value: v ?? '', placeholder: '姓名，用、隔开' });
    names.oninput = () => set(obj, f.key, names.value);
    const split = el('button', { type: 'button', textContent: '逐人填写（带职务）' });
    split.onclick = () => {
      obj[f.key] = (names.value.split(/[、，,；;/／\s]+/).filter(Boolean));
      redraw();
    };
    return el('span', { className: 'row' }, names, split);
  }
  const rows = v.map((p, i) => {
    const item = typeof p === 'string' ? { name: p } : p;
    const inputs = MEMBERS.map((m) => {
      const input = el('input', { value: item[m.key] ?? '', placeholder: m.label });
      input.oninput = () => {
        if (input.value.trim()) item[m.key] = input.value; else delete item[m.key];
        const keys = Object.keys(item);
        v[i] = keys.length === 1 && keys[0] === 'name' ? item.name : item;
        textFromForm();
      };
      return input;
    });
    return el('span', { className: 'row' }, ...inputs, buttons(v, i, at));
  });
  const add = el('button', { type: 'button', textContent: '添加人员' });
  add.onclick = () => { v.push(''); redraw(); };
  return el('span', { className: 'people' }, ...rows, add);
}

function objectField(f, obj, at, box) {
  const legend = el('legend', { textContent: f.label });
  const set_ = el('fieldset', {}, legend);
  box.append(set_);
  if (!obj[f.key] || typeof obj[f.key] !== 'object') {
    const add = el('button', { type: 'button', textContent: `加上${f.label}` });
    add.onclick = () => { obj[f.key] = {}; redraw(); };
    set_.append(add);
    return box;
  }
  const remove = el('button', { type: 'button', className: 'remove', textContent: `去掉${f.label}` });
  remove.onclick = () => {
    if (!confirm(`去掉整个“${f.label}”？`)) return;
    delete obj[f.key];
    formComments = formComments.filter((c) => !inside(c.field, at));
    redraw();
  };
  legend.append(' ', remove);
  set_.append(...f.of.map((g) => field(g, obj[f.key], at)));
  return box;
}

function listField(f, obj, at, box) {
  const items = Array.isArray(obj[f.key]) ? obj[f.key] : [];
  const set_ = el('fieldset', {}, el('legend', { textContent: f.label }));
  items.forEach((item, i) => {
    const itemAt = child(at, i);
    const whole = f.short && typeof item === 'string' ? { [f.short]: item } : item;
    if (whole !== item) {
      shortItems.set(whole, () => {
        const keys = Object.keys(whole);
        items[i] = keys.length === 1 && keys[0] === f.short ? whole[f.short] : whole;
      });
    }
    const one = el('fieldset', { className: 'item' }, el('legend', {}, `${f.item} ${i + 1} `, buttons(items, i, at)));
    one.dataset.field = itemAt;
    one.append(...f.of.map((g) => field(g, whole, itemAt)));
    set_.append(one);
  });
  const add = el('button', { type: 'button', className: 'add', textContent: `添加${f.item}` });
  add.dataset.add = at;
  add.onclick = () => {
    if (!Array.isArray(obj[f.key])) obj[f.key] = [];
    obj[f.key].push({});
    redraw();
  };
  set_.append(add);
  box.append(set_);
  return box;
}

// ↑ ↓ ✕ for item `i` of `list` at `at`; the comments above an item move with it.
function buttons(list, i, at) {
  const b = (text, title, go) => {
    const button = el('button', { type: 'button', textContent: text, title });
    button.onclick = go;
    return button;
  };
  const swap = (j) => {
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    moveComments(at, (k) => (k === i ? j : k === j ? i : k));
    redraw();
  };
  const remove = () => {
    list.splice(i, 1);
    formComments = formComments.filter((c) => !inside(c.field, child(at, i)));
    moveComments(at, (k) => (k > i ? k - 1 : k));
    redraw();
  };
  return el('span', { className: 'moves' }, b('↑', '上移', () => swap(i - 1)), b('↓', '下移', () => swap(i + 1)), b('✕', '删除', remove));
}

const inside = (field, at) => field === at || field.startsWith(`${at}.`) || field.startsWith(`${at}[`);

function moveComments(at, to) {
  const prefix = `${at}[`;
  formComments.forEach((c) => {
    if (!c.field.startsWith(prefix)) return;
    const close = c.field.indexOf(']', prefix.length);
    const k = Number(c.field.slice(prefix.length, close));
    c.field = `${prefix}${to(k)}${c.field.slice(close)}`;
  });
}

// The error shown at its field (or the nearest enclosing one the form has) as well.
function markError(error) {
  document.querySelectorAll('#form .field-error').forEach((e) => e.remove());
  document.querySelectorAll('#form .has-error').forEach((e) => e.classList.remove('has-error'));
  if (!error) return;
  let at = error.field;
  let box = null;
  while (!box) {
    box = document.querySelector(`#form [data-field="${CSS.escape(at)}"]`);
    if (box || !at) break;
    const cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
    at = cut > 0 ? at.slice(0, cut) : '';
  }
  const message = el('p', { className: 'field-error', textContent: error.error.replace(/^[^ ]*: /, '') });
  if (!box) { $('#form').prepend(message); return; }
  box.classList.add('has-error');
  box.append(message);
}

// The 表单 / 文本 switch.
function showMode(mode) {
  $('#form').hidden = mode !== 'form';
  $('#text').hidden = mode !== 'text';
  document.querySelectorAll('#mode button').forEach((b) => b.classList.toggle('current', b.dataset.mode === mode));
  localStorage.setItem('dossier-mode', mode);
}

document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('#mode button').forEach((b) => b.addEventListener('click', () => showMode(b.dataset.mode)));
  showMode(localStorage.getItem('dossier-mode') || 'form');
});
