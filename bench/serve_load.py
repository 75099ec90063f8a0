#!/usr/bin/env python3
"""The load on `dossier serve` for the web-page benchmark: CLIENTS people editing and
previewing a scheme at once, for SECONDS.

    python3 bench/serve_load.py URL SCHEME.yaml PID CLIENTS SECONDS

URL      the address `dossier serve` printed (with ?token=…)
SCHEME   the scheme file each client edits (each its own copy in the workspace)
PID      the server's process id, whose resident memory is read from /proc once a second

Each client first fetches the page with the token (which sets the cookie), saves its copy as
cN.yaml, then loops: it changes one paragraph (appends its loop count, as typing does), asks
for the preview of the changed text, and every third time saves it over the version it last
saved (If-Match, as the page's autosave does). Every request is timed; any answer but 2xx is
an error. Prints one JSON object: the preview latencies (count, p50, p95, p99, max, in ms),
the saves, the errors (with the first few messages), and the server's resident memory once
a second (KiB). Standard library only.
"""

import http.client
import json
import sys
import threading
import time
import urllib.parse

# The paragraph each client changes: a line of the notice's body in schemes/task-areas.yaml.
EDITED = "请认真组织实施。"


class Client:
    """One person at the page: a connection with the server's cookie."""

    def __init__(self, url, n, text):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        self.name = f"c{n}.yaml"
        self.text = text
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        self.conn.request("GET", f"/?{parts.query}")
        answer = self.conn.getresponse()
        answer.read()
        self.cookie = answer.getheader("Set-Cookie").split(";")[0]
        self.etag = None

    def request(self, method, path, body, extra=None):
        headers = {"Cookie": self.cookie, "Content-Type": "text/plain; charset=utf-8"}
        headers.update(extra or {})
        self.conn.request(method, path, body=body.encode("utf-8"), headers=headers)
        answer = self.conn.getresponse()
        data = answer.read()
        if not 200 <= answer.status < 300:
            raise RuntimeError(f"{method} {path}: {answer.status} {data[:200]!r}")
        return answer, data

    def save(self, text):
        path = "/api/schemes/" + urllib.parse.quote(self.name)
        # The first save takes the file whatever it holds (an earlier run may have left it).
        extra = {"If-Match": f'"{self.etag}"'} if self.etag else {}
        answer, _ = self.request("PUT", path, text, extra)
        self.etag = answer.getheader("ETag").strip('"')

    def preview(self, text):
        path = "/api/preview/" + urllib.parse.quote(self.name)
        _, data = self.request("POST", path, text)
        pages = json.loads(data)["pages"]
        if not pages:
            raise RuntimeError("preview with no pages")


def work(client, until, out, lock):
    try:
        client.save(client.text)
    except (RuntimeError, OSError, http.client.HTTPException) as e:
        with lock:
            out["errors"].append(str(e))
        return
    count = 0
    while time.monotonic() < until:
        count += 1
        text = client.text.replace(EDITED, f"{EDITED[:-1]}（第{count}次修改）。", 1)
        try:
            t0 = time.perf_counter()
            client.preview(text)
            took = (time.perf_counter() - t0) * 1000
            with lock:
                out["previews"].append(took)
            if count % 3 == 0:
                client.save(text)
                with lock:
                    out["saves"] += 1
        except (RuntimeError, OSError, http.client.HTTPException) as e:
            with lock:
                out["errors"].append(str(e))


def memory(pid, until, samples):
    while time.monotonic() < until:
        with open(f"/proc/{pid}/status") as status:
            rss = next(int(l.split()[1]) for l in status if l.startswith("VmRSS:"))
        samples.append(rss)
        time.sleep(1)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def main(argv):
    if len(argv) != 6:
        sys.exit(__doc__.split("\n\n")[1])
    url, scheme, pid, clients, seconds = argv[1], argv[2], int(argv[3]), int(argv[4]), int(argv[5])
    text = open(scheme, encoding="utf-8").read()
    if EDITED not in text:
        sys.exit(f"{scheme} has no paragraph ending {EDITED}")
    out = {"previews": [], "saves": 0, "errors": []}
    lock = threading.Lock()
    people = [Client(url, n, text) for n in range(clients)]
    until = time.monotonic() + seconds
    rss = []
    threads = [threading.Thread(target=memory, args=(pid, until, rss))]
    threads += [threading.Thread(target=work, args=(c, until, out, lock)) for c in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    previews = out["previews"]
    print(json.dumps({
        "clients": clients,
        "seconds": seconds,
        "previews": len(previews),
        "p50_ms": round(percentile(previews, 50), 1) if previews else None,
        "p95_ms": round(percentile(previews, 95), 1) if previews else None,
        "p99_ms": round(percentile(previews, 99), 1) if previews else None,
        "max_ms": round(max(previews), 1) if previews else None,
        "saves": out["saves"],
        "errors": len(out["errors"]),
        "first_errors": out["errors"][:3],
        "rss_kib": rss,
    }))


if __name__ == "__main__":
    main(sys.argv)
