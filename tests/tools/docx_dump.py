"""Read a DOCX the way another program would (python-docx) and print what it holds as JSON.

Usage: python docx_dump.py FILE.docx  >  {"paragraphs": [{"text", "style", "runs": [{"text",
"east_asia", "ascii", "size", "bold", "color"}]}], "sections": [{"page_width", "page_height",
"top", "bottom", "left", "right"}], "footers": {"default": text, "even": text}}
Lengths are in twips. A run's fonts are its own rFonts, or the document default it inherits.
"""

import json
import sys

import docx
from docx.oxml.ns import qn


def default_fonts(d):
    """The document default rFonts (styles.xml docDefaults), which a run without its own inherits."""
    rpr = d.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    return rpr.find(qn("w:rFonts")) if rpr is not None else None


def run_info(r, defaults):
    rpr = r._r.rPr
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is None:
        fonts = defaults
    return {
        "text": r.text,
        "east_asia": fonts.get(qn("w:eastAsia")) if fonts is not None else None,
        "ascii": fonts.get(qn("w:ascii")) if fonts is not None else None,
        "size": r.font.size.pt if r.font.size is not None else None,
        "bold": bool(r.bold),
        "color": str(r.font.color.rgb) if r.font.color is not None and r.font.color.rgb is not None else None,
    }


def main(path):
    d = docx.Document(path)
    body = d.element.body
    paragraphs = []
    defaults = default_fonts(d)
    for p in body.iter(qn("w:p")):
        para = docx.text.paragraph.Paragraph(p, d)
        paragraphs.append({"text": para.text, "runs": [run_info(r, defaults) for r in para.runs]})
    sections = []
    for s in d.sections:
        sections.append({k: int(getattr(s, a).twips) for k, a in [
            ("page_width", "page_width"), ("page_height", "page_height"), ("top", "top_margin"),
            ("bottom", "bottom_margin"), ("left", "left_margin"), ("right", "right_margin")]})
    s0 = d.sections[0]
    footers = {
        "default": "".join(p.text for p in s0.footer.paragraphs),
        "even": "".join(p.text for p in s0.even_page_footer.paragraphs),
    }
    json.dump({"paragraphs": paragraphs, "sections": sections, "footers": footers}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
