#!/usr/bin/env python3
"""Write a large, realistic 测评任务分解表 (.xlsx) for the task-sheet benchmark.

    .venv/bin/python bench/make_sheet.py OUT.xlsx [ROWS] [UNITS]

ROWS defaults to 10000, UNITS to 200. The sheet is laid out like
samples/分解表.xlsx: sheet "分解表", the title in row 1 merged over A1:G1,
headers in row 2 (序号/测评项目/测评内容/测评方式/责任单位/配合单位/完成时限),
then ROWS task rows and a "注：" row merged over the last row.

  测评项目  groups of 5-10 rows, merged vertically over the group
  测评方式  runs of 1-4 equal methods inside a group, merged over each run
  测评内容  one sentence of 30-80 Chinese characters, built from phrase pools
  责任单位  one of UNITS distinct units (every unit leads at least one task),
            about 1 in 6 cells names two units as "A、B"; inside a group the
            next row sometimes keeps the same unit, merged over the run
  配合单位  empty, one or two units (drawn from the same UNITS units)
  完成时限  date cells (yyyy-mm-dd or yyyy"年"m"月"d"日" format), some texts
            such as 长期坚持

Every unit is named in some 责任单位 or 配合单位 cell, so `dossier split` writes
exactly UNITS unit documents. The output depends only on the arguments (the
random generator is seeded), apart from the timestamps openpyxl stamps into
the workbook's properties.

Everything in the sheet (city, units, tasks) is invented.
"""

import calendar
import datetime as dt
import itertools
import random
import sys

from copy import copy

from openpyxl import Workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange

SEED = 20240701

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
BODY = Font(name="仿宋_GB2312", size=11)
HEAD = Font(name="黑体", size=12)
TITLE = Font(name="方正小标宋简体", size=18)
ISO = "yyyy-mm-dd"
CN = 'yyyy"年"m"月"d"日"'

HEADERS = ["序号", "测评项目", "测评内容", "测评方式", "责任单位", "配合单位", "完成时限"]
WIDTHS = [6, 16, 52, 12, 22, 22, 14]

ITEMS = [
    "廉洁高效的政务环境", "公正公平的法治环境", "规范守信的市场环境", "健康向上的人文环境",
    "安居乐业的生活环境", "可持续发展的生态环境", "扎实有效的创建活动", "理想信念教育",
    "社会主义核心价值观宣传教育", "思想道德建设", "诚信建设", "志愿服务",
    "新时代文明实践", "未成年人思想道德建设", "公共文化服务", "社区服务管理",
    "公共交通秩序", "市容环境卫生", "农贸市场管理", "公共场所文明",
    "窗口行业服务", "生态环境保护", "垃圾分类", "网络文明建设",
]

METHODS = ["材料审核", "实地考察", "问卷调查", "材料审核\n听取汇报", "材料审核\n实地考察",
           "网上申报"]

SUBJECTS = ["各级党政机关", "各窗口服务单位", "各街道（乡镇）", "各社区（村）", "市直各部门",
            "各大中小学校", "各医疗卫生机构", "主要商圈和农贸市场", "各公共文化场馆",
            "城区主次干道沿线单位", "各物业服务企业", "公交场站和客运站", "各文明单位",
            "新时代文明实践所（站）"]
ACTIONS = ["健全完善", "深入开展", "常态化推进", "全面落实", "建立健全", "持续深化", "规范实施",
           "组织开展", "统筹推进", "加强督促检查"]
OBJECTS = ["理论学习和宣传教育制度", "文明创建工作责任制", "志愿服务活动", "公益广告宣传",
           "环境卫生综合整治", "占道经营专项整治", "诚信经营承诺活动", "便民服务事项公开",
           "矛盾纠纷排查化解", "文明交通劝导行动", "垃圾分类宣传引导", "未成年人关爱帮扶",
           "道德模范和身边好人评选", "“我们的节日”主题活动", "老旧小区改造提升"]
DETAILS = ["做到有计划、有主题、有记录", "形成长效管理机制", "确保问题整改到位",
           "按月报送工作进展", "建立工作台账并及时更新", "每季度开展一次督查",
           "群众满意率达90%以上", "覆盖率达到100%", "提供相关文件和图片资料",
           "主要领导亲自部署推动", "无明显脏乱差现象", "每年集中宣传不少于2次",
           "公开监督电话和投诉渠道", "台账资料规范完整"]

CITY_UNITS = [
    "市委办公室", "市政府办公室", "市委组织部", "市委宣传部", "市委政法委", "市委统战部",
    "市纪委监委", "市直机关工委", "市委网信办", "市文明办", "市发展改革委", "市教育局",
    "市科技局", "市工业和信息化局", "市公安局", "市民政局", "市司法局", "市财政局",
    "市人力资源社会保障局", "市自然资源和规划局", "市生态环境局", "市住房城乡建设局",
    "市城管局", "市交通运输局", "市水利局", "市农业农村局", "市商务局", "市文化和旅游局",
    "市卫生健康委", "市退役军人事务局", "市应急管理局", "市审计局", "市国资委",
    "市市场监管局", "市体育局", "市统计局", "市医保局", "市行政审批服务局", "市信访局",
    "市政务服务中心", "市机关事务管理局", "市总工会", "团市委", "市妇联", "市残联",
    "市科协", "市红十字会", "市税务局", "市消防救援支队", "市公安局交警支队",
    "市邮政管理局", "市气象局", "市供电公司", "市融媒体中心", "市图书馆", "市博物馆",
]
DISTRICTS = ["东湖区", "西山区", "南江区", "北塘区", "青溪区", "云岭区", "临川县", "白石县",
             "凤鸣县", "金沙县", "高新区", "经开区"]
DISTRICT_UNITS = ["人民政府", "文明办", "城管局", "教育局", "卫生健康局", "市场监管分局",
                  "住房城乡建设局", "民政局", "委宣传部", "公安分局", "交通运输局", "团委"]
TEXT_DEADLINES = ["长期坚持", "每月25日前", "9月底前", "年底前", "按测评要求"]


def unit_names(n):
    """`n` distinct unit names: city departments first, then district offices."""
    names = list(CITY_UNITS)
    for suffix in DISTRICT_UNITS:
        for d in DISTRICTS:
            names.append(d + suffix)
    if n > len(names):
        names += [f"第{i}街道办事处" for i in range(1, n - len(names) + 1)]
    return names[:n]


def sentence(rng):
    """One 测评内容 of 30-80 characters."""
    while True:
        s = rng.choice(SUBJECTS) + rng.choice(ACTIONS) + rng.choice(OBJECTS)
        for d in rng.sample(DETAILS, rng.randint(1, 3)):
            s += "，" + d
        s += "。"
        if 30 <= len(s) <= 80:
            return s


def merge(ws, first_row, last_row, first_col, last_col, style):
    """ws.merge_cells without its cost: openpyxl checks each new range against every range
    so far (quadratic in the number of merges) and redraws borders. Covered cells become
    empty MergedCells that keep the box border, as Excel writes them."""
    mcr = MergedCellRange(ws, f"{get_column_letter(first_col)}{first_row}:"
                              f"{get_column_letter(last_col)}{last_row}")
    ws.merged_cells.ranges.add(mcr)
    cells = mcr.cells
    next(cells)
    for row, col in cells:
        m = MergedCell(ws, row, col)
        m._style = copy(style)
        ws._cells[row, col] = m


def styles(ws):
    """Style arrays for body cells (centred, left-aligned), built once and copied into each
    cell: setting font, border and alignment cell by cell is what makes openpyxl slow."""
    out = []
    for align in (CENTER, LEFT):
        c = ws.cell(row=1, column=1)
        c.font, c.border, c.alignment = BODY, BOX, align
        out.append(copy(c._style))
    ws._cells.pop((1, 1))
    return out


def make(path, nrows=10000, nunits=200):
    rng = random.Random(SEED)
    units = unit_names(nunits)
    weights = [1.0 / (i + 1) ** 0.6 for i in range(nunits)]  # a few units carry many tasks
    cum = list(itertools.accumulate(weights))

    # Group sizes of 5-10 rows, the last group cut to fit.
    groups, left = [], nrows
    while left > 0:
        size = min(left, rng.randint(5, 10))
        groups.append(size)
        left -= size

    # Every unit leads at least once: spread the units over the rows.
    forced = {i * nrows // nunits: u for i, u in enumerate(units)} if nrows >= nunits else {}

    wb = Workbook()
    ws = wb.active
    ws.title = "分解表"
    centre, left = styles(ws)
    iso_centre, cn_centre = copy(centre), copy(centre)
    c = ws.cell(row=1, column=1)
    c._style = iso_centre
    c.number_format = ISO
    iso_centre = copy(c._style)
    c.number_format = CN
    cn_centre = copy(c._style)
    ws._cells.pop((1, 1))
    ncol = len(HEADERS)
    last = get_column_letter(ncol)
    ws["A1"] = "云溪市创建全国文明城市测评任务分解表"
    ws["A1"].font = TITLE
    ws["A1"].alignment = CENTER
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 36
    for i, h in enumerate(HEADERS, 1):
        c = ws.cell(row=2, column=i, value=h)
        c.font = HEAD
        c.alignment = CENTER
        c.border = BOX
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS[i - 1]

    r, seq, prev_item = 3, 0, None
    for size in groups:
        item = rng.choice([i for i in ITEMS if i != prev_item])
        prev_item = item
        first = r
        # 测评方式 in runs of 1-4 equal methods
        methods = []
        while len(methods) < size:
            methods += [rng.choice(METHODS)] * rng.randint(1, 4)
        methods = methods[:size]
        leads = []
        for k in range(size):
            if k > 0 and rng.random() < 0.15 and seq + k not in forced:
                leads.append(leads[-1])  # same unit as the row above, merged below
                continue
            lead = forced.get(seq + k) or rng.choices(units, cum_weights=cum)[0]
            if rng.random() < 0.17:
                other = rng.choices(units, cum_weights=cum)[0]
                if other != lead:
                    lead = f"{lead}、{other}"
            leads.append(lead)
        for k in range(size):
            seq += 1
            named = set(leads[k].split("、"))
            coop = []
            for _ in range(rng.choice([0, 0, 1, 1, 1, 2])):
                u = rng.choices(units, cum_weights=cum)[0]
                if u not in named and u not in coop:
                    coop.append(u)
            roll = rng.random()
            if roll < 0.12:
                due = rng.choice(TEXT_DEADLINES)
            else:
                month = rng.randint(3, 12)
                day = rng.choice([15, calendar.monthrange(2024, month)[1]])
                due = dt.date(2024, month, day)
            vals = [seq, item if k == 0 else None, sentence(rng), methods[k],
                    leads[k], "、".join(coop) or None, due]
            for col, v in enumerate(vals, 1):
                c = ws.cell(row=r, column=col, value=v)
                if isinstance(v, dt.date):
                    c._style = copy(cn_centre if roll > 0.8 else iso_centre)
                else:
                    c._style = copy(left if col == 3 else centre)
            ws.row_dimensions[r].height = 48
            r += 1
        lastrow = r - 1
        merge(ws, first, lastrow, 2, 2, centre)
        for col, values in ((4, methods), (5, leads)):
            a = 0
            for b in range(1, size + 1):
                if b == size or values[b] != values[a]:
                    if b - 1 > a:
                        merge(ws, first + a, first + b - 1, col, col, centre)
                    a = b

    ws.cell(row=r, column=1, value="注：责任单位为该项任务的第一责任单位，对任务落实负总责；"
                                    "配合单位按照职责分工积极配合。").alignment = LEFT
    ws.merge_cells(f"A{r}:{last}{r}")
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    wb.save(path)


def main(argv):
    if not 2 <= len(argv) <= 4:
        sys.exit(__doc__.split("\n\n")[1])
    rows = int(argv[2]) if len(argv) > 2 else 10000
    units = int(argv[3]) if len(argv) > 3 else 200
    make(argv[1], rows, units)


if __name__ == "__main__":
    main(sys.argv)
