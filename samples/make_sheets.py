#!/usr/bin/env python3
"""Generate the sample Excel task sheets and the importer's bad-input corpus.

How to run (from the repository root):

    .venv/bin/pip install openpyxl==3.1.5 msoffcrypto-tool==6.1.0
    .venv/bin/python samples/make_sheets.py

Needs LibreOffice Calc (`soffice`, Debian package libreoffice-calc-nogui). The
script uses its own LibreOffice profile (/tmp/lo-sheets), so it does not clash
with another soffice that is running.

What it makes:

  samples/分解表.xlsx   a 测评任务分解表 (task decomposition table) as a creation
                        office hands it out: sheet "分解表", "附件2" in A1, the
                        title merged over A2:G2, row 3 blank, headers in row 4
                        (typed with odd spaces), 31 tasks in rows 5-36 in six
                        测评项目 groups with one blank row (20) between groups 3
                        and 4, and a "注：" row merged over A37:G37.
                        Merges: 测评项目 over each group, 测评方式 over runs of
                        equal methods, 责任单位 over some runs. Cells with line
                        breaks, ASCII and full-width spaces around the text,
                        several units per cell ("、", "，" or a line break
                        between them, some marked （牵头）/（配合）), 完成时限
                        as date cells in two formats plus some text deadlines.
  samples/分解表.xls    the same workbook saved by LibreOffice as Excel 97-2003.
  samples/分解表.ods    the same workbook saved by LibreOffice as ODF.
  samples/进度台账.xlsx a department's progress tally: sheet "台账", title in
                        row 1, a 填报单位/统计时间 line in row 2, headers in
                        row 3, 25 tasks in rows 4-28; 完成情况 holds 已完成 /
                        推进中 / 未启动 or a percentage (mostly numbers shown
                        with the 0% format, as Excel stores a typed "60%"; two
                        are text cells "60%"/"30%"); deadlines on both sides
                        of 2024-10-01.
  tests/sheets/*.xlsx   small broken inputs for the importer; README.md there
                        says what each is and what the importer must report.

Each workbook is first written with openpyxl into a temporary directory, then
opened and saved again by LibreOffice, so the committed files are the output of
a real spreadsheet application (xls and ods are converted from LibreOffice's
xlsx). LibreOffice stamps the save time into the files, so the bytes differ
from run to run; the content does not.

Everything in these sheets (city, units, tasks) is invented.
"""

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
BAD = ROOT / "tests" / "sheets"
LO_PROFILE = "file:///tmp/lo-sheets"

D = dt.date
ISO = "yyyy-mm-dd"
CN = 'yyyy"年"m"月"d"日"'

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
BODY = Font(name="仿宋_GB2312", size=11)
HEAD = Font(name="黑体", size=12)
TITLE = Font(name="方正小标宋简体", size=18)


# ---------------------------------------------------------------------------
# 分解表: six 测评项目 groups. Each task row is
#   (测评内容, 测评方式, 责任单位, 配合单位, 完成时限)
# 完成时限 is a date (formatted ISO unless listed in CN_DATES) or a text.
# "lead_merge" lists (first, last) task indexes, within the group, whose
# 责任单位 cells are merged. 测评方式 is merged over every run of equal values.
# ---------------------------------------------------------------------------
GROUPS = [
    {
        "item": "廉洁高效的政务环境",
        "rows": [
            ("健全党委（党组）理论学习中心组学习制度，年初制定学习计划，全年集中学习不少于12次，"
             "将精神文明建设内容列入学习安排。提供学习计划和学习记录。",
             "材料审核\n听取汇报", "市委宣传部", "市直机关工委", D(2024, 6, 30)),
            ("开展党员干部理想信念和职业道德教育，做到有计划、有主题、有典型，形成常态化制度。"
             "提供年度教育方案及开展情况说明。",
             "材料审核\n听取汇报", "市委组织部、市纪委监委", "", D(2024, 6, 30)),
            ("  推行政务服务“一窗受理、集成服务”，公开办事指南和办理时限，"
             "“最多跑一次”事项占比达90%以上。",
             "实地考察", "市行政审批服务局", "市政务服务中心", D(2024, 9, 30)),
            ("12345政务服务便民热线工单按时办结率达95%以上，群众满意率达90%以上。",
             "实地考察", "市政务服务中心", "市信访局", D(2024, 8, 31)),
            ("群众对党政机关工作效能的满意度达90%以上。",
             "问卷调查", "市直机关工委", "各县（市、区）政府", "长期坚持"),
        ],
        "lead_merge": [],
    },
    {
        "item": "公正公平的法治环境",
        "rows": [
            ("深入开展“八五”普法，推动法治宣传进机关、进社区、进学校、进企业，"
             "市民法治宣传教育知晓率达90%以上。",
             "材料审核\n问卷调查", "市司法局", "市委宣传部、市教育局", D(2024, 7, 31)),
            ("健全公共法律服务体系，街道（乡镇）公共法律服务工作站实现全覆盖。"
             "提供法律援助案件台账。",
             "材料审核\n问卷调查", "市司法局", "市财政局", D(2024, 7, 31)),
            ("推进平安青州建设，110接处警及时规范，群众安全感达95%以上。",
             "实地考察", "市公安局（牵头）", "市委政法委（配合）", D(2024, 9, 30)),
            ("依法维护妇女、儿童、老年人和残疾人合法权益，建立困境儿童关爱服务台账。",
             "材料审核", "市民政局、市妇联", "市残联、团市委", D(2024, 10, 31)),
            ("健全矛盾纠纷多元化解机制，社区（村）人民调解委员会实现全覆盖，"
             "调解成功率达95%以上。",
             "材料审核", "市委政法委", "市司法局、市信访局", "9月底前"),
        ],
        "lead_merge": [(0, 1)],
    },
    {
        "item": "规范守信的市场环境 ",
        "rows": [
            ("加快社会信用体系建设，依法归集和公示公共信用信息，"
             "建立守信联合激励和失信联合惩戒机制。",
             "材料审核\n听取汇报", "市发展改革委", "人民银行青州市分行", D(2024, 8, 31)),
            ("开展诚信主题宣传教育活动，每年组织集中宣传不少于2次。",
             "材料审核\n听取汇报", "市发展改革委", "市委宣传部、市文明办", D(2024, 8, 31)),
            ("加强食品药品安全监管，严厉打击制售假冒伪劣商品行为，无重大食品安全事故。",
             "实地考察　", "市市场监管局（牵头）、市公安局", "各县（市、区）政府", D(2024, 12, 31)),
            ("规范农贸市场、商场超市经营秩序，明码标价，计量准确，投诉渠道畅通。",
             "实地考察", "市市场监管局", "市商务局", D(2024, 9, 30)),
            ("“窗口”行业服务规范，群众对窗口行业服务的满意度达90%以上。",
             "问卷调查", "　市交通运输局、市卫生健康委　", "", "长期坚持"),
        ],
        "lead_merge": [],
    },
    {
        "item": "健康向上的\n人文环境",
        "rows": [
            ("广泛宣传社会主义核心价值观，主次干道、公园广场、车站等公共场所"
             "公益广告设置规范、数量充足、内容鲜明。",
             "实地考察", "市委宣传部、市文明办", "市城管局", D(2024, 6, 30)),
            ("组织开展“我们的节日”主题活动，利用春节、清明、端午、中秋等传统节日"
             "开展民俗文化活动。",
             "材料审核\n听取汇报", "市委宣传部、市文明办", "市文化和旅游局", D(2024, 9, 30)),
            ("开展道德模范、“身边好人”评选宣传，组织道德模范宣讲活动不少于10场。",
             "材料审核\n听取汇报", "市文明办", "市总工会、团市委", D(2024, 11, 30)),
            ("建立志愿服务组织和志愿者注册制度，注册志愿者人数占城市常住人口比例达15%以上。",
             "材料审核", "团市委（牵头）", "市民政局（配合）", D(2024, 10, 31)),
            ("新时代文明实践中心（所、站）实现全覆盖，常态化开展志愿服务活动。",
             "材料审核", "市文明办", "各县（市、区）委宣传部", D(2024, 10, 31)),
            ("市民对志愿服务的参与率和认同率达90%以上。 ",
             "问卷调查", " 团市委", "市文明办", "长期坚持"),
        ],
        "lead_merge": [(0, 1)],
    },
    {
        "item": "安居乐业的生活环境",
        "rows": [
            ("主次干道路面平整无破损，人行道无占道经营，沿街门店无出店经营。",
             "实地考察", "市城管局", "市住房城乡建设局、市公安局", D(2024, 7, 31)),
            ("背街小巷、城中村环境整洁，垃圾日产日清，无卫生死角。",
             "实地考察", "市城管局", "各街道办事处", D(2024, 7, 31)),
            ("公共厕所布局合理、设施完好、干净无异味，主城区公厕设置率达标。",
             "实地考察", "市城管局", "市住房城乡建设局", D(2024, 8, 31)),
            ("公交站点和车站候车区域秩序良好，机动车礼让斑马线，非机动车有序停放。",
             "实地考察", "市交通运输局、市公安局交警支队", "", D(2024, 9, 30)),
            ("完成老旧小区改造年度任务，小区有物业管理或居民自治管理，楼道无乱堆乱放。",
             "材料审核\n实地考察", "市住房城乡建设局", "各街道办事处", D(2024, 12, 31)),
        ],
        "lead_merge": [(0, 2)],
    },
    {
        "item": "扎实有效的创建活动",
        "rows": [
            ("市委、市政府主要领导每季度听取创建工作汇报，召开全市创建工作推进会，"
             "研究解决重点难点问题。",
             "材料审核\n听取汇报", "市文明办", "市委办公室、市政府办公室", D(2024, 3, 31)),
            ("深入开展文明单位、文明社区、文明家庭、文明校园创建，文明单位履行社会责任，"
             "积极参加公益活动。",
             "材料审核\n听取汇报", "市文明办", "市直机关工委，市教育局，市妇联", D(2024, 10, 31)),
            ("开展文明餐桌、文明交通、文明旅游等主题实践活动，倡导勤俭节约，反对餐饮浪费。",
             "实地考察", "市商务局\n市文化和旅游局", "市市场监管局", D(2024, 9, 30)),
            ("建立创建工作督查通报制度，每月开展一次实地督查，问题整改完成率达100%。",
             "材料审核", "市委督查室、市政府督查室", "市文明办", "每月25日前"),
            ("市民对创建工作的支持率和满意率达90%以上。",
             "问卷调查", "市委宣传部、市文明办", "各县（市、区）政府", "长期坚持"),
        ],
        "lead_merge": [],
    },
]

# (group index, task index) of deadlines written as 2024年6月30日 instead of 2024-06-30
CN_DATES = {(0, 2), (2, 0), (3, 2), (4, 4), (5, 1)}

# blank row goes before this group
BLANK_BEFORE_GROUP = 3

NOTE = ("注：1.责任单位为该项任务的第一责任单位，对任务落实负总责；配合单位按照职责分工积极配合。"
        "2.请各责任单位于每月25日前将任务推进情况书面报送市创建办（设在市文明办）。")

HEADERS = ["序号", "测 评 项 目", "测          评          内          容",
           "测评方式", "责任单位", "配合单位", "完成时限"]
WIDTHS = [6, 16, 52, 12, 20, 20, 14]


def runs(values):
    """(start, end) index pairs of runs of equal values."""
    out, start = [], 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i].strip() != values[start].strip():
            out.append((start, i - 1))
            start = i
    return out


def text_lines(text, width):
    """Lines a wrapped cell needs: CJK and full-width characters count 2 units,
    others 1, against a column `width` units wide (Excel's column width unit)."""
    n = 0
    for line in str(text).split("\n"):
        w = sum(2 if ord(ch) > 0x2E7F else 1 for ch in line)
        n += max(1, -(-w // max(1, int(width) - 2)))
    return n


def fit_rows(ws, first, last, widths, line_height=15):
    """Set each row's height to fit its wrapped text, as Excel's auto-fit would;
    cells inside a vertical merge are skipped (their text spreads over the rows)."""
    tall = set()
    for m in ws.merged_cells.ranges:
        if m.max_row > m.min_row:
            for r in range(m.min_row, m.max_row + 1):
                for c in range(m.min_col, m.max_col + 1):
                    tall.add((r, c))
    for r in range(first, last + 1):
        lines = 1
        for c, w in enumerate(widths, 1):
            v = ws.cell(row=r, column=c).value
            if v is not None and (r, c) not in tall:
                lines = max(lines, text_lines(v, w))
        ws.row_dimensions[r].height = lines * line_height + 4


def box(ws, ref):
    for row in ws[ref]:
        for c in row:
            c.border = BOX


def make_decomposition(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "分解表"
    ncol = len(HEADERS)
    last = get_column_letter(ncol)

    ws["A1"] = "附件2"
    ws["A1"].font = Font(name="黑体", size=16)
    ws["A2"] = "青州市创建全国文明城市测评任务分解表"
    ws["A2"].font = TITLE
    ws["A2"].alignment = CENTER
    ws.merge_cells(f"A2:{last}2")
    ws.row_dimensions[2].height = 36
    for i, h in enumerate(HEADERS, 1):
        c = ws.cell(row=4, column=i, value=h)
        c.font = HEAD
        c.alignment = CENTER
    box(ws, f"A4:{last}4")
    for i, w in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = w

    r = 5
    seq = 1
    for gi, g in enumerate(GROUPS):
        if gi == BLANK_BEFORE_GROUP:
            r += 1  # a blank row between groups, as offices leave them
        first = r
        rows = g["rows"]
        for ti, (content, method, lead, partner, due) in enumerate(rows):
            ws.cell(row=r, column=1, value=seq).alignment = CENTER
            ws.cell(row=r, column=3, value=content).alignment = LEFT
            ws.cell(row=r, column=4, value=method).alignment = CENTER
            ws.cell(row=r, column=5, value=lead).alignment = CENTER
            ws.cell(row=r, column=6, value=partner or None).alignment = CENTER
            c = ws.cell(row=r, column=7, value=due)
            c.alignment = CENTER
            if isinstance(due, dt.date):
                c.number_format = CN if (gi, ti) in CN_DATES else ISO
            for col in range(1, ncol + 1):
                ws.cell(row=r, column=col).font = BODY
            seq += 1
            r += 1
        lastrow = r - 1
        # 测评项目 over the whole group
        c = ws.cell(row=first, column=2, value=g["item"])
        c.alignment = CENTER
        c.font = BODY
        ws.merge_cells(start_row=first, end_row=lastrow, start_column=2, end_column=2)
        # 测评方式 over runs of equal methods
        for a, b in runs([t[1] for t in rows]):
            if b > a:
                ws.merge_cells(start_row=first + a, end_row=first + b, start_column=4, end_column=4)
        # 责任单位 over the listed runs
        for a, b in g["lead_merge"]:
            ws.merge_cells(start_row=first + a, end_row=first + b, start_column=5, end_column=5)
        box(ws, f"A{first}:{last}{lastrow}")

    fit_rows(ws, 4, r - 1, WIDTHS)
    ws.cell(row=r, column=1, value=NOTE).alignment = LEFT
    ws.cell(row=r, column=1).font = BODY
    ws.merge_cells(f"A{r}:{last}{r}")
    ws.row_dimensions[r].height = text_lines(NOTE, sum(WIDTHS)) * 15 + 6

    ws.print_title_rows = "4:4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(path)


# ---------------------------------------------------------------------------
# 进度台账: (测评项目, 工作任务, 责任单位, 完成时限, 完成情况)
# 完成情况: a word, a float (shown as a percentage) or a text "60%".
# ---------------------------------------------------------------------------
TALLY = [
    ("政务环境", "理论学习中心组全年集中学习不少于12次", "市委宣传部", D(2024, 6, 30), "已完成"),
    ("政务环境", "12345热线工单按时办结率达95%以上", "市政务服务中心", D(2024, 8, 31), "已完成"),
    ("法治环境", "街道公共法律服务工作站全覆盖", "市司法局", D(2024, 7, 31), 0.8),
    ("法治环境", "110接处警规范化建设", "市公安局", D(2024, 9, 30), "已完成"),
    ("法治环境", "困境儿童关爱服务台账建立", "市民政局", D(2024, 10, 31), "推进中"),
    ("市场环境", "农贸市场明码标价专项检查", "市市场监管局", D(2024, 9, 30), 0.6),
    ("市场环境", "食品安全“双随机”抽查", "市市场监管局、市公安局", D(2024, 12, 31), "推进中"),
    ("市场环境", "窗口行业服务规范提升", "市交通运输局", D(2025, 3, 31), "未启动"),
    ("人文环境", "公共场所公益广告设置", "市委宣传部、市文明办", D(2024, 6, 30), "已完成"),
    ("人文环境", "“我们的节日”中秋主题活动", "市文明办", D(2024, 9, 17), "已完成"),
    ("人文环境", "道德模范宣讲活动10场", "市文明办", D(2024, 11, 30), 0.4),
    ("人文环境", "志愿者注册比例达15%", "团市委", D(2024, 10, 31), "60%"),
    ("人文环境", "新时代文明实践站点全覆盖", "市文明办、团市委", D(2025, 6, 30), "未启动"),
    ("生活环境", "主次干道占道经营整治", "市城管局", D(2024, 7, 31), "推进中"),
    ("生活环境", "背街小巷环境卫生整治", "市城管局", D(2024, 7, 31), 0.9),
    ("生活环境", "主城区公厕提档升级", "市城管局、市住房城乡建设局", D(2024, 8, 31), "已完成"),
    ("生活环境", "老旧小区改造年度任务", "市住房城乡建设局", D(2024, 12, 31), 0.55),
    ("生活环境", "公交站点候车秩序整治", "市交通运输局", D(2024, 9, 30), "30%"),
    ("生活环境", "非机动车停放秩序整治", "市交通运输局、市公安局", D(2024, 11, 15), "推进中"),
    ("创建活动", "一季度创建工作推进会", "市文明办", D(2024, 3, 31), "已完成"),
    ("创建活动", "文明单位公益活动月", "市文明办", D(2024, 5, 31), "已完成"),
    ("创建活动", "文明餐桌行动进餐饮单位", "市市场监管局", D(2024, 10, 15), 0.7),
    ("创建活动", "文明交通劝导志愿服务", "团市委、市公安局", D(2024, 12, 31), "推进中"),
    ("创建活动", "创建工作月度督查", "市文明办", D(2025, 1, 31), "推进中"),
    ("创建活动", "市民文明素质问卷预调查", "市委宣传部", D(2025, 2, 28), "未启动"),
]

TALLY_HEADERS = ["序号", "测评项目", "工作任务", "责任单位", "完成时限", "完成情况"]
TALLY_WIDTHS = [6, 12, 38, 26, 14, 12]


def make_tally(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    ncol = len(TALLY_HEADERS)
    last = get_column_letter(ncol)
    ws["A1"] = "青州市创建全国文明城市重点任务推进台账"
    ws["A1"].font = Font(name="方正小标宋简体", size=16)
    ws["A1"].alignment = CENTER
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 32
    ws["A2"] = "填报单位：市创建办　　　　　　　　统计时间：2024年9月30日"
    ws["A2"].font = BODY
    ws.merge_cells(f"A2:{last}2")
    for i, h in enumerate(TALLY_HEADERS, 1):
        c = ws.cell(row=3, column=i, value=h)
        c.font = HEAD
        c.alignment = CENTER
        ws.column_dimensions[get_column_letter(i)].width = TALLY_WIDTHS[i - 1]
    for n, (item, task, unit, due, state) in enumerate(TALLY, 1):
        r = 3 + n
        vals = [n, item, task, unit, due, state]
        for col, v in enumerate(vals, 1):
            c = ws.cell(row=r, column=col, value=v)
            c.font = BODY
            c.alignment = LEFT if col == 3 else CENTER
        ws.cell(row=r, column=5).number_format = ISO
        if isinstance(state, float):
            ws.cell(row=r, column=6).number_format = "0%"
        elif isinstance(state, str) and state.endswith("%"):
            ws.cell(row=r, column=6).number_format = "@"  # typed into a text-formatted cell
    box(ws, f"A3:{last}{3 + len(TALLY)}")
    fit_rows(ws, 3, 3 + len(TALLY), TALLY_WIDTHS)
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(path)


# ---------------------------------------------------------------------------
# bad-input corpus
# ---------------------------------------------------------------------------
SMALL_ROWS = [
    (1, "廉洁高效的政务环境", "12345热线工单按时办结率达95%以上。", "实地考察", "市政务服务中心", D(2024, 8, 31)),
    (2, "公正公平的法治环境", "街道公共法律服务工作站实现全覆盖。", "材料审核", "市司法局", D(2024, 7, 31)),
    (3, "健康向上的人文环境", "注册志愿者人数占常住人口比例达15%以上。", "材料审核", "团市委", D(2024, 10, 31)),
]
SMALL_HEADERS = ["序号", "测评项目", "测评内容", "测评方式", "责任单位", "完成时限"]


def small_sheet(path, headers, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "分解表"
    ws.append(headers)
    for row in rows:
        ws.append(list(row))
        c = ws.cell(row=ws.max_row, column=len(row))
        if isinstance(c.value, dt.date):
            c.number_format = ISO
    for i, w in enumerate([6, 20, 40, 10, 16, 12][: len(headers)], 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    wb.save(path)


def make_bad_sources(tmp):
    """Write the openpyxl originals of the bad xlsx files into tmp; return their paths."""
    out = []
    # a valid small task sheet: the base for corrupt.xlsx and password.xlsx
    p = tmp / "valid_small.xlsx"
    small_sheet(p, SMALL_HEADERS, SMALL_ROWS)
    out.append(p)
    # no 责任单位-like column at all
    p = tmp / "missing_column.xlsx"
    hdr = [h for h in SMALL_HEADERS if h != "责任单位"]
    small_sheet(p, hdr, [r[:4] + r[5:] for r in SMALL_ROWS])
    out.append(p)
    # F3 holds the text 2024-02-30
    p = tmp / "bad_date.xlsx"
    rows = [list(r) for r in SMALL_ROWS]
    rows[1][5] = "2024-02-30"
    small_sheet(p, SMALL_HEADERS, rows)
    out.append(p)
    # a workbook whose only sheet is empty
    p = tmp / "empty.xlsx"
    wb = Workbook()
    wb.active.title = "Sheet1"
    wb.save(p)
    out.append(p)
    return out


# zip entries every reader of an xlsx has to open
NEEDED = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
          "xl/sharedStrings.xml"]


def corrupt(src, dst):
    """Copy src to dst with 64 bytes near the middle of the file overwritten.

    The block is centred on the local file header (the "PK" record before its data) of
    whichever entry a reader needs lies nearest the middle of the file, so it wipes
    that header and the end of the entry before it. The zip's central directory
    at the end stays intact: the file still lists as a zip, but that entry can't
    be opened. Returns (offset, length, entry name).
    """
    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as z:
        infos = [z.getinfo(n) for n in NEEDED if n in z.namelist()]
    mid = len(data) // 2
    info = min(infos, key=lambda i: abs(i.header_offset - mid))
    n = 64
    start = info.header_offset - n // 2
    data[start:start + n] = bytes((0xA5 ^ i) & 0xFF for i in range(n))
    dst.write_bytes(bytes(data))
    return start, n, info.filename


def encrypt(src, dst, password="1234"):
    from msoffcrypto.format.ooxml import OOXMLFile
    with open(src, "rb") as f, open(dst, "wb") as out:
        OOXMLFile(f).encrypt(password, out)


# ---------------------------------------------------------------------------
# LibreOffice
# ---------------------------------------------------------------------------
FILTERS = {
    "xlsx": "xlsx:Calc MS Excel 2007 XML",
    "xls": "xls:MS Excel 97",
    "ods": "ods:calc8",
}


def soffice(fmt, outdir, *files):
    cmd = ["soffice", f"-env:UserInstallation={LO_PROFILE}", "--headless",
           "--convert-to", FILTERS[fmt], "--outdir", str(outdir), *map(str, files)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for f in files:
        want = Path(outdir) / (Path(f).stem + "." + fmt)
        if not want.exists():
            sys.exit(f"soffice did not write {want}")


def main():
    if not shutil.which("soffice"):
        sys.exit("soffice not found: apt-get install -y --no-install-recommends libreoffice-calc-nogui")
    SAMPLES.mkdir(exist_ok=True)
    BAD.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="make_sheets-") as t:
        tmp = Path(t)
        raw = tmp / "raw"
        saved = tmp / "saved"
        raw.mkdir()
        saved.mkdir()

        make_decomposition(raw / "分解表.xlsx")
        make_tally(raw / "进度台账.xlsx")
        bad = make_bad_sources(raw)

        # LibreOffice opens each openpyxl file and saves it again as xlsx
        soffice("xlsx", saved, raw / "分解表.xlsx", raw / "进度台账.xlsx", *bad)
        # ...and converts its own xlsx of the decomposition table to xls and ods
        soffice("xls", saved, saved / "分解表.xlsx")
        soffice("ods", saved, saved / "分解表.xlsx")

        for name in ["分解表.xlsx", "分解表.xls", "分解表.ods", "进度台账.xlsx"]:
            shutil.copyfile(saved / name, SAMPLES / name)
        for name in ["missing_column.xlsx", "bad_date.xlsx", "empty.xlsx"]:
            shutil.copyfile(saved / name, BAD / name)
        where = corrupt(saved / "valid_small.xlsx", BAD / "corrupt.xlsx")
        encrypt(saved / "valid_small.xlsx", BAD / "password.xlsx")
        (BAD / "not_a_sheet.xlsx").write_text(
            "青州市文明办会议纪要\n\n时间：2024年9月10日\n地点：市文明办三楼会议室\n"
            "这是一个纯文本文件，只是扩展名被改成了 .xlsx。\n",
            encoding="utf-8")

    made = [SAMPLES / n for n in ["分解表.xlsx", "分解表.xls", "分解表.ods", "进度台账.xlsx"]]
    made += sorted(BAD.glob("*.xlsx"))
    for p in made:
        size = p.stat().st_size
        print(f"{p.relative_to(ROOT)}  {size} bytes")
        if size > 50_000:
            sys.exit(f"{p} is larger than 50 KB")
    print("corrupt.xlsx: %d bytes overwritten at offset %d, over the local header of %s"
          % (where[1], where[0], where[2]))


if __name__ == "__main__":
    main()
