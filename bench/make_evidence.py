#!/usr/bin/env python3
"""Write a large, realistic 佐证材料 (evidence) folder for the bundle benchmark.

    python3 bench/make_evidence.py OUT_DIR [--files N] [--size S] [--scale K]
                                           [--text-only] [--seed SEED]

OUT_DIR must not exist or be empty. N defaults to 5000 files and S to 2G. S takes a
decimal suffix (K, M, G: 10^3, 10^6, 10^9). --scale K multiplies both (K = 0.25 gives
1,250 files and 0.5 GB), so every scale has the same mix and the same size spread.
Standard library only. The tree depends only on the arguments (the generator is seeded,
and every file's modification time is set from it), so the same arguments give the same
bytes.

Layout: 60 indicator folders such as "01 理论学习" and "37 未成年人思想道德建设", a third of
the files one level down in sub-folders (会议照片, 工作方案, 2024年上半年 …), Chinese file
names with spaces and full-width brackets.

The mixed tree (default): by count, about

  .jpg/.JPG  22%  photos: a JPEG header, then incompressible bytes;  100 KB – 3 MB
  .pdf       12%  a real PDF skeleton: /Type /Page objects, text content streams
                  (compressible) and image streams (incompressible), ~1.2× by deflate;
                  50 KB – 5 MB
  .docx       8%  real ZIP (OOXML) packages: deflated XML parts, stored media, with
                  docProps/app.xml <Pages>; incompressible-ish;  20 KB – 2 MB
  .xlsx       4%  the same, spreadsheet parts;  10 KB – 500 KB
  .mp4        8 per 5,000 files (at least 1): an ftyp box then incompressible bytes;
                  20 – 50 MB
  .doc       20%  OLE-like: UTF-16LE Chinese text, zero padding, a few binary blobs
  .xls       10%  OLE-like: UTF-16LE cells, numbers, zero padding
  .wps        4%  as .doc
  .txt       12%  UTF-8 Chinese prose
  .csv        8%  UTF-8 tables of units, dates and amounts
                  (the text-like types deflate about 3–5×)

Sizes are drawn log-uniformly within each type's range and then scaled (clamped to the
range) so that the total is exactly S bytes. Photos, PDFs and videos carry most of the
bytes (about 80%; with .docx/.xlsx, 87% is of types dossier stores); the text-like files,
about 12% of the bytes, are most of the count (54%).

--text-only writes only the text-like types (.doc .xls .wps .txt .csv), for comparing
deflate speed; their ranges are then 20 KB – 2 MB (1 KB – 300 KB for .txt).

Incompressible bytes are slices of a 64 MiB seeded random pool (each file reads it from
random offsets in slices of 256 KiB – 1 MiB, far beyond deflate's 32 KiB window, so no
tool can find matches in them); text is sliced likewise from per-type pools of generated
text. A summary (files, bytes and deflate ratio per type, on a sample) goes to stderr.
"""

import argparse
import io
import math
import os
import random
import sys
import zipfile
import zlib

# --------------------------------------------------------------------------- names

INDICATORS = [
    "理论学习", "宣传思想工作", "社会主义核心价值观宣传", "公益广告", "新时代文明实践中心",
    "志愿服务", "诚信建设", "道德模范评选", "身边好人推荐", "文明家庭创建",
    "文明单位创建", "文明村镇创建", "文明校园创建", "移风易俗", "文明餐桌",
    "文明交通", "文明旅游", "网络文明", "公共文化服务", "全民阅读",
    "群众体育", "农贸市场管理", "背街小巷整治", "老旧小区改造", "公共厕所管理",
    "垃圾分类", "市容环境卫生", "园林绿化", "生态环境保护", "交通秩序",
    "停车管理", "公交站台", "窗口单位服务", "政务服务", "便民服务",
    "养老服务", "未成年人思想道德建设", "家庭教育", "校外活动场所", "网吧管理",
    "学校周边环境", "关爱留守儿童", "法治宣传", "平安建设", "社会治安",
    "食品安全", "安全生产", "消防安全", "应急管理", "社区治理",
    "物业管理", "医疗卫生服务", "健康教育", "无障碍设施", "文化遗产保护",
    "民族团结", "双拥共建", "群众满意度", "测评迎检组织", "长效机制建设",
]
SUBFOLDERS = [
    "会议照片", "工作方案", "台账资料", "活动照片", "2024年上半年", "2024年下半年",
    "宣传报道", "整改材料", "制度文件", "签到表", "总结报告", "督查通报",
]
UNITS = [
    "市委宣传部", "市文明办", "市教育局", "市公安局", "市民政局", "市司法局", "市财政局",
    "市人社局", "市自然资源局", "市生态环境局", "市住建局", "市交通运输局", "市水利局",
    "市农业农村局", "市商务局", "市文广旅局", "市卫健委", "市应急管理局", "市市场监管局",
    "市城管局", "市体育局", "市医保局", "团市委", "市妇联", "市总工会", "市残联", "市科协",
    "东城区", "西城区", "南湖区", "北山区", "高新区", "经开区", "滨江街道", "凤鸣街道",
]
TOPICS = [
    "理论学习中心组学习会议", "专题部署会", "志愿服务活动", "入户走访", "集中整治行动",
    "宣传栏更新", "道德讲堂", "文明劝导", "培训会", "现场推进会", "督查检查", "工作例会",
    "主题党日", "政策宣讲", "环境整治", "问卷调查", "座谈会", "工作总结", "实施方案",
    "整改台账", "签到表", "工作简报", "考核细则", "应急演练",
]
KINDS = {
    "jpg": ["照片", "现场照片", "活动图片", "合影"],
    "pdf": ["扫描件", "红头文件", "通知", "报告", "会议纪要"],
    "docx": ["方案", "总结", "记录", "通知", "汇报材料"],
    "xlsx": ["台账", "统计表", "名单", "汇总表"],
    "mp4": ["视频", "现场录像", "宣传片"],
    "doc": ["记录", "方案", "讲话稿", "简报", "情况说明"],
    "xls": ["台账", "统计表", "花名册", "考核表"],
    "wps": ["简报", "会议记录", "工作计划"],
    "txt": ["说明", "备忘", "目录"],
    "csv": ["数据导出", "名单", "统计"],
}

# --------------------------------------------------------------------------- mix

MIB = 1 << 20
# type: (share of the file count, low, high) -- sizes in bytes, drawn log-uniformly.
MIXED = {
    "jpg": (0.22, 100_000, 3_000_000),
    "pdf": (0.12, 50_000, 5_000_000),
    "docx": (0.08, 20_000, 2_000_000),
    "xlsx": (0.04, 10_000, 500_000),
    "doc": (0.20, 20_000, 600_000),
    "xls": (0.10, 15_000, 400_000),
    "wps": (0.04, 20_000, 400_000),
    "txt": (0.12, 2_000, 100_000),
    "csv": (0.08, 5_000, 300_000),
}
VIDEO = (8 / 5000, 20_000_000, 50_000_000)  # drawn uniformly
TEXT_ONLY = {
    "doc": (0.35, 20_000, 2_000_000),
    "xls": (0.20, 20_000, 2_000_000),
    "wps": (0.10, 20_000, 2_000_000),
    "txt": (0.20, 1_000, 300_000),
    "csv": (0.15, 20_000, 2_000_000),
}
TEXT_LIKE = {"doc", "xls", "wps", "txt", "csv"}


def parse_size(s):
    s = s.strip().upper().rstrip("B")
    mult = {"K": 10**3, "M": 10**6, "G": 10**9, "T": 10**12}
    if s and s[-1] in mult:
        return int(float(s[:-1]) * mult[s[-1]])
    return int(s)


def plan(rng, n_files, total, text_only):
    """[(type, size)] for n_files files summing to exactly `total` bytes."""
    mix = TEXT_ONLY if text_only else MIXED
    kinds = []
    if not text_only:
        videos = max(1, round(n_files * VIDEO[0]))
        kinds += ["mp4"] * videos
    rest = n_files - len(kinds)
    shares = sum(v[0] for v in mix.values())
    counts = {k: int(rest * v[0] / shares) for k, v in mix.items()}
    # the remainder to the largest shares, deterministically
    for k in sorted(mix, key=lambda k: -mix[k][0])[: rest - sum(counts.values())]:
        counts[k] += 1
    for k in mix:
        kinds += [k] * counts[k]
    rng.shuffle(kinds)
    ranges = dict(mix)
    ranges["mp4"] = VIDEO
    sizes = []
    for k in kinds:
        _, lo, hi = ranges[k]
        if k == "mp4":
            sizes.append(rng.uniform(lo, hi))
        else:
            sizes.append(math.exp(rng.uniform(math.log(lo), math.log(hi))))
    # Scale to the total, clamped to each range; a few rounds converge.
    clamped = True
    for _ in range(30):
        f = total / sum(sizes)
        if abs(f - 1) < 1e-9:
            break
        sizes = [min(max(s * f, ranges[k][1]), ranges[k][2]) for s, k in zip(sizes, kinds)]
    else:
        clamped = False
    if not clamped or abs(sum(sizes) - total) > total * 1e-6:
        print(f"note: {n_files} files cannot total {total} bytes within the type ranges; "
              "sizes scaled beyond them", file=sys.stderr)
        f = total / sum(sizes)
        sizes = [s * f for s in sizes]
    sizes = [max(64, int(s)) for s in sizes]
    # The rounding difference goes to the largest file.
    big = max(range(len(sizes)), key=lambda i: sizes[i])
    sizes[big] += total - sum(sizes)
    return list(zip(kinds, sizes))


def paths(rng, planned):
    """A relative path for each planned file, unique, in ~60 indicator folders."""
    folders = [f"{i + 1:02d} {name}" for i, name in enumerate(INDICATORS)]
    weights = [rng.uniform(0.3, 3.0) for _ in folders]
    used = set()
    out = []
    for n, (kind, _) in enumerate(planned):
        folder = rng.choices(folders, weights)[0]
        if rng.random() < 0.33:
            folder = f"{folder}/{rng.choice(SUBFOLDERS)}"
        ext = kind
        if kind == "jpg" and rng.random() < 0.35:
            ext = "JPG"
        month = rng.randint(1, 12)
        stem = (f"2024年{month}月{rng.randint(1, 28)}日 {rng.choice(UNITS)}"
                f"{rng.choice(TOPICS)}{rng.choice(KINDS[kind])}")
        name = f"{stem}.{ext}"
        k = 2
        while f"{folder}/{name}".lower() in used:
            name = f"{stem}（{k}）.{ext}"
            k += 1
        used.add(f"{folder}/{name}".lower())
        out.append(f"{folder}/{name}")
    return out


# --------------------------------------------------------------------------- content

WORDS = (
    "深入 贯彻 落实 习近平新时代中国特色社会主义思想 全面 加强 推进 文明城市 创建 工作 "
    "坚持 以人民为中心 发展思想 围绕 目标 任务 扎实 开展 志愿服务 活动 组织 动员 广大 "
    "干部群众 积极 参与 不断 提升 城市 文明程度 市民 素质 进一步 完善 长效 机制 建立 健全 "
    "责任 体系 明确 分工 压实 责任 强化 督查 考核 及时 整改 问题 确保 取得 实效 社区 街道 "
    "单位 部门 学校 医院 农贸市场 公共场所 窗口 服务 环境 卫生 秩序 交通 宣传 教育 引导 "
    "培育 践行 社会主义核心价值观 新时代文明实践 道德 模范 好人 诚信 家风 移风易俗 "
    "会议 指出 要求 强调 部署 安排 检查 调研 座谈 学习 传达 精神 研究 制定 方案 措施 "
    "截至目前 累计 共计 覆盖 参加 人次 场次 户 处 个 项 次 名 元 万元 百分之 "
    "测评 指标 材料 台账 报送 汇总 统计 核实 上报 存档 备查 按照 根据 结合 实际 情况"
).split()
PUNCT = ["，", "，", "，", "、", "。", "；"]


def prose(rng, n_bytes):
    """UTF-8 Chinese prose of about n_bytes."""
    parts, size = [], 0
    while size < n_bytes:
        words = []
        for _ in range(rng.randint(6, 22)):
            words.append(rng.choice(WORDS))
            if rng.random() < 0.08:
                words.append(str(rng.randint(1, 2024)))
            if rng.random() < 0.2:
                words.append(rng.choice(PUNCT))
        s = "".join(words) + "。"
        if rng.random() < 0.12:
            s += "\n"
        parts.append(s)
        size += len(s.encode())
    return "".join(parts)


def csv_rows(rng, n_bytes):
    lines, size = ["序号,责任单位,日期,事项,人次,金额（元）,状态\n"], 0
    i = 0
    while size < n_bytes:
        i += 1
        line = (f"{i},{rng.choice(UNITS)},2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d},"
                f"{rng.choice(TOPICS)},{rng.randint(1, 500)},{rng.randint(0, 99999)}."
                f"{rng.randint(0, 99):02d},{rng.choice(['已完成', '推进中', '已整改', '未开始'])}\n")
        lines.append(line)
        size += len(line.encode())
    return "".join(lines)


def ole_pool(rng, n_bytes, cells):
    """An OLE-like body: UTF-16LE text (or cells), zero-padded sectors, some binary."""
    out, size = bytearray(), 0
    while size < n_bytes:
        r = rng.random()
        if r < 0.70:
            text = csv_rows(rng, 1500).replace(",", "\t") if cells else prose(rng, 1500)
            chunk = text.encode("utf-16-le")
        elif r < 0.90:
            chunk = bytes(rng.randint(64, 1024))
        else:
            chunk = rng.randbytes(rng.randint(32, 512))
        pad = -len(chunk) % 512  # sectors
        out += chunk + bytes(pad)
        size += len(chunk) + pad
    return bytes(out)


OLE_HEADER = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"


class Pools:
    def __init__(self, rng, text_only):
        self.random = memoryview(rng.randbytes(64 * MIB))
        text = {
            "txt": prose(rng, 4 * MIB).encode(),
            "csv": csv_rows(rng, 4 * MIB).encode(),
            "doc": ole_pool(rng, 6 * MIB, cells=False),
            "xls": ole_pool(rng, 6 * MIB, cells=True),
        }
        text["wps"] = text["doc"]
        self.text = {k: memoryview(v) for k, v in text.items()}
        # ASCII page content streams for PDFs, and XML for OOXML parts
        self.pdf_text = memoryview(pdf_content(rng, 2 * MIB))
        self.xml = memoryview(("<w:p><w:r><w:t>" + prose(rng, 2 * MIB).replace("。", "。</w:t></w:r></w:p>\n<w:p><w:r><w:t>") + "</w:t></w:r></w:p>").encode())


def pdf_content(rng, n_bytes):
    out, size = [], 0
    while size < n_bytes:
        y = rng.randint(40, 780)
        s = (f"BT /F1 {rng.choice([10, 12, 14, 16])} Tf 1 0 0 1 {rng.randint(50, 90)} {y} Tm "
             f"<{prose(rng, 60).encode('utf-16-be').hex().upper()}> Tj ET\n")
        if rng.random() < 0.1:
            s += f"q {rng.randint(100, 500)} 0 0 {rng.randint(100, 700)} 72 {y} cm /Im1 Do Q\n"
        out.append(s)
        size += len(s)
    return "".join(out).encode()


def slices(rng, pool, n, lo, hi):
    """n bytes taken from `pool` in slices of lo..hi bytes at random offsets."""
    out = []
    while n > 0:
        k = min(n, rng.randint(lo, hi), len(pool))
        at = rng.randrange(0, len(pool) - k + 1)
        out.append(pool[at:at + k])
        n -= k
    return out


def random_bytes(rng, pools, n):
    return slices(rng, pools.random, n, 256 << 10, 1 << 20)


def jpeg(rng, pools, n):
    head = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00"
            b"\xff\xdb\x00\x43\x00" + bytes(range(64)) + b"\xff\xc0\x00\x11\x08\x0b\xb8\x0f\xa0\x03"
            b"\x01\x22\x00\x02\x11\x01\x03\x11\x01\xff\xda\x00\x0c\x03\x01\x00\x02\x11\x03\x11\x00\x3f\x00")
    body = max(0, n - len(head) - 2)
    return [head, *random_bytes(rng, pools, body), b"\xff\xd9"][:]


def mp4(rng, pools, n):
    head = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"
    mdat = max(0, n - len(head) - 8)
    return [head, (mdat + 8).to_bytes(4, "big") if mdat + 8 < 2**32 else b"\x00\x00\x00\x01",
            b"mdat", *random_bytes(rng, pools, mdat)]


def pdf(rng, pools, n):
    """A PDF skeleton: ~one page per 80 KB, each with a text stream and an image stream."""
    parts = [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"]
    size = len(parts[0])
    pages = max(1, n // 80_000)
    kids = " ".join(f"{3 + 3 * i} 0 R" for i in range(pages))
    head = (f"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            f"2 0 obj\n<< /Type /Pages /Kids [{kids}] /Count {pages} >>\nendobj\n").encode()
    parts.append(head)
    size += len(head)
    budget = max(0, n - size - 64)
    per_page = budget // pages
    for i in range(pages):
        obj = 3 + 3 * i
        text_len = per_page // 4
        img_len = max(0, per_page - text_len - 400)
        page = (f"{obj} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                f"/Contents {obj + 1} 0 R /Resources << /XObject << /Im1 {obj + 2} 0 R >> >> >>\n"
                f"endobj\n{obj + 1} 0 obj\n<< /Length {text_len} >>\nstream\n").encode()
        parts.append(page)
        parts += slices(rng, pools.pdf_text, text_len, 2_000, 16_000)
        img = (f"\nendstream\nendobj\n{obj + 2} 0 obj\n<< /Type /XObject /Subtype /Image "
               f"/Width 1240 /Height 1754 /BitsPerComponent 8 /ColorSpace /DeviceRGB "
               f"/Filter /DCTDecode /Length {img_len} >>\nstream\n").encode()
        parts.append(img)
        parts += random_bytes(rng, pools, img_len)
        parts.append(b"\nendstream\nendobj\n")
        size += len(page) + text_len + len(img) + img_len + 18
    tail = b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    fill = n - size - len(tail)
    if fill > 0:
        parts.append(b"%" + b" " * (fill - 2) + b"\n" if fill >= 2 else b"\n" * fill)
    parts.append(tail)
    data = b"".join(bytes(p) for p in parts)
    return [data[:n]] if len(data) >= n else [data, b"\n" * (n - len(data))]


def ooxml(rng, pools, n, kind):
    """A real OOXML package of exactly n bytes (when n allows): XML parts deflated, a
    stored media part filling the rest."""
    xml_len = min(max(2_000, n // 8), 400_000)
    xml = b"".join(bytes(s) for s in slices(rng, pools.xml, xml_len, 4_000, 32_000))
    pages = max(1, n // 40_000)
    main = "word/document.xml" if kind == "docx" else "xl/worksheets/sheet1.xml"
    media = "word/media/image1.jpeg" if kind == "docx" else "xl/media/image1.png"
    at = rng.randrange(0, len(pools.random) - 1)
    date = (2024, 1, 1, 0, 0, 0)

    def build(media_len):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            def put(name, data, method):
                info = zipfile.ZipInfo(name, date)
                info.compress_type = method
                z.writestr(info, data)
            put("[Content_Types].xml", b'<?xml version="1.0" encoding="UTF-8"?><Types/>',
                zipfile.ZIP_DEFLATED)
            put("docProps/app.xml",
                f'<?xml version="1.0"?><Properties><Pages>{pages}</Pages></Properties>'.encode(),
                zipfile.ZIP_DEFLATED)
            put(main, xml, zipfile.ZIP_DEFLATED)
            m = bytes(pools.random[at:at + media_len]) if at + media_len <= len(pools.random) \
                else bytes(pools.random[:media_len])
            put(media, m, zipfile.ZIP_STORED)
        return buf.getvalue()

    first = build(0)
    media_len = max(0, n - len(first))
    data = build(media_len)
    if len(data) != n:  # headers grew (e.g. ZIP64); pad is not possible in a zip, so trim media
        data = build(max(0, media_len - (len(data) - n)))
    return [data]


def text_like(rng, pools, n, kind):
    pool = pools.text[kind]
    head = OLE_HEADER if kind in ("doc", "xls", "wps") else (
        "\ufeff".encode() if kind == "csv" and rng.random() < 0.5 else b"")
    return [head, *slices(rng, pool, max(0, n - len(head)), 4_000, 64_000)]


def content(rng, pools, kind, n):
    if kind == "jpg":
        return jpeg(rng, pools, n)
    if kind == "mp4":
        return mp4(rng, pools, n)
    if kind == "pdf":
        return pdf(rng, pools, n)
    if kind in ("docx", "xlsx"):
        return ooxml(rng, pools, n, kind)
    return text_like(rng, pools, n, kind)


# --------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--size", default="2G", help="total bytes, e.g. 2G, 500M (decimal)")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--text-only", action="store_true")
    ap.add_argument("--seed", type=int, default=20240701)
    args = ap.parse_args()

    n_files = max(1, round(args.files * args.scale))
    total = int(parse_size(args.size) * args.scale)
    if os.path.exists(args.out) and os.listdir(args.out):
        sys.exit(f"{args.out} exists and is not empty")
    rng = random.Random(f"{args.seed}-{n_files}-{total}-{args.text_only}")
    pools = Pools(rng, args.text_only)
    planned = plan(rng, n_files, total, args.text_only)
    rel = paths(rng, planned)
    stats = {}
    sample = random.Random(1)
    base_time = 1_704_038_400  # 2024-01-01 00:00 +08:00
    for (kind, size), path in zip(planned, rel):
        full = os.path.join(args.out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        parts = content(rng, pools, kind, size)
        written = 0
        with open(full, "wb") as f:
            for p in parts:
                written += f.write(p)
        if written != size:
            sys.exit(f"internal: {path} is {written} bytes, planned {size}")
        t = base_time + rng.randrange(0, 365 * 86400)
        os.utime(full, (t, t))
        s = stats.setdefault(kind, [0, 0, 0, 0])
        s[0] += 1
        s[1] += size
        if s[0] <= 20 or sample.random() < 0.02:  # deflate ratio on a sample
            data = b"".join(bytes(p) for p in parts)[: 4 * MIB]
            s[2] += len(data)
            s[3] += len(zlib.compress(data, 6))
    print(f"{args.out}: {n_files} files, {total:,} bytes "
          f"({'text-like only' if args.text_only else 'mixed'}, seed {args.seed})", file=sys.stderr)
    for kind, (n, b, raw, packed) in sorted(stats.items(), key=lambda kv: -kv[1][1]):
        print(f"  .{kind:5} {n:6} files {b / 1e6:9.1f} MB ({100 * b / total:4.1f}%)  "
              f"zlib-6 ratio {raw / max(packed, 1):.2f}x (sampled)", file=sys.stderr)


if __name__ == "__main__":
    main()
