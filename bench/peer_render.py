#!/usr/bin/env python3
"""The peer for the render benchmark: what `dossier render SCHEME.yaml` does, done with
PyYAML and docxtpl (python-docx-template) from a Word template this script builds itself.

    .venv/bin/python bench/peer_render.py one SCHEME.yaml OUT.docx [--levels L]
    .venv/bin/python bench/peer_render.py batch OUTDIR SCHEME.yaml... [--levels L]
    .venv/bin/python bench/peer_render.py loop N SCHEME.yaml OUT.docx [--levels L]
    .venv/bin/python bench/peer_render.py template OUT.docx [--levels L]

one       builds the template, renders one scheme file.
batch     builds the template once, then renders each scheme file to OUTDIR/<stem>.docx in
          this one process, as `dossier render A.yaml B.yaml ... -o OUTDIR` does.
loop      builds the template once, then renders the same scheme N times in this process and
          prints `per-render ms: median M min M max M first M template M (N renders)`: the
          cost of one document once Python, its imports and the template are in place.
template  writes the template itself, to look at in Word.

--levels  how many section levels the template spells out as nested Jinja loops (1 to 3,
          default 1: fulian.yaml's sections are one level deep, their stages and requirements
          one further). Every level more makes the template, and so each render, larger:
          docxtpl compiles the whole document's Jinja on every render.

Per document (timed in every mode): the scheme is read with PyYAML (libyaml's CSafeLoader
when present), turned into the context dossier's reader builds (paragraphs split at blank
lines and wrapped lines joined, names split at 、，；/, dates and periods in the customary
form, 发文字号 normalised to 〔〕, the default title, body and 附件说明, numbers shared by a
section's stages, requirements and sub-sections, run-in titles closed with 。), and rendered
with docxtpl into a fresh copy of the template. The template holds the same blocks as
dossier's notice.tera / attachment.tera / sections.tera as Jinja loops: the organ mark,
发文字号, title, 主送, body, 附件说明, 署名 and date, then the scheme on a new page under 附件
with its headings (一、（一）1.（1） by Jinja filters), stages with steps, the leadership group
(two-character roles and names padded with a full-width space) and its office, requirements,
sub-sections, and the 版记 row. The page is A4 with GB/T 9704's margins (37/35/28/26 mm),
3号仿宋 body at a fixed 28.95 pt line (22 lines a page), 2号小标宋 titles, headings in
黑体/楷体/仿宋 bold, a red organ mark and red rule under the 发文字号, page numbers
"— N —" in 4号 outside (odd right, even left).

What it does not do (layout; dossier does): break the title into a trapezoid of lines,
fit the organ mark to the width, place the 署名 and date by the date's length, put the 版记
at the foot of the last page, measure anything. It supports the scheme fields fulian.yaml
uses and their near kin (one issuing organ; sections as deep as --levels with their
stages, groups and requirements; one attachment: the scheme) and stops with a message on others
(task areas, further attachments, task tables, 份号/密级/抄送/附注).
"""

import datetime as dt
import io
import os
import re
import statistics
import sys
import time

import jinja2
import yaml
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docxtpl import DocxTemplate

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FANG = "仿宋_GB2312"
KAI = "楷体_GB2312"
HEI = "黑体"
XBS = "方正小标宋简体"
SONG = "宋体"
LINE = 28.95  # pt: GB/T 9704's 22 lines in the 225 mm text area
BODY_PT = 16  # 3号
LEVELS = [1]  # section levels the template spells out (--levels)


class Unsupported(Exception):
    pass


# --------------------------------------------------------------------------- reading

def paragraphs(v):
    """Text (blank lines split paragraphs, wrapped lines are joined) or a list of texts."""
    if v is None:
        return []
    out = []
    for item in [v] if isinstance(v, str) else v:
        cur = ""
        for line in str(item).splitlines():
            line = line.strip()
            if line:
                cur += line
            elif cur:
                out.append(cur)
                cur = ""
        if cur:
            out.append(cur)
    return out


def names(v):
    """One text split at 、，,；;/／ and line breaks, or a list taken item by item."""
    if v is None:
        return []
    if isinstance(v, str):
        return [n.strip() for n in re.split(r"[、，,；;/／\n]", v) if n.strip()]
    return [str(n).strip() for n in v if str(n).strip()]


def person_name(s):
    s = str(s).strip()
    if re.search(r"[A-Za-z]", s):
        return " ".join(s.split())
    return "".join(s.split())


def people(v):
    if v is None:
        return []
    if isinstance(v, (str, dict)):
        v = names(v) if isinstance(v, str) else [v]
    out = []
    for m in v:
        if isinstance(m, dict):
            out.append({"name": person_name(m["name"]), "title": m.get("title")})
        else:
            out.append({"name": person_name(m), "title": None})
    return out


FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")


def date(v):
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    m = DATE.match(str(v).translate(FULL_DIGITS).strip())
    if not m:
        raise Unsupported(f"not a date: {v!r}")
    return dt.date(*map(int, m.groups()))


def doc_no(v):
    """青办发[2024]第012号 → 青办发〔2024〕12号."""
    s = str(v).translate(FULL_DIGITS).replace(" ", "")
    m = re.match(r"^(.+?)[\[【(（［〔﹝〖](\d{4})[\]】)）］〕﹞〗]第?0*(\d+)号$", s)
    if not m:
        raise Unsupported(f"not a 发文字号: {v!r}")
    return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"


def only(spec, allowed, where):
    extra = set(spec) - set(allowed)
    if extra:
        raise Unsupported(f"{where}: the peer does not handle {sorted(extra)}")


def run_in_title(title, runs_in):
    if runs_in and title and not title.endswith(("。", "！", "？", "；", "：", "…")):
        return title + "。"
    return title


def section(spec, level, number):
    only(spec, ("title", "run_in", "text", "sections", "stages", "group", "requirements"),
         f"section {spec.get('title')}")
    text = paragraphs(spec.get("text"))
    title = str(spec["title"])
    run_in = level > 1 and bool(text) and spec.get("run_in", level >= 3 or (
        level == 2 and title.endswith("。")))
    counter = iter(range(1, 1000))  # stages, requirements and sub-sections share one numbering
    stages = [{"number": next(counter), "name": st["name"], "period": st.get("period"),
               "paragraphs": paragraphs(st.get("text")), "steps": st.get("steps") or []}
              for st in spec.get("stages") or []]
    requirements = []
    for r in spec.get("requirements") or []:
        ps = paragraphs(r.get("text"))
        requirements.append({"number": next(counter), "title": run_in_title(r["title"], bool(ps)),
                             "paragraphs": ps})
    subs = spec.get("sections") or []
    if subs and level >= LEVELS[0]:
        raise Unsupported(f"section {title}: sections deeper than --levels {LEVELS[0]}")
    group = None
    if spec.get("group"):
        g = spec["group"]
        office = g.get("office")
        group = {
            "name": g["name"],
            "roles": [{"role": r["role"], "members": people(r["members"])} for r in g["roles"]],
            "office": office and {
                "location": office.get("location"),
                "director": people(office.get("director")),
                "deputies": people(office.get("deputies")),
                "duties": office.get("duties") or [],
            },
        }
    return {
        "level": level, "number": number, "title": run_in_title(title, run_in), "run_in": run_in,
        "paragraphs": text, "stages": stages, "group": group, "requirements": requirements,
        "sections": [section(s, level + 1, next(counter)) for s in subs],
    }


def context(path):
    """The template's context for one scheme file: what dossier's reader makes of it."""
    with open(path, encoding="utf-8") as f:
        spec = yaml.load(f, Loader=LOADER)
    only(spec, ("fonts", "notice", "scheme"), path)
    s = spec["scheme"]
    only(s, ("title", "preamble", "sections"), f"{path}: scheme")
    n = spec["notice"]
    only(n, ("issuer", "mark", "mark_suffix", "doc_no", "to", "title", "body", "signature",
             "date", "printer", "print_date", "scheme_as_attachment"), f"{path}: notice")
    title = str(s["title"])
    issuer = names(n["issuer"])
    mark = names(n.get("mark")) or issuer
    if len(mark) != 1:
        raise Unsupported(f"{path}: a joint organ mark (the peer handles one issuing organ)")
    labelled = n.get("scheme_as_attachment", True)
    counter = iter(range(1, 1000))
    return {
        "notice": {
            "mark": mark[0] + n.get("mark_suffix", "文件"),
            "doc_no": doc_no(n["doc_no"]) if n.get("doc_no") else "",
            "title": n.get("title") or f"关于印发《{title}》的通知",
            "to": "，".join(names(n.get("to"))),
            "body": paragraphs(n.get("body")) or [f"现将《{title}》印发给你们，请结合实际认真贯彻落实。"],
            "attachment": title if labelled else "",
            "signature": names(n.get("signature")) or issuer,
            "date": date(n["date"]),
            "printer": n.get("printer"),
            "print_date": date(n.get("print_date") or n["date"]),
        },
        "scheme": {
            "label": "附件" if labelled else "",
            "title": title,
            "preamble": paragraphs(s.get("preamble")),
            "sections": [section(x, 1, next(counter)) for x in s.get("sections") or []],
        },
    }


# --------------------------------------------------------------------------- filters

CN_DIGITS = "零一二三四五六七八九"


def cn_numeral(n):
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def heading(n, level):
    return {1: f"{cn_numeral(n)}、", 2: f"（{cn_numeral(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]


def align_name(s):
    """杨杰 → 杨　杰: a two-character name or role padded to the width of three."""
    if len(s) == 2 and all("\u3400" <= c <= "\u9fff" for c in s):
        return f"{s[0]}\u3000{s[1]}"
    return s


def cn_date(d):
    return f"{d.year}年{d.month}月{d.day}日"


def period(v):
    if not isinstance(v, dict):
        return str(v).strip()
    a, b = date(v["from"]), date(v["to"])
    if a == b:
        return cn_date(a)
    if a.year == b.year:
        return f"{cn_date(a)}至{b.month}月{b.day}日"
    return f"{cn_date(a)}至{cn_date(b)}"


def people_text(ps):
    return "、".join(p["name"] + (f"（{p['title']}）" if p["title"] else "") for p in ps)


def members(ms):
    """A role's members: one per line with their job titles, else joined with 、."""
    titled = any(m["title"] for m in ms)
    if titled or len(ms) == 1:
        return "\n".join(align_name(m["name"]) + (f"\u3000{m['title']}" if m["title"] else "")
                         for m in ms)
    return "、".join(m["name"] for m in ms)


def environment():
    env = jinja2.Environment(autoescape=True)
    env.filters.update(heading=heading, align_name=align_name, date=cn_date, period=period,
                       people=people_text, members=members)
    return env


# --------------------------------------------------------------------------- the template

def fonts(rpr, face):
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), "Times New Roman")
    rfonts.set(qn("w:eastAsia"), face)


def run(p, text, face=FANG, size=BODY_PT, bold=False, red=False):
    r = p.add_run(text)
    fonts(r._element.get_or_add_rPr(), face)
    r.font.size = Pt(size)
    if bold:
        r.font.bold = True
    if red:
        r.font.color.rgb = RGBColor(0xFF, 0, 0)
    return r


def para(doc, text=None, face=FANG, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=2,
         before=0, bold=False, red=False):
    """A paragraph; indent is the first line's indent in characters of the body size."""
    p = doc.add_paragraph()
    f = p.paragraph_format
    f.alignment = align
    f.first_line_indent = Pt(BODY_PT * indent) if indent else None
    f.space_before = Pt(before)
    if text is not None:
        run(p, text, face, size, bold, red)
    return p


def tag(doc, jinja):
    """A paragraph holding only a {%p ... %} tag: docxtpl drops it when rendering."""
    doc.add_paragraph(jinja)


def loop(doc, var, item, text):
    tag(doc, f"{{%p for {item} in {var} %}}")
    para(doc, text)
    tag(doc, "{%p endfor %}")


def border(p, side, color):
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    b = OxmlElement(f"w:{side}")
    for k, v in (("w:val", "single"), ("w:sz", "8"), ("w:space", "4"), ("w:color", color)):
        b.set(qn(k), v)
    bdr.append(b)
    existing = ppr.find(qn("w:pBdr"))
    if existing is not None:
        existing.append(b)
        return
    ppr.insert_element_before(bdr, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
                              "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
                              "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                              "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                              "w:mirrorIndents", "w:suppressOverlap", "w:jc")


def page_number(footer, align):
    p = footer.paragraphs[0]
    p.paragraph_format.alignment = align
    run(p, "— ", SONG, 14)
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), " PAGE ")
    fld.append(run(p, "1", SONG, 14)._element)
    p._p.append(fld)
    run(p, " —", SONG, 14)


def run_in(doc, var, label, face, bold):
    """A run-in heading: the numbered title in the heading's face, then the first paragraph
    in 仿宋 in the same paragraph; further paragraphs on their own."""
    p = para(doc)
    run(p, label, face, bold=bold)
    run(p, f"{{{{ {var}.paragraphs[0] if {var}.paragraphs }}}}")
    loop(doc, f"{var}.paragraphs[1:]", "p", "{{ p }}")


HEADING_FACE = {1: (HEI, False), 2: (KAI, False), 3: (FANG, True), 4: (FANG, False)}


def section_block(doc, var, level):
    """Jinja loops over the sections in `var` at `level`, in sections.tera's order: the
    heading and text, stages (with steps), the group and its office, requirements, then the
    sub-sections one level down (spelt out in the template down to --levels)."""
    s = f"s{level}"
    face, bold = HEADING_FACE[level]
    label = f"{{{{ {s}.number|heading({level}) }}}}{{{{ {s}.title }}}}"
    tag(doc, f"{{%p for {s} in {var} %}}")
    if level > 1:
        tag(doc, f"{{%p if {s}.run_in %}}")
        run_in(doc, s, label, face, bold)
        tag(doc, "{%p else %}")
    para(doc, label, face, bold=bold)
    loop(doc, f"{s}.paragraphs", "p", "{{ p }}")
    if level > 1:
        tag(doc, "{%p endif %}")
    sub = level + 1
    sface, sbold = HEADING_FACE[sub]
    tag(doc, f"{{%p for st in {s}.stages %}}")
    run_in(doc, "st", f"{{{{ st.number|heading({sub}) }}}}{{{{ st.name }}}}"
                      "{% if st.period %}（{{ st.period|period }}）{% endif %}。", sface, sbold)
    if sub < 4:
        loop(doc, "st.steps", "step", f"{{{{ loop.index|heading({sub + 1}) }}}}{{{{ step }}}}")
    tag(doc, "{%p endfor %}")
    tag(doc, f"{{%p if {s}.group %}}")
    tag(doc, f"{{%p for r in {s}.group.roles %}}")
    p = para(doc, "{{ r.role|align_name }}：{{ r.members|members }}")
    p.paragraph_format.left_indent = Pt(BODY_PT * 5)
    p.paragraph_format.first_line_indent = Pt(-BODY_PT * 3)
    tag(doc, "{%p endfor %}")
    tag(doc, f"{{%p if {s}.group.office %}}")
    para(doc, f"{{% set g = {s}.group %}}{{% set o = g.office %}}"
              "{{ g.name }}下设办公室{% if o.location %}，办公室设在{{ o.location }}{% endif %}"
              "{% if o.director %}，{{ o.director|people }}同志任办公室主任{% endif %}"
              "{% if o.deputies %}，{{ o.deputies|people }}同志任副主任{% endif %}。"
              "{% if o.duties %}办公室主要职责：{% for d in o.duties %}{{ loop.index }}.{{ d }}"
              "{% if loop.last %}。{% else %}；{% endif %}{% endfor %}{% endif %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    tag(doc, f"{{%p for rq in {s}.requirements %}}")
    run_in(doc, "rq", f"{{{{ rq.number|heading({sub}) }}}}{{{{ rq.title }}}}", sface, sbold)
    tag(doc, "{%p endfor %}")
    if level < LEVELS[0]:
        section_block(doc, f"{s}.sections", sub)
    tag(doc, "{%p endfor %}")


def build_template():
    """The Word template, as bytes."""
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    sec.footer_distance = Mm(28) - Pt(LINE)
    normal = doc.styles["Normal"]
    fonts(normal.element.get_or_add_rPr(), FANG)
    normal.font.size = Pt(BODY_PT)
    nf = normal.paragraph_format
    nf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    nf.line_spacing = Pt(LINE)
    nf.space_before = nf.space_after = Pt(0)
    doc.settings.odd_and_even_pages_header_footer = True
    page_number(sec.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    page_number(sec.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)

    centre = WD_ALIGN_PARAGRAPH.CENTER
    p = para(doc, "{{ notice.mark }}", XBS, 36, centre, 0, before=99.2, red=True)
    p.paragraph_format.line_spacing = Pt(43.2)
    p = para(doc, "{{ notice.doc_no }}", align=centre, indent=0, before=2 * LINE)
    border(p, "bottom", "FF0000")
    para(doc, "{{ notice.title }}", XBS, 22, centre, 0, before=2 * LINE)
    tag(doc, "{%p if notice.to %}")
    para(doc, "{{ notice.to }}：", align=WD_ALIGN_PARAGRAPH.LEFT, indent=0, before=LINE)
    tag(doc, "{%p endif %}")
    loop(doc, "notice.body", "p", "{{ p }}")
    tag(doc, "{%p if notice.attachment %}")
    para(doc, "附件：{{ notice.attachment }}", before=LINE)
    tag(doc, "{%p endif %}")
    para(doc, indent=0)  # the blank line above the 署名
    tag(doc, "{%p for name in notice.signature %}")
    p = para(doc, "{{ name }}", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=0)
    p.paragraph_format.right_indent = Pt(BODY_PT * 2)
    tag(doc, "{%p endfor %}")
    p = para(doc, "{{ notice.date|date }}", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=0)
    p.paragraph_format.right_indent = Pt(BODY_PT * 4)

    # The scheme starts on a new page: under its label 附件, or (印发 form) with its title.
    tag(doc, "{%p if scheme.label %}")
    p = para(doc, "{{ scheme.label }}", HEI, align=WD_ALIGN_PARAGRAPH.LEFT, indent=0)
    p.paragraph_format.page_break_before = True
    p = para(doc, "{{ scheme.title }}", XBS, 22, centre, 0, before=LINE)
    p.paragraph_format.space_after = Pt(LINE)
    tag(doc, "{%p else %}")
    p = para(doc, "{{ scheme.title }}", XBS, 22, centre, 0)
    p.paragraph_format.page_break_before = True
    p.paragraph_format.space_after = Pt(LINE)
    tag(doc, "{%p endif %}")
    loop(doc, "scheme.preamble", "p", "{{ p }}")
    section_block(doc, "scheme.sections", 1)

    tag(doc, "{%p if notice.printer %}")
    p = para(doc, align=WD_ALIGN_PARAGRAPH.LEFT, indent=0, before=LINE)
    f = p.paragraph_format
    f.left_indent = f.right_indent = Pt(14)
    f.tab_stops.add_tab_stop(Mm(156) - Pt(28), WD_TAB_ALIGNMENT.RIGHT)
    run(p, "{{ notice.printer }}", size=14)
    run(p, "\t", size=14)
    run(p, "{{ notice.print_date|date }}印发", size=14)
    border(p, "top", "000000")
    border(p, "bottom", "000000")
    tag(doc, "{%p endif %}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- jobs

def render(template, env, scheme, out):
    tpl = DocxTemplate(io.BytesIO(template))
    tpl.render(context(scheme), env, autoescape=True)
    tpl.save(out)


def main(argv):
    if "--levels" in argv:
        i = argv.index("--levels")
        LEVELS[0] = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
        if not 1 <= LEVELS[0] <= 3:
            sys.exit("peer_render: --levels is 1, 2 or 3")
    try:
        if len(argv) == 4 and argv[1] == "one":
            render(build_template(), environment(), argv[2], argv[3])
            print(argv[3])
        elif len(argv) >= 4 and argv[1] == "batch":
            out = argv[2]
            os.makedirs(out, exist_ok=True)
            template, env = build_template(), environment()
            for scheme in argv[3:]:
                stem = os.path.splitext(os.path.basename(scheme))[0]
                render(template, env, scheme, os.path.join(out, stem + ".docx"))
            print(f"{len(argv) - 3} documents in {out}")
        elif len(argv) == 5 and argv[1] == "loop":
            t0 = time.perf_counter()
            template, env = build_template(), environment()
            built = time.perf_counter() - t0
            times = []
            for _ in range(int(argv[2])):
                t0 = time.perf_counter()
                render(template, env, argv[3], argv[4])
                times.append(time.perf_counter() - t0)
            ms = [1000 * t for t in times]
            print(f"per-render ms: median {statistics.median(ms):.2f} min {min(ms):.2f} "
                  f"max {max(ms):.2f} first {ms[0]:.2f} template {1000 * built:.2f} "
                  f"({len(ms)} renders)")
        elif len(argv) == 3 and argv[1] == "template":
            with open(argv[2], "wb") as f:
                f.write(build_template())
        else:
            sys.exit(__doc__.split("\n\n")[1])
    except Unsupported as e:
        sys.exit(f"peer_render: {e}")


if __name__ == "__main__":
    main(sys.argv)
