"""Checks that each draft of the import corpus says what its expected scheme file renders.

For every tests/drafts/{corpus,unseen}/NN-名称.yaml it renders the scheme with
target/release/dossier, reads the DOCX's paragraphs and table cells in order with python-docx,
and reads the draft beside it (.docx with python-docx, .txt as UTF-8 or else GB 18030, .md with
its `#`, `*` and `|` marks, `- ` bullets and rule lines taken out). Both are cut to their characters:
whitespace removed, and the heading number a paragraph opens with (一、 （一） (一) 1. 1、 （1）
(1) ① 第一条 第一章), which dossier writes again, dropped. The draft's characters must then be
the rendered ones, in order: what the draft has and the rendering lacks is an error; what the
rendering adds is an error too, except the organ mark of the 版头 (`…文件`), which a draft
typed in an office does not carry.

With --imported, each draft is imported by `dossier import` instead and the scheme file it
gives is rendered: every character of the draft must be in the rendering, in order (what
the rendering adds, such as a 附件说明 dossier writes, is allowed).

Run: /work/main/.venv/bin/python tests/tools/check_draft_corpus.py [--imported] [NAME…]
(after `cargo build --release`). Exit 1 when a pair disagrees, each difference printed.
"""
import difflib
import glob
import os
import re
import subprocess
import sys
import tempfile

import docx
from docx.oxml.ns import qn

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DOSSIER = os.path.join(ROOT, "target", "release", "dossier")
CN = "一二三四五六七八九十百零〇"
NUMBER = re.compile(
    rf"^(第[{CN}]+[条章]|[{CN}]+、|[（(][{CN}]+[）)]|\d+[.．、](?!\d)|[（(]\d+[）)]|[①-⑳])"
)


def docx_paragraphs(path, skip_mark=False):
    """The paragraphs and table cells of a DOCX body, in order, each cell once (a merged cell
    is one w:tc in its first row; the rows it spans hold empty continuation cells). With
    skip_mark, the 版头's organ mark is left out: a first paragraph ending in 文件, or the
    table a joint notice's stacked names and 文件 stand in."""
    body = [el for el in docx.Document(path).element.body.iterchildren() if words(el)]
    if skip_mark and body and (body[0].tag == qn("w:tbl") or words(body[0]).endswith("文件")):
        body = body[1:]
    out = []
    for el in body:
        if el.tag == qn("w:p"):
            out.append(words(el))
        elif el.tag == qn("w:tbl"):
            for tc in el.iter(qn("w:tc")):
                out.extend(words(p) for p in tc.iter(qn("w:p")))
    return out


def words(el):
    return "".join(t.text or "" for t in el.iter(qn("w:t")))


def text_lines(path):
    data = open(path, "rb").read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    return text.splitlines()


def markdown_lines(path):
    """The Markdown source's lines without its marks: `#` and `*`, a list's `- ` bullet, rule
    lines; a table row's cells are paragraphs of their own, as in a DOCX."""
    out = []
    for line in text_lines(path):
        if "-" in line and re.fullmatch(r"[\s|:\-]*", line):
            continue
        line = re.sub(r"^\s*[-+]\s+", "", re.sub(r"[#*]", "", line))
        if line.lstrip().startswith("|"):
            out.extend(line.strip().strip("|").split("|"))
        else:
            out.append(line)
    return out


def draft_paragraphs(path):
    if path.endswith(".docx"):
        return docx_paragraphs(path)
    if path.endswith(".md"):
        return markdown_lines(path)
    return text_lines(path)


def characters(paragraphs):
    """The paragraphs' characters run together, each paragraph's whitespace and opening
    heading number dropped."""
    out = []
    for p in paragraphs:
        p = "".join(p.split())
        out.append(NUMBER.sub("", p, count=1))
    return "".join(out)


def dossier(*args):
    run = subprocess.run([DOSSIER, *args], capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(run.stderr.strip())


def rendered(yaml):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "r.docx")
        dossier("render", yaml, "-o", out)
        return docx_paragraphs(out, skip_mark=True)


def imported_rendering(draft):
    """The paragraphs of what the scheme file `dossier import` gives for `draft` renders."""
    with tempfile.TemporaryDirectory() as tmp:
        yaml = os.path.join(tmp, "imported.yaml")
        dossier("import", draft, "-o", yaml)
        return rendered(yaml)


def differences(draft, rendering, added_allowed=False):
    """What the draft has that the rendering lacks, and (unless added_allowed) what the
    rendering adds."""
    found = []
    matcher = difflib.SequenceMatcher(None, draft, rendering, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal" or (added_allowed and op == "insert"):
            continue
        found.append(
            f"  {op}: 稿件「…{draft[max(0, a1 - 12):a1]}【{draft[a1:a2]}】{draft[a2:a2 + 12]}…」"
            f" 渲染「…{rendering[max(0, b1 - 12):b1]}【{rendering[b1:b2]}】{rendering[b2:b2 + 12]}…」"
        )
    return found


def check(yaml, imported):
    stem = yaml[: -len(".yaml")]
    drafts = [stem + ext for ext in (".docx", ".txt", ".md") if os.path.exists(stem + ext)]
    if len(drafts) != 1:
        return [f"  找到 {len(drafts)} 份稿件（应为 1 份）"]
    draft = characters(draft_paragraphs(drafts[0]))
    if imported:
        return differences(draft, characters(imported_rendering(drafts[0])), added_allowed=True)
    return differences(draft, characters(rendered(yaml)))


def main(args):
    imported = "--imported" in args
    names = [a for a in args if a != "--imported"]
    yamls = sorted(glob.glob(os.path.join(ROOT, "tests", "drafts", "*", "*.yaml")))
    if names:
        yamls = [y for y in yamls if any(n in y for n in names)]
    failed = 0
    for yaml in yamls:
        try:
            found = check(yaml, imported)
        except RuntimeError as e:
            found = [f"  渲染失败：{e}"]
        rel = os.path.relpath(yaml, ROOT)
        print(f"{'OK  ' if not found else 'FAIL'} {rel}")
        for line in found:
            print(line)
        failed += bool(found)
    print(f"{len(yamls) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
