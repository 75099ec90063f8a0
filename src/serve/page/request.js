'use strict';
// One way every part of the page asks dossier for something: a refusal comes back as dossier's
// JSON message, and a server that cannot be reached (dossier stopped) is said in Chinese
// rather than as the browser's TypeError.

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
