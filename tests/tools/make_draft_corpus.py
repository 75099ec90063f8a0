"""Writes the draft corpus for `dossier import`: tests/drafts/corpus/NN-名称.{docx,txt,md} and the
held-out set tests/drafts/unseen/, each beside the scheme file it must import to (written by
hand, not by this script).

Each draft is written the way an office makes it:
- DOCX by python-docx: numbers typed by hand in varied forms or made by Word's list numbering,
  headings made bold by hand, every run split at random places (mid-word), indentation and a
  signature pushed right with spaces, tables with merged cells (vertical and across);
- DOCX re-saved by LibreOffice (`soffice --headless --convert-to docx`), whose XML differs;
- text from Notepad: UTF-8 (LF), or GBK (GB 18030 bytes) with CRLF line ends;
- Markdown as an AI assistant writes it (`# 标题`, `## 一、…`, `**…**`, GFM tables).

The DOCX sources below are one paragraph a line, with marks at the line's start:
  @c centred  @r right-aligned  @b bold throughout  @pb page break before  @blank an empty
  paragraph  @ind first-line indent of 2 characters (set as Word sets it, not typed)
  @L<ilvl> Word's list numbering, at that level of the one multi-level list the draft has
  (一、 / （一） / 1. / （1）; the number is Word's, not in the text)  @D<ilvl> the same on
  a second, decimal list (1. / （1）)  @H1 @H2 Word's Heading 1/2 style;
inside a line **…** is a bold run; rows starting with | make a table (first row the header),
a cell `^` continues the cell above it (merged down), a cell `<` the cell to its left (merged
across). Text and Markdown sources are the files' text as typed.

Run: /work/main/.venv/bin/python tests/tools/make_draft_corpus.py   (needs soffice)
Then: /work/main/.venv/bin/python tests/tools/check_draft_corpus.py
"""
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
DRAFTS = os.path.normpath(os.path.join(HERE, "..", "drafts"))

# One multi-level list (as WPS and Word make 一、/（一）/1./（1）) and one decimal list.
LISTS = (
    '<w:abstractNum w:abstractNumId="91"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%3."/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="（%4）"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="92"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
)
NUMS = (
    '<w:num w:numId="91"><w:abstractNumId w:val="91"/></w:num>'
    '<w:num w:numId="92"><w:abstractNumId w:val="92"/></w:num>'
)
FACES = ["仿宋_GB2312", "仿宋", "宋体", None]


def split_runs(p, text, bold, rnd, face):
    """Adds text to p as several runs cut at random places, as Word leaves a typed line after
    edits, spell checks and pastes."""
    cuts = sorted(rnd.sample(range(1, len(text)), min(len(text) - 1, rnd.randint(0, 3)))) if len(text) > 1 else []
    for a, b in zip([0] + cuts, cuts + [len(text)]):
        r = p.add_run(text[a:b])
        if bold:
            r.bold = True
        if face:
            r.font.name = face
            r._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)


def add_text(p, line, bold, rnd, face):
    for i, part in enumerate(re.split(r"\*\*", line)):
        if part:
            split_runs(p, part, bold or i % 2 == 1, rnd, face)


def number(p, num_id, ilvl):
    numpr = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", str(ilvl)), ("w:numId", str(num_id))):
        e = OxmlElement(tag)
        e.set(qn("w:val"), val)
        numpr.append(e)
    p._p.get_or_add_pPr().append(numpr)


def paragraph(d, line, rnd, face):
    marks = re.match(r"(\s*)((?:@(?:c|r|b|pb|blank|ind|L\d|D\d|H\d)(?:\s+|$))*)(.*)$", line)
    flags, text = re.findall(r"@(\w+)", marks.group(2)), marks.group(1) + marks.group(3)
    style = next((f"Heading {f[1]}" for f in flags if f.startswith("H")), None)
    p = d.add_paragraph(style=style)
    if "pb" in flags:
        p.add_run().add_break(WD_BREAK.PAGE)
    if "c" in flags:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if "r" in flags:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if "ind" in flags:
        p.paragraph_format.first_line_indent = Pt(32)
    for f in flags:
        if f[0] in "LD" and f[1:].isdigit():
            number(p, 91 if f[0] == "L" else 92, int(f[1:]))
    if "blank" not in flags:
        add_text(p, text, "b" in flags, rnd, face)


def table(d, rows, rnd, face):
    cells = [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows]
    t = d.add_table(rows=len(cells), cols=len(cells[0]))
    t.style = "Table Grid"
    for i, row in enumerate(cells):
        for j, text in enumerate(row):
            if text not in ("^", "<"):
                add_text(t.cell(i, j).paragraphs[0], text, i == 0, rnd, face)
    for i, row in enumerate(cells):
        for j, text in enumerate(row):
            if text == "^":
                top = i - 1
                while cells[top][j] == "^":
                    top -= 1
                t.cell(top, j).merge(t.cell(i, j))
            elif text == "<":
                t.cell(i, j - 1).merge(t.cell(i, j))


def write_docx(path, source, seed):
    rnd = random.Random(seed)
    d = Document()
    face = rnd.choice(FACES)
    normal = d.styles["Normal"]
    normal.font.size = Pt(16)
    if face:
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)
    rows = []
    for line in source.strip("\n").split("\n") + [""]:
        if line.startswith("|"):
            rows.append(line)
            continue
        if rows:
            table(d, rows, rnd, face)
            rows = []
        if line.strip():
            paragraph(d, line, rnd, face)
    d.save(path)
    add_lists(path)


def add_lists(path):
    """numbering.xml with the two lists the @L and @D marks use (python-docx's template has
    decimal bullets only)."""
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/numbering.xml":
                xml = data.decode("utf-8")
                xml = re.sub(r"(<w:numbering[^>]*>)", r"\1" + LISTS, xml, count=1)
                data = xml.replace("</w:numbering>", NUMS + "</w:numbering>").encode("utf-8")
            dst.writestr(item, data)
    os.replace(tmp, path)


def resave_libreoffice(path):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "draft.docx")
        shutil.copy(path, src)
        subprocess.run(["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML",
                        "--outdir", os.path.join(tmp, "out"), src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, "out", "draft.docx"), path)


def write(folder, name, kind, source):
    """Writes one draft: kind is docx, docx-lo, txt-utf8, txt-gbk or md."""
    ext = {"docx": "docx", "docx-lo": "docx", "txt-utf8": "txt", "txt-gbk": "txt", "md": "md"}[kind]
    path = os.path.join(DRAFTS, folder, f"{name}.{ext}")
    if kind.startswith("docx"):
        write_docx(path, source, name)
        if kind == "docx-lo":
            resave_libreoffice(path)
    elif kind == "txt-gbk":
        text = source.strip("\n").replace("\n", "\r\n") + "\r\n"
        with open(path, "wb") as f:
            f.write(text.encode("gbk").decode("gbk").encode("gb18030"))
    else:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(source.strip("\n") + "\n")
    return path


def main():
    for folder, entries in (("corpus", CORPUS), ("unseen", UNSEEN)):
        os.makedirs(os.path.join(DRAFTS, folder), exist_ok=True)
        for name, kind, source in entries:
            print(write(folder, name, kind, source))
    return 0


CORPUS = []
UNSEEN = []


# 01: a 印发 notice and its scheme, numbers typed, headings bold by hand, a signature and date
# pushed right with spaces, the 版记 typed at the end.
CORPUS.append(("01-文明交通劝导行动实施方案", "docx", """
@c 桐文明办〔2024〕7号
@c @b 关于印发《桐川市文明交通劝导行动实施方案》的通知
各区文明办，市直有关单位：
    现将《桐川市文明交通劝导行动实施方案》印发给你们，请结合实际认真抓好落实。
    附件：桐川市文明交通劝导行动实施方案
                                        桐川市文明办
                                       2024年4月12日
@pb 附件
@c @b 桐川市文明交通劝导行动实施方案
    为进一步规范城区交通秩序，引导市民文明出行，助力全国文明城市创建，结合我市实际，制定本方案。
    @b 一、工作目标
    通过开展文明交通劝导行动，城区主要路口行人闯红灯、非机动车逆行等不文明交通行为明显减少，到2024年底，市民文明交通知晓率达到95%以上。
    **二、主要任务**
    **（一）设立劝导岗点。**在城区主次干道交叉路口设立文明交通劝导岗，每个岗点每天早晚高峰各安排2名劝导员。
    **（二）组建劝导队伍**
    1.机关干部劝导。市直各单位按照“包路口”分工，每周一至周五轮流派员上岗。
    2.志愿者劝导。团市委、市文明办组织青年志愿者在周末和节假日上岗劝导。
    **（三）加强宣传引导。**利用电视、报纸、网站和户外电子屏开展文明出行宣传，每月曝光一批不文明交通行为。
    **三、实施步骤**
    （一）动员部署阶段（2024年4月15日至4月30日）。制定岗点设置方案，确定各单位包保路口，开展劝导员培训。
    （二）集中劝导阶段（2024年5月1日至10月31日）。各劝导岗全面上岗，市文明办每月通报各单位上岗情况。
    （三）总结巩固阶段（2024年11月1日至12月31日）。总结行动成效，建立文明交通劝导长效机制。
    **四、组织领导**
    为加强对劝导行动的组织领导，成立桐川市文明交通劝导行动领导小组。
    组  长：周  明
    副组长：李海涛、陈  静
    成  员：王建国、刘  芳、赵志刚、孙  伟、吴晓东
    领导小组下设办公室，办公室设在市文明办，负责行动的日常协调和督查通报工作，刘芳同志任办公室主任。
    **五、工作要求**
    （一）提高思想认识。各单位要把文明交通劝导作为创建工作的重要内容，主要负责同志亲自过问。
    （二）严格上岗纪律。劝导员要按时到岗，统一着装，文明劝导，不得与群众发生冲突。
    （三）强化督查通报。市文明办采取明查暗访方式督查，结果纳入年度创建工作考核。
@blank
抄送：市委办公室，市政府办公室，市公安局交警支队。
桐川市文明办                          2024年4月12日印发
"""))


# END OF DRAFTS

if __name__ == "__main__":
    sys.exit(main())
