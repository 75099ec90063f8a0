#!/usr/bin/env python3
"""Checks that dossier and the peer wrote the same tables, or the same notices, so the
benchmark compares the same job. Not timed.

    .venv/bin/python bench/compare.py table DOSSIER.docx PEER.docx
    .venv/bin/python bench/compare.py split DOSSIER_DIR PEER_DIR
    .venv/bin/python bench/compare.py render DOSSIER.docx|DIR PEER.docx|DIR

Reads the first table of each DOCX from word/document.xml: the text of each cell (runs
joined, <w:br/> as a line break), with a cell that continues a vertical merge
(<w:vMerge/> without val="restart") taking the text of the cell above, as a reader sees it.
For split, both directories must hold the same file names, and each pair the same table.
For render, the visible paragraphs of the body in document order (those in tables too):
runs' text, <w:tab/> as a tab, empty paragraphs left out. Line breaks (<w:br/>) are left out
too: where a title breaks is layout, which the peer does not do. Two directories must hold
the same file names, and each pair the same paragraphs.
Prints one line and exits 1 on the first difference.
"""

import os
import sys
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def table_rows(path):
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    tbl = root.find(f".//{W}tbl")
    rows, above = [], []
    for tr in tbl.iter(f"{W}tr"):
        cells = []
        for i, tc in enumerate(tr.findall(f"{W}tc")):
            parts = []
            for p in tc.iter(f"{W}p"):
                text = ""
                for el in p.iter(f"{W}t", f"{W}br"):
                    text += "\n" if el.tag == f"{W}br" else (el.text or "")
                parts.append(text)
            text = "\n".join(parts).strip()
            vm = tc.find(f"{W}tcPr/{W}vMerge")
            if vm is not None and vm.get(f"{W}val") != "restart" and i < len(above):
                text = above[i]
            cells.append(text)
        rows.append(cells)
        above = cells
    return rows


def paragraphs(path):
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
    out = []
    for p in body.iter(f"{W}p"):
        text = ""
        for r in p.iter(f"{W}r"):
            for el in r:
                if el.tag == f"{W}t":
                    text += el.text or ""
                elif el.tag == f"{W}tab":
                    text += "\t"
        if text.strip():
            out.append(text.strip())
    return out


def same_text(a, b):
    pa, pb = paragraphs(a), paragraphs(b)
    for n, (x, y) in enumerate(zip(pa, pb)):
        if x != y:
            return f"paragraph {n + 1} differs:\n  {x!r}\n  {y!r}"
    if len(pa) != len(pb):
        return f"{a} has {len(pa)} paragraphs, {b} {len(pb)}"
    return None


def same_folders(job, a, b, check):
    """Exits unless folders a and b hold the same file names and `check` finds each pair
    alike; returns the names."""
    fa, fb = sorted(os.listdir(a)), sorted(os.listdir(b))
    if fa != fb:
        sys.exit(f"{job}: file names differ: {sorted(set(fa) ^ set(fb))[:5]}")
    for f in fa:
        err = check(os.path.join(a, f), os.path.join(b, f))
        if err:
            sys.exit(f"{job}: {f}: {err}")
    return fa


def render(a, b):
    if not os.path.isdir(a):
        err = same_text(a, b)
        if err:
            sys.exit(f"render: {err}")
        print(f"render: same {len(paragraphs(a))} paragraphs")
        return
    files = same_folders("render", a, b, same_text)
    count = sum(len(paragraphs(os.path.join(a, f))) for f in files)
    print(f"render: same {len(files)} files, {count} paragraphs in all")


def same(a, b):
    ra, rb = table_rows(a), table_rows(b)
    if len(ra) != len(rb):
        return f"{a} has {len(ra)} table rows, {b} {len(rb)}"
    for n, (x, y) in enumerate(zip(ra, rb)):
        if x != y:
            return f"row {n} differs:\n  {x}\n  {y}"
    return None


def main(argv):
    if len(argv) != 4 or argv[1] not in ("table", "split", "render"):
        sys.exit(__doc__.split("\n\n")[1])
    _, job, a, b = argv
    if job == "render":
        render(a, b)
        return
    if job == "table":
        err = same(a, b)
        if err:
            sys.exit(f"table: {err}")
        print(f"table: same {len(table_rows(a)) - 1} task rows")
        return
    files = same_folders("split", a, b, same)
    rows = sum(len(table_rows(os.path.join(a, f))) - 1 for f in files if not f.startswith("000-"))
    print(f"split: same {len(files)} files, {rows} unit task rows in all")


if __name__ == "__main__":
    main(sys.argv)
