#!/usr/bin/env python3
"""Write N scheme files for the render benchmark's batch, copies of one scheme that differ
in their title, 发文字号 and date, as an office's notices of a year would.

    python3 bench/make_schemes.py SCHEME.yaml OUTDIR N

Writes OUTDIR/s0001.yaml … (zero-padded, so a shell glob lists them in order). In copy i
the scheme's title (the line `  title: …` under `scheme:`) names one of a few offices in
place of the original's and ends with （i）, so the notice's title and every 附件 line differ
in length too; the number in `doc_no` becomes i; `date` moves forward i mod 150 days from the
original's (staying in its year for fulian.yaml's July date). Everything else is the original text, so each copy
renders the same sections, stages, group and requirements. Standard library only; the
same arguments give the same files.
"""

import datetime as dt
import os
import re
import sys

OFFICES = ["市妇联", "市总工会", "团市委", "市科协", "市文联", "市残联", "市侨联", "市红十字会",
           "市工商联", "市社科联", "市作协", "市老龄办"]


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__.split("\n\n")[1])
    src, out, n = argv[1], argv[2], int(argv[3])
    text = open(src, encoding="utf-8").read()
    title = re.search(r"^scheme:\n(?:.*\n)*?  title: (.+)$", text, re.M)
    date = re.search(r"^  date: (\d{4})-(\d{2})-(\d{2})$", text, re.M)
    doc_no = re.search(r"^  doc_no: (.*〔\d{4}〕)\d+号$", text, re.M)
    if not (title and date and doc_no):
        sys.exit(f"{src}: no `  title:` under scheme:, `  date: YYYY-MM-DD` or `  doc_no:`")
    first = dt.date(*map(int, date.groups()))
    original = title.group(1)
    # the office named in the original title (青州市妇联…) is the part the copies vary
    office = re.match(r"^(.*?[市县区])?(.*?)(创建.*)$", original)
    os.makedirs(out, exist_ok=True)
    width = max(4, len(str(n)))
    for i in range(1, n + 1):
        city, rest = (office.group(1) or "", office.group(3)) if office else ("", original)
        new_title = f"{city}{OFFICES[i % len(OFFICES)].removeprefix('市')}{rest}（{i}）"
        day = first + dt.timedelta(days=i % 150)
        copy = (text[:title.start(1)] + new_title + text[title.end(1):])
        copy = re.sub(r"^  date: .*$", f"  date: {day.isoformat()}", copy, count=1, flags=re.M)
        copy = re.sub(r"^(  doc_no: .*〔\d{4}〕)\d+号$", rf"\g<1>{i}号", copy, count=1, flags=re.M)
        with open(os.path.join(out, f"s{i:0{width}}.yaml"), "w", encoding="utf-8") as f:
            f.write(copy)
    print(f"{n} scheme files in {out}")


if __name__ == "__main__":
    main(sys.argv)
