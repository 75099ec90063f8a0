'use strict';
// How every part of the page talks to dossier: one request function (a refusal comes back as
// dossier's JSON message, a server that cannot be reached is said in Chinese rather than as
// the browser's TypeError) and one way to follow a background job to its end.

const UNREACHABLE = '连接不上 dossier：它可能已经停止（黑色窗口关了，或按了 Ctrl-C）。重新启动 dossier 后再试';

async function api(method, url, body, headers = {}) {
  // A save still under way when the tab closes is finished by the browser (small ones only).
  const keepalive = method === 'PUT' && body.length < 60000;
  let response;
  try {
    response = await fetch(url, { method, body, headers, credentials: 'same-origin', keepalive });
  } catch (_) {
    throw { error: UNREACHABLE, status: 0 };
  }
  if (!response.ok) {
    let failure;
    try { failure = await response.json(); } catch (_) { failure = { error: `请求失败（${response.status}）` }; }
    failure.status = response.status;
    throw failure;
  }
  return response;
}

// Follows background job `id` over its event stream: `progress` with each step, then `end`
// once with how it ended (`{state: 'lost'}` when the stream closed first). The job is kept in
// this browser under `key` (as `kept`) until it ends, so that a reload follows it again.
function followJob(id, key, kept, { progress, end }) {
  localStorage.setItem(key, kept);
  const events = new EventSource(`/api/jobs/${id}/events`);
  const finish = (s) => {
    events.close();
    localStorage.removeItem(key);
    end(s);
  };
  events.addEventListener('progress', (e) => progress(JSON.parse(e.data)));
  events.addEventListener('end', (e) => {
    const s = JSON.parse(e.data);
    progress(s);
    finish(s);
  });
  events.onerror = () => {
    if (events.readyState === EventSource.CLOSED) finish({ state: 'lost' });
  };
}
