"""Measures how much of each draft's structure `dossier import` recovers, on the corpus
(tests/drafts/corpus/) and on the held-out drafts nobody tuned to (tests/drafts/unseen/).

For each NN-名称.yaml it imports the draft beside it with target/release/dossier, renders the
imported scheme file and the expected one, and compares the two DOCX paragraph by paragraph
(table cells too): a paragraph counts as recovered when its text (with the numbers dossier
gave it, so a heading at the wrong level or a part not recognised shows) and the face and
weight of its first run are the same. A draft is recovered exactly when every paragraph is.
The YAML itself is not compared: two scheme files that print the same document are the same
to the reader, and the lead's Rust tests compare the parsed schemes.

Run: /work/main/.venv/bin/python tests/tools/measure_import.py [--diff] [NAME…]
(after `cargo build --release`).
"""
import difflib
import glob
import os
import subprocess
import sys
import tempfile

import docx
from docx.oxml.ns import qn

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DOSSIER = os.path.join(ROOT, "target", "release", "dossier")


def keys(path):
    """Each non-empty paragraph and cell of the DOCX as (face, bold, text)."""
    out = []
    for p in docx.Document(path).element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if not text.strip():
            continue
        run = next((r for r in p.iter(qn("w:r")) if r.find(qn("w:t")) is not None), None)
        rpr = run.find(qn("w:rPr")) if run is not None else None
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        face = fonts.get(qn("w:eastAsia")) if fonts is not None else None
        bold = rpr is not None and rpr.find(qn("w:b")) is not None
        out.append((face, bold, text))
    return out


def run(args):
    return subprocess.run([DOSSIER, *args], capture_output=True, text=True)


def measure(yaml, tmp, show):
    stem = yaml[: -len(".yaml")]
    draft = next((stem + e for e in (".docx", ".txt", ".md") if os.path.exists(stem + e)), None)
    imported = os.path.join(tmp, "imported.yaml")
    done = run(["import", draft, "-o", imported])
    expected = keys(render(yaml, tmp, "expected"))
    if done.returncode != 0:
        return 0, len(expected), done.stderr.strip().splitlines()[:1]
    rendered = run(["render", imported, "-o", os.path.join(tmp, "imported.docx")])
    if rendered.returncode != 0:
        return 0, len(expected), rendered.stderr.strip().splitlines()[:1]
    got = keys(os.path.join(tmp, "imported.docx"))
    matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    same = sum(b.size for b in matcher.get_matching_blocks())
    notes = []
    if show:
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op != "equal":
                notes += [f"  - {k[2]}" for k in expected[a1:a2]] + [f"  + {k[2]}" for k in got[b1:b2]]
    return same, len(expected), notes


def render(yaml, tmp, name):
    out = os.path.join(tmp, name + ".docx")
    done = run(["render", yaml, "-o", out])
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    return out


def main(argv):
    show = "--diff" in argv
    names = [a for a in argv if a != "--diff"]
    for folder in ("corpus", "unseen"):
        yamls = sorted(glob.glob(os.path.join(ROOT, "tests", "drafts", folder, "*.yaml")))
        yamls = [y for y in yamls if not names or any(n in y for n in names)]
        total = found = exact = 0
        for yaml in yamls:
            with tempfile.TemporaryDirectory() as tmp:
                same, count, notes = measure(yaml, tmp, show)
            total, found, exact = total + count, found + same, exact + (same == count)
            print(f"{same:4}/{count:<4} {os.path.basename(yaml)[:-5]}")
            for line in notes:
                print(line)
        if yamls:
            print(f"{folder}: {exact}/{len(yamls)} drafts exact, {found}/{total} paragraphs "
                  f"({100 * found / max(total, 1):.0f}%)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
