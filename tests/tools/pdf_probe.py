"""Dump the text and rules of a PDF as JSON, for layout tests.

Usage: python pdf_probe.py FILE.pdf  >  one JSON object on stdout:

    {"pages": [{"number": 1, "width": pt, "height": pt,
                "chars": [{"text", "x0", "x1", "top", "bottom", "baseline",
                           "size", "font", "color"}, ...],
                "lines": [{"x0", "x1", "top", "bottom", "width", "color",
                           "kind"}, ...],
                "images": [{"x0", "x1", "top", "bottom", "masked"}, ...]}]}

All coordinates are PDF points (1/72 in); x from the left page edge, top/bottom
from the top page edge (pdfplumber's convention).

chars:  pdfplumber's characters. top/bottom are one em of the character's
        size standing on the baseline: pdfminer's own box for a font
        descriptor without a descent, as LibreOffice writes them, computed
        here for every writer alike (pdfminer would move the box by the
        descent each writer puts in the descriptor); "baseline" is the text
        baseline. "font" is the PDF base font name with any subset prefix
        ("ABCDEF+") removed. "color" is the fill (non-stroking) colour.
lines:  everything drawn that looks like a rule: pdfplumber's lines (stroked
        segments; LibreOffice 7.4 draws paragraph and table borders this way),
        stroked curves whose bounding box is thin, and thin rects (filled or
        stroked rectangles whose smaller side is at most 5 pt). Exact
        duplicates are dropped (LibreOffice strokes each paragraph border
        twice). x0/x1/top/bottom describe the painted area; for a
        stroked segment they are its end points (the stroke extends width/2
        either side). "width" is the stroke width for segments and the rect's
        smaller side for filled rects. "color" is the stroking colour of
        stroked segments and rects, the fill colour of filled rects.
        "kind" is "line", "curve" or "rect".
images: pictures drawn on the page, their box; "masked" when the picture has a soft
        mask (its transparency kept).
Colours are [r, g, b] floats in 0..1 whatever the PDF colour space (gray and
CMYK are converted; anything unknown, e.g. a pattern, becomes null).
"""

import json
import sys

import pdfplumber

THIN = 5.0  # pt: rects thinner than this count as rules


def rgb(c):
    """Normalise a pdfplumber colour value to [r, g, b] in 0..1, or None."""
    if c is None:
        return None
    if isinstance(c, (int, float)):
        c = (c,)
    try:
        c = [float(v) for v in c]
    except (TypeError, ValueError):
        return None  # pattern name or similar
    if len(c) == 1:
        return [c[0]] * 3
    if len(c) == 3:
        return c
    if len(c) == 4:
        k = c[3]
        return [(1 - c[0]) * (1 - k), (1 - c[1]) * (1 - k), (1 - c[2]) * (1 - k)]
    return None


def r3(v):
    return round(float(v), 3)


def font_name(name):
    if isinstance(name, bytes):
        name = name.decode("latin-1")
    name = str(name)
    if len(name) > 7 and name[6] == "+":
        name = name[7:]
    return name


def page_dict(page):
    h = float(page.height)
    chars = []
    for c in page.chars:
        chars.append({
            "text": c["text"],
            "x0": r3(c["x0"]), "x1": r3(c["x1"]),
            "top": r3(h - c["matrix"][5] - c["size"]),
            "bottom": r3(h - c["matrix"][5]),
            "baseline": r3(h - c["matrix"][5]),
            "size": r3(c["size"]),
            "font": font_name(c["fontname"]),
            "color": rgb(c.get("non_stroking_color")),
        })
    lines = []
    for ln in page.lines:
        lines.append({
            "x0": r3(ln["x0"]), "x1": r3(ln["x1"]),
            "top": r3(ln["top"]), "bottom": r3(ln["bottom"]),
            "width": r3(ln.get("linewidth") or 0),
            "color": rgb(ln.get("stroking_color")),
            "kind": "line",
        })
    for cv in page.curves:
        if not cv.get("stroke") or min(float(cv["width"]), float(cv["height"])) > THIN:
            continue
        lines.append({
            "x0": r3(cv["x0"]), "x1": r3(cv["x1"]),
            "top": r3(cv["top"]), "bottom": r3(cv["bottom"]),
            "width": r3(cv.get("linewidth") or 0),
            "color": rgb(cv.get("stroking_color")),
            "kind": "curve",
        })
    for rc in page.rects:
        w, hh = float(rc["width"]), float(rc["height"])
        if min(w, hh) > THIN:
            continue
        filled = rc.get("fill")
        stroked = rc.get("stroke")
        if filled and not stroked:
            color = rgb(rc.get("non_stroking_color"))
            width = min(w, hh)
        else:
            color = rgb(rc.get("stroking_color"))
            width = float(rc.get("linewidth") or 0) if min(w, hh) == 0 else min(w, hh)
        lines.append({
            "x0": r3(rc["x0"]), "x1": r3(rc["x1"]),
            "top": r3(rc["top"]), "bottom": r3(rc["bottom"]),
            "width": r3(width), "color": color, "kind": "rect",
        })
    seen, unique = set(), []
    for ln in lines:
        key = json.dumps(ln, sort_keys=True)
        if key not in seen:
            seen.add(key)
            unique.append(ln)
    lines = sorted(unique, key=lambda l: (l["top"], l["x0"]))
    images = [{
        "x0": r3(im["x0"]), "x1": r3(im["x1"]),
        "top": r3(im["top"]), "bottom": r3(im["bottom"]),
        "masked": "SMask" in im["stream"].attrs,
    } for im in page.images]
    return {"number": page.page_number, "width": r3(page.width),
            "height": r3(h), "chars": chars, "lines": lines, "images": images}


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: pdf_probe.py FILE.pdf\n")
        return 2
    with pdfplumber.open(argv[1]) as pdf:
        out = {"pages": [page_dict(p) for p in pdf.pages]}
    json.dump(out, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
