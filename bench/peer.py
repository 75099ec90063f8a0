#!/usr/bin/env python3
"""The peer for the task-sheet benchmark: the jobs `dossier table` and `dossier split` do,
done with openpyxl (reading) and docxtpl / python-docx-template (writing).

    .venv/bin/python bench/peer.py table SHEET.xlsx OUT.docx
    .venv/bin/python bench/peer.py split SHEET.xlsx OUTDIR [--date 2024-07-01]

table  reads the sheet, resolves its merges (every cell a merge covers takes the merge's
       top-left value), finds the header row, and renders one DOCX: the sheet's title and a
       table of all task rows, from a docxtpl template with a `{%tr for r in rows %}` row loop.
split  reads the sheet once, splits the rows by unit (责任单位 and 配合单位 cells, split at
       、，,；;/ and line breaks outside brackets, （牵头）/（配合） marks honoured, each unit in
       the order it first appears) and renders, per unit, a template holding a short notice
       addressed to the unit and a table of its rows with a 承担方式 (牵头/配合) column, saved
       as OUTDIR/NNN-<unit>.docx; then an index of the units as OUTDIR/000-单位目录.docx.

The templates are built by this script with python-docx into a temporary directory before
rendering (that time is counted). Rendering uses autoescape, so text with & or < is safe,
and line breaks inside a cell become <w:br/> (docxtpl does that for text it renders).
What it does not do that dossier does: vertical merges (w:vMerge) in the output tables,
fitted column widths, header rows repeated on each page, per-cell paragraph and run
properties, GB/T 9704 layout.
"""

import datetime as dt
import os
import re
import sys
import tempfile

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate
from openpyxl import load_workbook

HEADERS = {
    "序号": "seq", "测评项目": "item", "测评内容": "content", "测评标准": "content",
    "工作任务": "content", "测评方式": "method", "责任单位": "lead", "牵头单位": "lead",
    "责任部门": "lead", "落实部门": "lead", "配合单位": "coop", "完成时限": "deadline",
}
REQUIRED = ("content", "lead")
ISSUER = "创建全国文明城市工作指挥部办公室"


# --------------------------------------------------------------------------- reading

def tidy(v):
    """A cell as the sheet shows it: trimmed text, whole numbers without .0, ISO dates."""
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    if isinstance(v, (int, float)):
        return str(v)
    lines = [line.strip() for line in re.split(r"[\n\r]", str(v))]
    return "\n".join(lines).strip().replace("\n\n", "\n")


DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")


def read_sheet(path):
    """(title, columns [(key, header)], rows [list of cell texts]) of the first sheet."""
    wb = load_workbook(path)  # not read_only: that mode does not report merged cells
    ws = wb.worksheets[0]
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    width = max((len(r) for r in grid), default=0)
    for r in grid:
        r.extend([None] * (width - len(r)))
    own = [[v is not None for v in r] for r in grid]  # cells holding their own value
    for m in ws.merged_cells.ranges:
        top = grid[m.min_row - 1][m.min_col - 1]
        for r in range(m.min_row - 1, min(m.max_row, len(grid))):
            for c in range(m.min_col - 1, min(m.max_col, width)):
                if (r, c) != (m.min_row - 1, m.min_col - 1):
                    # covered cells take the top-left value down a column; a horizontal
                    # merge's other columns stay empty, as in dossier
                    grid[r][c] = top if c == m.min_col - 1 else None
                    own[r][c] = False
    wb.close()

    header_row, best = None, 0
    for i, r in enumerate(grid[:30]):
        keys = [HEADERS.get(re.sub(r"\s", "", tidy(v))) for v in r]
        keys = [k for k in keys if k]
        if any(k in REQUIRED for k in keys) and len(keys) >= 2 and len(keys) > best:
            header_row, best = i, len(keys)
    if header_row is None:
        sys.exit(f"{path}: no header row")
    cols, columns = [], []
    for c, v in enumerate(grid[header_row]):
        h = re.sub(r"\s", "", tidy(v))
        if h:
            cols.append(c)
            columns.append((HEADERS.get(h, h), h))
    title = next((t for r in grid[:header_row]
                  for t in [next((tidy(v) for v in r if tidy(v)), "")]
                  if t and not t.startswith("附件")), None)
    deadline = next((i for i, (k, _) in enumerate(columns) if k == "deadline"), None)
    rows = []
    for i in range(header_row + 1, len(grid)):
        first = next((tidy(v) for v, o in zip(grid[i], own[i]) if o and tidy(v)), "")
        if first.startswith(("注：", "注:", "说明：")):
            continue
        if not any(own[i][c] and tidy(grid[i][c]) for c in cols):
            continue
        cells = [tidy(grid[i][c]) for c in cols]
        if deadline is not None:
            m = DATE_TEXT.match(cells[deadline])
            if m:
                cells[deadline] = dt.date(*map(int, m.groups())).isoformat()
        rows.append(cells)
    return title, columns, rows


def shown(columns, rows):
    """Rows as the table prints them: 完成时限 dates in the customary form (2024年9月30日)."""
    keys = [k for k, _ in columns]
    if "deadline" not in keys:
        return rows
    i = keys.index("deadline")
    out = []
    for row in rows:
        m = DATE_TEXT.match(row[i])
        if m:
            row = list(row)
            y, mo, d = map(int, m.groups())
            row[i] = f"{y}年{mo}月{d}日"
        out.append(row)
    return out


# --------------------------------------------------------------------------- units

def split_outside_brackets(text, seps):
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "（([【":
            depth += 1
        elif ch in "）)]】":
            depth = max(depth - 1, 0)
        elif depth == 0 and ch in seps:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return out


MARKS = {"牵头": "牵头", "牵头单位": "牵头", "配合": "配合", "配合单位": "配合",
         "协办": "配合", "协办单位": "配合"}
LABELLED = re.compile(r"^([^：:]*)[：:](.*)$", re.S)
MARKED = re.compile(r"^(.*)[（(]([^（()）]*)[）)]$")


def parse_units(text, default):
    out = []
    for part in split_outside_brackets(text, "；;\n"):
        part = part.strip()
        role, names = default, part
        labelled = LABELLED.match(part)
        if labelled and labelled.group(1).strip() in MARKS:
            role, names = MARKS[labelled.group(1).strip()], labelled.group(2)
        for name in split_outside_brackets(names, "、，,/／"):
            name, r = name.strip(), role
            m = MARKED.match(name)
            if m and m.group(2).strip() in MARKS:
                name, r = m.group(1).strip(), MARKS[m.group(2).strip()]
            if name:
                out.append((name, r))
    return out


def by_unit(columns, rows):
    """[(unit, [(row, role)])] in the order units first appear."""
    keys = [k for k, _ in columns]
    units = {}
    for row in rows:
        for key, default in (("lead", "牵头"), ("coop", "配合")):
            if key not in keys:
                continue
            for name, role in parse_units(row[keys.index(key)], default):
                picked = units.setdefault(name, [])
                if not picked or picked[-1][0] is not row:
                    picked.append((row, role))
    return list(units.items())


def safe_file_name(name):
    s = "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in name)
    return s.rstrip(". ") or "_"


# --------------------------------------------------------------------------- templates

def para(doc, text, size=16, bold=False, align=None, font="仿宋_GB2312"):
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = font
    if align is not None:
        p.alignment = align
    return p


def a4(doc, landscape):
    s = doc.sections[0]
    s.page_width, s.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    s.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    s.top_margin, s.bottom_margin = Mm(37), Mm(35)
    s.left_margin, s.right_margin = Mm(28), Mm(26)


def loop_table(doc, headers, var="rows"):
    """A table: the header row, then docxtpl's row loop (three template rows collapse to
    one rendered row per item: `{%tr for r in rows %}`, the cells, `{%tr endfor %}`)."""
    t = doc.add_table(rows=4, cols=len(headers))
    t.style = "Table Grid"
    for i, h in enumerate(headers):
        t.cell(0, i).text = h
        t.cell(2, i).text = "{{ r[%d] }}" % i
    t.cell(1, 0).text = "{%%tr for r in %s %%}" % var
    t.cell(3, 0).text = "{%tr endfor %}"
    return t


def table_template(path, headers):
    doc = Document()
    a4(doc, landscape=True)
    para(doc, "{{ title }}", size=22, align=WD_ALIGN_PARAGRAPH.CENTER, font="方正小标宋简体")
    loop_table(doc, headers)
    doc.save(path)


def unit_template(path, headers):
    doc = Document()
    a4(doc, landscape=False)
    para(doc, "关于印发{{ unit }}任务清单的通知", size=22, align=WD_ALIGN_PARAGRAPH.CENTER,
         font="方正小标宋简体")
    para(doc, "{{ unit }}：")
    para(doc, "根据《{{ source }}》，你单位承担任务{{ lead + cooperate }}项，其中牵头{{ lead }}项、"
              "配合{{ cooperate }}项。现将你单位的任务清单印发给你们，请对照任务要求，明确分管领导"
              "和具体责任人，逐项抓好落实，按完成时限报送工作进展和佐证材料。")
    para(doc, "附件：{{ unit }}任务清单")
    para(doc, "{{ issuer }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(doc, "{{ date }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    para(doc, "附件", font="黑体")
    para(doc, "{{ unit }}任务清单", size=22, align=WD_ALIGN_PARAGRAPH.CENTER, font="方正小标宋简体")
    loop_table(doc, headers)
    doc.save(path)


# --------------------------------------------------------------------------- jobs

def table_job(sheet, out):
    title, columns, rows = read_sheet(sheet)
    rows = shown(columns, rows)
    with tempfile.TemporaryDirectory() as tmp:
        tpl_path = os.path.join(tmp, "table.docx")
        table_template(tpl_path, [h for _, h in columns])
        tpl = DocxTemplate(tpl_path)
        tpl.render({"title": title or "测评任务分解表", "rows": rows}, autoescape=True)
        tpl.save(out)
    print(out)


def split_job(sheet, out, date):
    title, columns, rows = read_sheet(sheet)
    rows = shown(columns, rows)
    source = title or "测评任务分解表"
    d = dt.date.fromisoformat(date)
    signed = f"{d.year}年{d.month}月{d.day}日"
    units = by_unit(columns, rows)
    os.makedirs(out, exist_ok=True)
    index = []
    with tempfile.TemporaryDirectory() as tmp:
        tpl_path = os.path.join(tmp, "unit.docx")
        unit_template(tpl_path, [h for _, h in columns] + ["承担方式"])
        for n, (name, picked) in enumerate(units, 1):
            lead = sum(1 for _, role in picked if role == "牵头")
            tpl = DocxTemplate(tpl_path)
            tpl.render({
                "unit": name, "source": source, "issuer": ISSUER, "date": signed,
                "lead": lead, "cooperate": len(picked) - lead,
                "rows": [row + [role] for row, role in picked],
            }, autoescape=True)
            file = f"{n:03}-{safe_file_name(name)}.docx"
            tpl.save(os.path.join(out, file))
            index.append([str(n), name, str(len(picked)), str(lead), str(len(picked) - lead), file])
        idx_path = os.path.join(tmp, "index.docx")
        table_template(idx_path, ["序号", "责任单位", "任务数", "牵头", "配合", "文件"])
        tpl = DocxTemplate(idx_path)
        tpl.render({"title": f"{source}单位任务清单目录", "rows": index}, autoescape=True)
        tpl.save(os.path.join(out, "000-单位目录.docx"))
    print(f"{len(units)} unit documents and the index in {out}")


def main(argv):
    if len(argv) >= 4 and argv[1] == "table":
        table_job(argv[2], argv[3])
    elif len(argv) >= 4 and argv[1] == "split":
        date = argv[argv.index("--date") + 1] if "--date" in argv else dt.date.today().isoformat()
        split_job(argv[2], argv[3], date)
    else:
        sys.exit(__doc__.split("\n\n")[1])


if __name__ == "__main__":
    main(sys.argv)
