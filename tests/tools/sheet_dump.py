"""Read an .xlsx task sheet the way another program would (openpyxl) and print it as JSON.

Usage: python sheet_dump.py FILE.xlsx SHEET  >  {"cells": [[row, col, text], ...],
"merges": [[first_row, first_col, last_row, last_col], ...]}, 1-based, non-empty cells only.
Text is the cell's value: strings as stored, whole numbers without a decimal point, dates as
ISO (2024-06-30).
"""

import datetime
import json
import sys

import openpyxl


def text(v):
    if isinstance(v, datetime.datetime):
        return v.date().isoformat()
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def main(path, sheet):
    ws = openpyxl.load_workbook(path)[sheet]
    cells = [[c.row, c.column, text(c.value)] for row in ws.iter_rows() for c in row
             if c.value is not None and str(c.value).strip() != ""]
    merges = [[m.min_row, m.min_col, m.max_row, m.max_col] for m in ws.merged_cells.ranges]
    json.dump({"cells": cells, "merges": merges}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
