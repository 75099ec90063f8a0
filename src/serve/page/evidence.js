'use strict';
// The 佐证材料 part: choose the evidence folder on this machine, the scheme file it belongs
// to, see the plan, bundle it into the workspace with live progress (a background job whose
// events come over server-sent events; leaving the page stops nothing, 取消 stops it), verify
// an archive and read its 材料目录.
(() => {
  const q = (s) => document.querySelector(`#evidence ${s}`);
  let folder = null;
  let job = null;
  const JOB_KEY = 'dossier-evidence-job';

  async function call(method, url, body, type = 'application/json') {
    const headers = body === undefined ? {} : { 'Content-Type': type };
    return (await api(method, url, body, headers)).json();
  }

  const say = (where, text, kind = '') => {
    const box = q(where);
    box.textContent = text;
    box.className = `message ${kind}`;
  };
  const fail = (where) => (e) => say(where, e.error || String(e), 'error');
  const cell = (tag, text) => {
    const c = document.createElement(tag);
    c.textContent = text;
    return c;
  };
  const row = (cells, tag = 'td') => {
    const tr = document.createElement('tr');
    tr.append(...cells.map((c) => cell(tag, c)));
    return tr;
  };
  const table = (header, rows) => {
    const t = document.createElement('table');
    t.append(row(header, 'th'), ...rows.map((r) => row(r)));
    return t;
  };
  const size = (bytes) => (bytes < 1024 ? `${bytes} B`
    : bytes < 1048576 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1048576).toFixed(1)} MB`);

  // The folder chooser: one level at a time, folders only.
  async function browse(path) {
    const url = path ? `/api/folders?path=${encodeURIComponent(path)}` : '/api/folders';
    let listed;
    try {
      listed = await call('GET', url);
    } catch (e) {
      return fail('#ev-folder-message')(e);
    }
    say('#ev-folder-message', listed.path
      ? `这个文件夹里另有 ${listed.files} 个文件${listed.more ? '；文件夹太多，只列出前 2000 个' : ''}` : '从这里开始找');
    q('#ev-path').value = listed.path || '';
    q('#ev-up').disabled = !listed.parent;
    q('#ev-up').dataset.path = listed.parent || '';
    q('#ev-choose').disabled = !listed.path;
    q('#ev-folders').replaceChildren(...listed.folders.map((f) => {
      const item = document.createElement('li');
      const button = cell('button', f.link ? `${f.name}（链接）` : f.name);
      button.type = 'button';
      button.className = f.link ? 'link' : '';
      button.addEventListener('click', () => browse(f.path));
      item.append(button);
      return item;
    }));
  }

  async function schemes() {
    const files = await call('GET', '/api/schemes').catch(() => []);
    const select = q('#ev-scheme');
    const keep = select.value;
    const none = cell('option', '（不按指标对应，保留文件夹原样）');
    none.value = '';
    select.replaceChildren(none, ...files.map((f) => {
      const option = cell('option', f.name);
      option.value = f.name;
      return option;
    }));
    if (files.some((f) => f.name === keep)) select.value = keep;
  }

  const asked = (out) => JSON.stringify({ folder, scheme: q('#ev-scheme').value || null, out });

  async function plan() {
    if (!folder) return say('#ev-plan-message', '请先选定材料文件夹', 'error');
    let p;
    try {
      p = await call('POST', '/api/evidence/plan', asked(null));
    } catch (e) {
      q('#ev-plan').replaceChildren();
      return fail('#ev-plan-message')(e);
    }
    const matched = p.indicators ? `${p.indicators} 项指标中 ${p.covered} 项有材料` : '未按指标对应（没有选方案文件）';
    say('#ev-plan-message', `将打包 ${p.files} 个文件，共 ${size(p.bytes)}；${matched}`);
    const parts = [cell('h3', '文件夹对应的指标'),
      table(['文件夹', '对应指标', '文件数', '放入压缩包的'], p.entries.map((e) => [e.name, e.indicator || '（不对应任何指标）', String(e.files), e.folder]))];
    if (p.missing.length) {
      parts.push(cell('h3', `缺少材料的指标（${p.missing.length} 项）`),
        table(['编号', '指标', '责任单位'], p.missing.map((m) => [m.code, m.name, m.units.join('、')])));
    }
    if (p.set_aside.length) {
      parts.push(cell('h3', '不打包或另放的'), table(['路径', '原因'], p.set_aside));
    }
    q('#ev-plan').replaceChildren(...parts);
    q('#ev-bundle').disabled = false;
  }

  function showProgress(s) {
    const bar = q('#ev-progress');
    bar.max = Math.max(s.files, 1);
    bar.value = s.done_files;
    q('#ev-progress-text').textContent = `${s.step}：${s.done_files}/${s.files} 个文件，${size(s.done_bytes)}/${size(s.bytes)}`;
  }

  function ended(s) {
    job = null;
    q('#ev-cancel').disabled = true;
    q('#ev-bundle').disabled = false;
    if (s.state === 'done') {
      const r = s.result;
      const volumes = r.archives.length > 1 ? `分 ${r.archives.length} 卷，` : '';
      say('#ev-job-message', `已打包 ${r.files} 个文件，共 ${size(r.bytes)}，${volumes}写入工作文件夹：${r.archives.join('、')}`, 'ok');
      const links = [...r.archives, ...(r.master ? [r.master] : [])].map((name) => {
        const a = cell('a', `下载 ${name}`);
        a.href = `/api/evidence/files/${encodeURIComponent(name)}`;
        a.download = name;
        return a;
      });
      q('#ev-downloads').replaceChildren(...links);
      q('#ev-verify-name').value = r.archives[0];
      verifyNamed().then(() => catalogue(r.archives[0]));
    } else {
      const lost = '与 dossier 的连接断开了，看不到这项打包的进度；重新打开 dossier serve 后请重新打包';
      const why = s.error ? s.error.error : s.state === 'lost' ? lost : '打包没有完成';
      say('#ev-job-message', why, 'error');
    }
  }

  // Follows job `id`: its events until the end. Kept in this browser, so a reload follows
  // the same job again (or shows its result).
  function follow(id) {
    job = id;
    q('#ev-bundle').disabled = true;
    q('#ev-cancel').disabled = false;
    followJob(id, JOB_KEY, String(id), { progress: showProgress, end: ended });
  }

  // The volume size as --max-size takes it: a plain number is MB.
  function maxSize() {
    const typed = q('#ev-max-size').value.trim();
    if (typed === '') return null;
    return /^[0-9.]+$/.test(typed) ? `${typed}M` : typed;
  }

  async function bundle() {
    const body = JSON.parse(asked(q('#ev-out').value.trim()));
    body.max_size = maxSize();
    body.store = q('#ev-store').checked;
    let started;
    try {
      started = await call('POST', '/api/evidence/bundle', JSON.stringify(body));
    } catch (e) {
      return fail('#ev-job-message')(e);
    }
    q('#ev-downloads').replaceChildren();
    say('#ev-job-message', '正在打包：离开或刷新这个页面不会停止打包；要停止请按“取消”');
    follow(started.id);
  }

  async function cancel() {
    if (job === null) return;
    await call('POST', `/api/jobs/${job}/cancel`).catch(fail('#ev-job-message'));
  }

  function showFindings(f) {
    say('#ev-verify-message', f.ok ? `校验通过：${f.archive}` : `未通过校验：${f.archive}`, f.ok ? 'ok' : 'error');
    q('#ev-findings').replaceChildren(...f.lines.map((l) => cell('li', l)));
  }

  async function verifyNamed() {
    const name = q('#ev-verify-name').value.trim();
    const body = name.startsWith('/') || /^[A-Za-z]:\\/.test(name) ? { path: name } : { name };
    try {
      showFindings(await call('POST', '/api/evidence/verify', JSON.stringify(body)));
    } catch (e) {
      q('#ev-findings').replaceChildren();
      fail('#ev-verify-message')(e);
    }
  }

  async function verifyUpload() {
    const file = q('#ev-verify-file').files[0];
    if (!file) return say('#ev-verify-message', '请先选择要上传的压缩包', 'error');
    say('#ev-verify-message', `正在上传并校验 ${file.name}…`);
    try {
      const url = `/api/evidence/upload?name=${encodeURIComponent(file.name)}`;
      showFindings(await call('POST', url, file, 'application/zip'));
    } catch (e) {
      fail('#ev-verify-message')(e);
    }
  }

  async function catalogue(name) {
    let c;
    try {
      c = await call('GET', `/api/evidence/catalogue/${encodeURIComponent(name)}`);
    } catch (e) {
      return fail('#ev-catalogue-message')(e);
    }
    say('#ev-catalogue-message', `${c.archive} 里的材料目录.xlsx`);
    q('#ev-catalogue').replaceChildren(...c.sheets.flatMap((s) => [
      cell('h3', `${s.name}（${s.rows.length} 行）`), table(s.header, s.rows)]));
  }

  document.addEventListener('DOMContentLoaded', () => {
    q('#ev-up').addEventListener('click', (e) => browse(e.target.dataset.path));
    q('#ev-starts').addEventListener('click', () => browse(''));
    q('#ev-go').addEventListener('submit', (e) => {
      e.preventDefault();
      browse(q('#ev-path').value.trim());
    });
    q('#ev-choose').addEventListener('click', () => {
      folder = q('#ev-path').value;
      q('#ev-chosen').textContent = folder;
      q('#ev-bundle').disabled = true;
      plan();
    });
    q('#ev-scheme').addEventListener('focus', schemes);
    q('#ev-scheme').addEventListener('change', () => folder && plan());
    q('#ev-plan-button').addEventListener('click', plan);
    q('#ev-bundle').addEventListener('click', bundle);
    q('#ev-cancel').addEventListener('click', cancel);
    q('#ev-verify-button').addEventListener('click', verifyNamed);
    q('#ev-upload-button').addEventListener('click', verifyUpload);
    q('#ev-catalogue-button').addEventListener('click', () => catalogue(q('#ev-verify-name').value.trim()));
    browse('');
    schemes();
    const running = localStorage.getItem(JOB_KEY);
    if (running !== null) follow(Number(running));
  });
})();
