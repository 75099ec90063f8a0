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
    def edit(name, data):
        if name != "word/numbering.xml":
            return data
        xml = re.sub(r"(<w:numbering[^>]*>)", r"\1" + LISTS, data.decode("utf-8"), count=1)
        return xml.replace("</w:numbering>", NUMS + "</w:numbering>").encode("utf-8")
    rewrite(path, edit)


def settled(name, data):
    """The document's dates fixed, so that the same source gives the same bytes."""
    if name != "docProps/core.xml":
        return data
    xml = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*", r"\g<1>2024-01-01T00:00:00Z", data.decode("utf-8"))
    return xml.encode("utf-8")


def rewrite(path, edit):
    """Rewrites the zip at path, each part through edit(name, data), every entry dated alike."""
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = settled(item.filename, edit(item.filename, src.read(item.filename)))
            dst.writestr(zipfile.ZipInfo(item.filename, (2024, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    os.replace(tmp, path)


def resave_libreoffice(path):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "draft.docx")
        shutil.copy(path, src)
        subprocess.run(["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML",
                        "--outdir", os.path.join(tmp, "out"), src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, "out", "draft.docx"), path)
    rewrite(path, lambda name, data: data)


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
            # Notepad's ANSI on a Chinese Windows: every character within GBK, written as GB 18030.
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



# 02: a scheme alone; 一、 and （一） are Word's list numbers, the stages' steps typed.
CORPUS.append(("02-背街小巷环境整治工作方案", "docx", """
@c @b 鹭湾街道背街小巷环境整治工作方案
@ind 为补齐背街小巷环境卫生短板，改善辖区群众生活环境，根据区创建办工作部署，制定本方案。
@L0 @b 整治范围
@ind 辖区内8个社区的背街小巷共计46条，重点是老旧小区周边、农贸市场周边和学校周边巷道。
@L0 @b 整治内容
@L1 **清理乱堆乱放。**清除巷道内堆放的杂物、建筑垃圾和废弃家具，做到巷道整洁通畅。
@L1 **规范占道经营。**取缔巷道内流动摊点，沿街商户一律店内经营，严禁出店经营和占道堆放货物。
@L1 **整治“三线”乱象。**会同电力、通信等单位对巷道上空乱拉乱挂的电力线、通信线和有线电视线进行梳理归并。
@L0 @b 工作步骤
@ind @b 第一阶段：排查摸底阶段
@ind 时间：2024年3月1日至3月15日。
@ind 1.各社区对辖区背街小巷逐条排查，建立问题台账；
@ind 2.街道城管科汇总问题清单，明确整改责任人和完成时限。
@ind @b 第二阶段：集中整治阶段
@ind 时间：2024年3月16日至6月30日。
@ind 1.各社区按照问题台账逐项整改，每周报送整改进度；
@ind 2.街道每月组织一次联合执法行动，集中攻坚难点问题。
@ind @b 第三阶段：长效管理阶段
@ind 时间：2024年7月起。
@ind 建立巷长制，每条巷道明确一名巷长，落实日常巡查和保洁责任。
@L0 @b 组织保障
@ind 为确保整治工作顺利推进，街道成立背街小巷环境整治工作领导小组，由街道党工委书记孟庆和任组长，街道办事处主任罗文任副组长，成员包括：城管科科长严冰、社区管理科科长周立和各社区居委会主任。领导小组办公室设在街道城管科，具体负责日常工作，严冰为办公室主任。
@L0 @b 工作要求
@L1 **压实工作责任。**各社区书记是本社区整治工作第一责任人，要亲自部署、亲自督办。
@L1 **加强督查考核。**街道每月对各社区整治情况进行检查评比，结果在街道例会上通报。
"""))


# 03: a 责任分工方案: task areas typed with half-width (一), coordinator and unit lines, tasks
# numbered 1、 with their units in brackets.
CORPUS.append(("03-创建全国文明城市工作责任分工方案", "docx", """
@c @b 沣源市创建全国文明城市工作责任分工方案
　　为把创建全国文明城市各项任务落到实处，按照“属地管理、分级负责、条块结合”的原则，现将创建工作任务分解如下。
　　@b 一、总体要求
　　各牵头单位对本领域创建任务负总责，责任单位按照分工抓好落实，确保每项测评指标都有人抓、有人管。
　　@b 二、任务分工
　　@b (一)廉洁高效的政务环境
　　协调人：王正阳；副协调人：许文博。
　　责任单位：市纪委监委、市委组织部、市政务服务中心。
　　1、加强干部理论学习。落实理论学习中心组学习制度，每季度至少开展一次专题学习。（市委组织部负责）
　　2、提升政务服务效能。推行“一窗受理、集成服务”，政务服务事项网上可办率达到90%以上。（市政务服务中心负责）
　　@b (二)公平诚信的市场环境
　　协调人：钱立新；副协调人：沈  丹、胡志远。
　　责任单位：市发展改革委、市市场监管局、市商务局。
　　1、推进诚信体系建设。完善企业信用信息公示制度，定期发布诚信“红黑榜”。（市发展改革委、市市场监管局负责）
　　2、规范“窗口”行业服务。在商场、银行、车站等窗口单位推行服务承诺公开，建立投诉快速处理机制。（市商务局负责并提供相关资料）
　　@b (三)舒适便利的生活环境
　　协调人：赵德明；副协调人：孔  伟。
　　责任单位：市住房城乡建设局、市城管局、市交通运输局、各区人民政府。
　　1、整治城市容貌。开展占道经营、乱贴乱画专项整治，城区主次干道实现机械化清扫。（市城管局、各区人民政府负责）
　　2、优化公交出行。优化公交线网布局，城区公交站点500米覆盖率达到100%。（市交通运输局负责）
　　@b 三、工作要求
　　(一)加强统筹协调。各协调人每季度召集本领域责任单位研究一次创建工作，协调解决存在的问题。
　　(二)严格考核问责。市创建办将任务完成情况纳入年度目标考核，对工作滞后的单位予以通报。
"""))

# 04: a notice with two attachments, the second a 任务分解表 as a Word table whose 测评项目 and
# 完成时限 cells are merged down over rows.
CORPUS.append(("04-测评任务分解表", "docx", """
@c 青创办〔2024〕4号
@c @b 关于印发《青禾县创建省级文明县城测评任务落实方案》的通知
各乡镇人民政府，县直各单位：
@ind 现将《青禾县创建省级文明县城测评任务落实方案》印发给你们，请结合实际认真贯彻落实。
@ind 附件：1.青禾县创建省级文明县城测评任务落实方案
          2.青禾县创建省级文明县城测评任务分解表
@r 青禾县创建省级文明县城工作领导小组办公室
@r 2024年6月3日
@pb 附件1
@c @b 青禾县创建省级文明县城测评任务落实方案
@ind 为确保省级文明县城测评体系各项指标落到实处，现就测评任务的分解落实作如下安排。
@ind @b 一、任务分解
@ind 测评任务按测评项目分解到各责任单位，详见附件2。牵头单位对所牵头任务负总责，配合单位按照职责做好配合工作。
@ind @b 二、工作要求
@ind （一）对表落实。各责任单位要对照分解表逐项制定落实措施，明确完成时限和责任人。
@ind （二）按时报送。各责任单位每月25日前向县创建办报送任务进展情况和佐证材料。
@pb 附件2
@c @b 青禾县创建省级文明县城测评任务分解表
| 序号 | 测评项目 | 测评内容 | 责任单位 | 完成时限 |
| 1 | 政务环境 | 健全党委（党组）理论学习中心组学习制度，每年集中学习不少于12次。 | 县委宣传部 | 长期坚持 |
| 2 | ^ | 推行政务服务“一网通办”，政务服务事项网上可办率达到90%以上。 | 县政务服务中心 | 2024年9月底前 |
| 3 | 社会环境 | 城区主次干道路面平整，无坑洼破损，路灯亮灯率达到98%以上。 | 县住房城乡建设局 | 2024年10月底前 |
| 4 | ^ | 农贸市场划行归市，无占道经营，周边环境整洁有序。 | 县市场监管局、县城管局 | ^ |
| 5 | ^ | 公共场所设置规范的公益广告，主次干道公益广告占比不低于20%。 | 县委宣传部 | 长期坚持 |
| 6 | 志愿服务 | 注册志愿者人数占城区常住人口的比例达到13%以上。 | 团县委、县文明办 | 2024年12月底前 |
"""))


# 05: a 考核办法 in chapters and articles (第一章, 第一条), a score table merged down and across.
CORPUS.append(("05-文明单位创建考核办法", "docx", """
@c @b 桐川市文明单位创建工作考核办法
@c @b 第一章  总则
    **第一条**  为规范文明单位创建管理，激励各单位持续深化创建工作，根据《全国文明单位测评体系》，结合我市实际，制定本办法。
    **第二条**  本办法适用于市级文明单位和申报市级文明单位的机关、企事业单位。
@c @b 第二章  考核内容和方式
    **第三条**  考核内容包括组织领导、思想道德建设、精神文明创建活动和单位环境四个方面，满分为100分，具体分值如下：
| 考核项目 | 考核内容 | 分值 |
| 组织领导 | 创建工作纳入单位年度计划，有专人负责 | 20 |
| 思想道德建设 | 开展理论学习和道德讲堂活动 | 15 |
| ^ | 开展志愿服务活动，在职党员到社区报到 | 15 |
| 精神文明创建活动 | 开展文明礼仪、诚信建设等主题活动 | 30 |
| 单位环境 | 办公场所整洁有序，无违规吸烟现象 | 20 |
| 合计 | < | 100 |
    **第四条**  考核采取日常检查、集中测评和群众评议相结合的方式进行，每年考核一次。
@c @b 第三章  结果运用
    **第五条**  考核得分90分以上的为优秀，75分至89分的为合格，75分以下的为不合格。
    **第六条**  考核结果为不合格的，取消其文明单位称号，两年内不得重新申报。
@c @b 第四章  附则
    **第七条**  本办法由市文明办负责解释，自印发之日起施行。
"""))

# 06: a 通知 whose body sets out its requirements 一、二、三、 (typed; a notice's body has no
# sections), a contact line, a 附注, and the scheme attached with 1. straight under 一、, made
# by a decimal Word list.
CORPUS.append(("06-关于开展文明餐桌行动的通知", "docx", """
@c 岚文明办〔2024〕12号
@c @b 关于开展“文明餐桌”行动的通知
各街道（镇）文明办，区直各单位：
@ind 为大力弘扬勤俭节约的传统美德，制止餐饮浪费行为，区文明办决定在全区开展“文明餐桌”行动。现将有关事项通知如下：
@ind 一、提高思想认识。各单位要充分认识制止餐饮浪费的重要意义，把“文明餐桌”行动纳入本单位精神文明建设的重要内容。
@ind 二、突出行动重点。要以机关食堂、餐饮企业和学校食堂为重点，推行“光盘行动”和小份菜、半份菜，引导消费者适量点餐。
@ind 三、加强宣传引导。各街道（镇）要在辖区餐饮场所张贴“文明餐桌”公益广告，每季度至少开展一次主题宣传活动。
@ind 四、及时报送情况。各单位请于2024年11月30日前将行动开展情况书面报送区文明办。
@ind 联系人：何  静，电话：0571-8888 6601。
@blank
@ind 附件：岚江区“文明餐桌”行动实施方案
@blank
                        岚江区精神文明建设委员会办公室
                                  2024年9月20日
@ind （此件发至街道（镇））
@pb 附件
@blank
@c @b 岚江区“文明餐桌”行动实施方案
@blank
@ind @b 一、行动目标
@ind 到2024年底，全区机关食堂和规模以上餐饮企业“光盘行动”知晓率达到100%，餐饮浪费现象明显减少。
@ind @b 二、行动内容
@D0 **机关食堂带头。**机关食堂实行按需供餐，推行自助餐按量取餐，杜绝剩菜剩饭。
@D0 **餐饮企业倡导。**餐饮企业在醒目位置摆放提示牌，服务员主动提醒顾客适量点餐。
@D0 **学校食堂示范。**中小学校结合劳动教育开展节约粮食主题班会。
@ind @b 三、时间安排
@ind （一）宣传发动阶段（2024年10月）
@ind 各单位制定具体方案，开展宣传发动。
@ind （二）集中推进阶段（2024年11月至12月）
@ind 全面落实各项行动措施，区文明办组织暗访检查。
"""))

# 07: full-width spaces for indentation, 1. and ① typed, the 指挥部 listed with job titles in
# columns aligned with spaces, its office with a short name and a concurrent director.
CORPUS.append(("07-巩固创建成果长效管理工作方案", "docx", """
@c @b 沣源市巩固全国文明城市创建成果长效管理工作方案
　　为巩固全国文明城市创建成果，推动创建工作常态长效，结合我市实际，制定本方案。
　　@b 一、指导思想
　　坚持以人民为中心，把巩固创建成果与城市精细化管理结合起来，着力解决群众身边的突出问题，不断提升城市文明程度和市民文明素质。
　　@b 二、主要任务
　　@b （一）深化思想道德建设
　　**1.加强理论宣讲。**组建“百姓宣讲团”，每月深入社区开展宣讲活动不少于4场。
　　@b 2.培育文明风尚
　　①开展“文明家庭”评选。每年评选市级文明家庭100户，并在媒体上集中宣传。
　　②开展“最美志愿者”评选。每季度推出一批优秀志愿者和志愿服务项目。
　　@b （二）提升城市管理水平
　　**1.落实网格化管理。**将城区划分为120个管理网格，每个网格明确责任人和巡查频次。
　　**2.强化问题整改。**建立问题发现、交办、整改、销号闭环机制，一般问题24小时内整改到位。
　　@b 三、组织领导
　　为加强对长效管理工作的领导，成立沣源市巩固创建成果工作指挥部。
　　指 挥 长：苏  明      市委书记
　　副指挥长：林海川      市委副书记、市长
　　　　　　　何素云      市委常委、宣传部部长
　　成    员：邓一帆      市委宣传部副部长
　　　　　　　黄振东      市城管局局长
　　　　　　　钟  敏      市住房城乡建设局局长
　　指挥部下设办公室（简称“创文办”），办公室设在市文明办，办公室主任由邓一帆同志兼任。
　　@b 四、工作要求
　　**（一）落实主体责任。**各区、各部门主要负责同志是长效管理第一责任人，要定期研究部署，亲自协调解决重点难点问题。
　　**（二）强化督查问责。**市创文办每月开展暗访督查，对问题整改不及时的单位进行通报，情节严重的按规定追责。
"""))


# 08: a joint 印发 notice, its scheme numbered throughout by Word's list numbering (一、/（一）/1.),
# two signatures pushed right with spaces; written by python-docx and saved again by LibreOffice.
CORPUS.append(("08-志愿服务关爱行动实施方案", "docx-lo", """
@c 岚团联〔2024〕2号
@c @b 关于印发《岚江市“志愿服务进社区”关爱行动实施方案》的通知
各县（市、区）团委、文明办，市直各单位：
@ind 现将《岚江市“志愿服务进社区”关爱行动实施方案》印发给你们，请认真组织实施。
@ind 各单位请于5月10日前确定一名联络员，报团市委志愿者工作部。
@ind 附件：岚江市“志愿服务进社区”关爱行动实施方案
@blank
                                    共青团岚江市委员会
                                    岚江市文明办
                                    2024年4月26日
@pb 附件
@c @b 岚江市“志愿服务进社区”关爱行动实施方案
@ind 为深化新时代文明实践，推动志愿服务常态化开展，团市委、市文明办决定在全市开展“志愿服务进社区”关爱行动。
@L0 @b 活动对象
@ind 城区各社区的空巢老人、留守儿童、残疾人等需要帮助的群体。
@L0 @b 活动内容
@L1 @b 关爱空巢老人
@L2 **结对帮扶。**每名志愿者至少结对一户空巢老人，每月上门服务不少于2次。
@L2 **定期探访。**重要节日组织志愿者集中探访，帮助老人解决生活中的实际困难。
@L1 @b 关爱留守儿童
@L2 **课业辅导。**依托社区“四点半课堂”，组织大学生志愿者开展课业辅导。
@L2 **心理陪伴。**联合专业社工机构，为有需要的儿童提供心理疏导服务。
@L0 @b 实施步骤
@L1 启动阶段（5月上旬）。各县（市、区）制定具体方案，完成志愿者招募和结对。
@L1 实施阶段（5月中旬至11月）。全面开展各项关爱服务，团市委每月通报各地开展情况。
@L1 总结阶段（12月）。总结活动经验，评选表彰优秀志愿者和优秀项目。
@L0 @b 保障措施
@L1 **加强组织保障。**各级团组织和文明办要明确专人负责，确保活动有序开展。
@L1 **加强经费保障。**活动所需经费从志愿服务专项经费中列支，专款专用。
@blank
@blank
抄送：市委办公室，市民政局。
共青团岚江市委员会办公室              2024年4月28日印发
"""))

# 09: task areas whose coordinator line is punctuated with a comma, a task in parts each with
# its units, a schedule table merged down; written by python-docx, saved again by LibreOffice.
CORPUS.append(("09-城乡环境综合整治任务分工方案", "docx-lo", """
@c @b 青禾县城乡环境综合整治任务分工方案
@ind 为扎实推进城乡环境综合整治，巩固省级文明县城创建成果，现将整治任务分工如下。
@ind @b 一、整治任务
@ind @b （一）城区环境整治
@ind 协调人：张建华，副协调人：吴志强
@ind 责任单位：县城管局、县住房城乡建设局、城关镇人民政府。
@ind **1.市容秩序整治。**（1）清理占道经营和流动摊点（县城管局负责）；（2）规范户外广告和店招店牌设置（县城管局、县市场监管局负责）
@ind **2.背街小巷改造。**完成城区12条背街小巷路面硬化和雨污分流改造。（县住房城乡建设局、城关镇人民政府负责）
@ind @b （二）农村人居环境整治
@ind 协调人：李秋实，副协调人：杨  帆、郑  波
@ind 责任单位：县农业农村局、县生态环境局、各乡镇人民政府。
@ind **1.农村垃圾治理。**建立“户分类、村收集、镇转运、县处理”体系，行政村生活垃圾收运处置覆盖率达到100%。（县生态环境局、各乡镇人民政府负责）
@ind **2.村容村貌提升。**开展“清洁家园”行动，每季度评选一批美丽庭院示范户。（县农业农村局负责）
@ind @b 二、进度安排
@ind 各项整治任务按以下时间节点推进：
| 阶段 | 时间 | 主要工作 |
| 动员部署 | 2024年3月 | 制定方案，召开全县动员大会 |
| 集中整治 | 2024年4月至9月 | 城区和农村同步推进各项整治任务 |
| ^ | ^ | 县整治办每月通报各单位工作进展 |
| 巩固提升 | 2024年10月至12月 | 查漏补缺，建立长效管理机制 |
@ind @b 三、工作要求
@ind **（一）压实责任。**各协调人要加强统筹，责任单位主要负责同志要亲自抓，确保任务按期完成。
@ind **（二）强化督办。**县整治办对任务落实情况实行清单化管理，完成一项、销号一项。
"""))


# 10: UTF-8 text as Notepad saves it: indented with spaces, (一) typed half-width.
CORPUS.append(("10-文明养犬专项整治实施方案", "txt-utf8", """
            桐川市文明养犬专项整治实施方案

    为规范城区养犬行为，维护市容环境和公共安全，根据《桐川市养犬管理条例》，决定开展文明养犬专项整治，制定本方案。
    一、整治目标
    城区犬只登记率达到90%以上，遛犬不牵绳、犬只随地便溺等不文明行为明显减少。
    二、整治重点
    (一)办证登记。公安机关在各社区设立临时登记点，集中为犬只办理登记和免疫。
    (二)文明遛犬。遛犬时须束犬链、及时清理犬只粪便，城区禁止饲养大型犬和烈性犬。
    (三)流浪犬收容。城管部门对无主犬只统一收容，交由收容中心集中管理。
    三、实施步骤
    (一)宣传动员阶段（2024年5月1日至5月15日）。通过社区公告栏、微信公众号等渠道发布整治通告，引导养犬人主动登记。
    (二)集中整治阶段（2024年5月16日至8月31日）。组织联合执法组在公园、广场和小区开展巡查，依法查处违规养犬行为。
    (三)巩固提升阶段（2024年9月1日至12月31日）。总结整治经验，将文明养犬纳入社区日常管理。
    四、职责分工
    (一)市公安局负责犬只登记管理和违法养犬行为的查处。
    (二)市城管局负责流浪犬收容和犬只粪便污染环境行为的处罚。
    (三)市农业农村局负责犬只狂犬病免疫和疫情监测。
    (四)各街道负责组织社区开展宣传和日常劝导。
    五、工作要求
    (一)加强协作配合。各单位要按照职责分工密切配合，形成整治合力。
    (二)注重宣传引导。坚持教育与处罚相结合，引导市民自觉做文明养犬人。
"""))

# 11: UTF-8 text: a 印发 notice centred and signed with spaces, its scheme after 附件, the 版记
# typed at the end.
CORPUS.append(("11-创建全国文明城市宣传工作方案", "txt-utf8", """
      关于印发《鹭湾区创建全国文明城市宣传工作方案》的通知

各街道党工委，区直各单位：
    现将《鹭湾区创建全国文明城市宣传工作方案》印发给你们，请结合实际，认真抓好落实。

    附件：鹭湾区创建全国文明城市宣传工作方案

                                        中共鹭湾区委宣传部
                                          2024年3月15日


附件

          鹭湾区创建全国文明城市宣传工作方案

    为营造全民参与创建全国文明城市的浓厚氛围，现就创建宣传工作制定如下方案。
    一、宣传重点
    1.宣传创建意义。讲清创建全国文明城市对城市发展和群众生活的重要意义，提高市民知晓率和支持率。
    2.宣传先进典型。深入挖掘道德模范、身边好人和优秀志愿者的感人事迹，发挥榜样引领作用。
    3.宣传文明规范。广泛宣传文明交通、文明旅游、文明就餐等行为规范，引导市民自觉遵守。
    二、宣传方式
    （一）媒体宣传。区融媒体中心开设“创城进行时”专栏，每周至少刊播2篇创建稿件。
    （二）阵地宣传。在主次干道、公园广场、社区和公交站亭设置公益广告，做到整洁美观、内容规范。
    （三）活动宣传。结合传统节日开展“我们的节日”主题活动，组织文艺小分队进社区演出。
    三、组织保障
    成立创建宣传工作领导小组：
    组  长：陈  光
    副组长：刘卫东、杨  柳
    成  员：各街道党工委宣传委员、区直各单位分管负责同志
    领导小组办公室设在区委宣传部宣传科，杨柳同志任办公室主任。办公室主要职责：负责宣传工作的组织协调和督促检查。
    四、工作要求
    （一）提高站位。各单位要把创建宣传作为一项重要政治任务，主要负责同志亲自抓。
    （二）注重实效。宣传内容要贴近群众、贴近生活，避免形式主义。



抄送：区委办公室，区政府办公室。
中共鹭湾区委宣传部办公室                   2024年3月15日印发
"""))

# 12: GBK text with CRLF: full-width spaces, 第一阶段： with a 时间： line, steps 1. and (1) typed,
# the group with job titles aligned with full-width spaces, the office's duties on a line of
# their own.
CORPUS.append(("12-农贸市场环境提升工作方案", "txt-gbk", """
青禾县农贸市场环境提升工作方案

　　为改善农贸市场购物环境，提升群众满意度，按照县创建办统一部署，制定本方案。
　　一、工作目标
　　年底前全县6个农贸市场全部达到“划行归市、整洁有序、设施完善、管理规范”的标准。
　　二、工作步骤
　　第一阶段：摸底排查阶段
　　时间：4月1日至4月20日。
　　1.县市场监管局会同各乡镇对农贸市场逐一排查，建立问题清单；
　　2.各市场开办方制定整改计划，报县市场监管局备案。
　　第二阶段：集中整改阶段
　　时间：4月21日至9月30日。
　　1.完成市场内部改造。
　　(1)地面硬化、排水沟疏通；
　　(2)摊位统一规划、统一标识。
　　2.规范市场周边秩序，清理占道经营和乱停乱放。
　　第三阶段：验收考评阶段
　　时间：10月1日至10月31日。
　　1.县创建办组织验收，对未达标的市场限期整改。
　　三、组织领导
　　成立县农贸市场环境提升工作领导小组，组成如下：
　　组　长：马　骏　　副县长
　　副组长：孙立平　　县市场监管局局长
　　　　　　韩　冬　　县商务局局长
　　成　员：程　林　　县城管局副局长
　　　　　　朱　敏　　县卫生健康局副局长
　　领导小组下设办公室，办公室设在县市场监管局，孙立平同志任办公室主任。
　　办公室主要职责：1.制定整改标准；2.督促各市场落实整改；3.组织验收考评。
"""))

# 13: GBK text with CRLF: tasks numbered 1． (a full-width point) under typed (一), each ending
# with its units and the one phrase the whole scheme uses (负责并提供相关资料).
CORPUS.append(("13-测评任务责任分解方案", "txt-gbk", """
        岚江市创建全国文明城市测评任务责任分解方案

    根据《全国文明城市测评体系》，结合我市实际，现将测评任务分解如下，各责任单位要对照任务抓好落实，并按要求提供相关资料。

    一、测评任务
    (一)廉洁高效的政务环境
    1．党委（党组）中心组学习制度健全，每年集中学习不少于12次。（市委组织部、市委宣传部负责并提供相关资料）
    2．领导干部带头遵守廉洁从政各项规定，无违纪违法案件发生。（市纪委监委负责并提供相关资料）
    (二)公正公平的法治环境
    1．开展“法律进社区”活动，每个社区配备一名法律顾问。（市司法局负责并提供相关资料）
    2．群众对社会治安的满意度达到90%以上。（市公安局、市委政法委负责并提供相关资料）
    (三)健康向上的人文环境
    1．城区建有规范的道德讲堂，每季度至少开展一次活动。（市文明办负责并提供相关资料）
    2．公共文化场馆免费开放，并有无障碍设施。（市文化广电旅游局、市残联负责并提供相关资料）

    二、工作要求
    各责任单位要在每季度末将任务进展情况和佐证材料报送市创建办。对工作推进缓慢的单位，市创建办将予以通报。
"""))


# 14: Markdown as an AI assistant writes it: # title, ## 一、, ### （一）, a GFM table, and
# 1. **加强领导。**… straight under 四、.
CORPUS.append(("14-新时代文明实践站建设实施方案", "md", """
# 鹭湾区新时代文明实践站建设实施方案

为打通宣传群众、教育群众、关心群众、服务群众的“最后一公里”，推动新时代文明实践站规范化建设，制定本方案。

## 一、建设目标

2024年底前，全区50个村（社区）全部建成新时代文明实践站，做到有场所、有队伍、有活动、有制度。

## 二、建设标准

### （一）阵地建设

每个实践站使用面积不少于100平方米，设有理论宣讲、志愿服务、文体活动等功能区。

### （二）队伍建设

每个实践站至少组建3支志愿服务队伍，有专人负责日常管理。

## 三、建设进度

实践站建设按以下进度推进：

| 时间 | 建设任务 | 完成数量 |
|------|----------|----------|
| 2024年6月底前 | 完成试点实践站建设 | 10个 |
| 2024年9月底前 | 全面推开实践站建设 | 40个 |
| 2024年12月底前 | 开展评估验收 | 全部 |

## 四、保障措施

1. **加强领导。**各街道党工委要把实践站建设列入重要议事日程，书记亲自抓。
2. **保障经费。**区财政按照每个实践站5万元的标准给予补助。
3. **强化考核。**将实践站建设纳入街道年度综合考核。
"""))

# 15: Markdown: a 印发 notice and its scheme, headings as whole bold lines (**一、适用范围**), the
# steps of a stage run on in one paragraph, the 版记 at the end.
CORPUS.append(("15-门前三包责任制实施方案", "md", """
# 关于印发《桐川市“门前三包”责任制实施方案》的通知

各镇（街道），市直有关单位：

现将《桐川市“门前三包”责任制实施方案》印发给你们，请认真贯彻执行。

附件：桐川市“门前三包”责任制实施方案

桐川市城市管理局
2024年7月1日

---

附件

# 桐川市“门前三包”责任制实施方案

为落实沿街单位和商户的市容环境责任，巩固全国文明城市创建成果，制定本方案。

**一、适用范围**

本市城区主次干道、背街小巷两侧的机关、企事业单位和个体工商户。

**二、责任内容**

**（一）包市容整洁。**责任区内无乱搭乱建、乱贴乱画，店招店牌规范整洁。

**（二）包环境卫生。**责任区内无暴露垃圾、无积存污水，垃圾定点存放。

**（三）包秩序良好。**责任区内无占道经营、无乱停乱放。

**三、实施步骤**

**（一）宣传发动阶段（7月1日至7月15日）。**

主要工作：1.各镇（街道）向责任单位发放告知书；2.签订“门前三包”责任书。

**（二）全面实施阶段（7月16日至12月31日）。**

主要工作：1.城管部门每日巡查；2.每月评选“门前三包”示范街。

**四、工作要求**

**（一）强化宣传。**通过上门宣传、媒体报道等方式，提高责任单位的知晓率。

**（二）严格考核。**对落实不力的单位，依法依规予以处理。

---

抄送：市委办公室，市政府办公室。

桐川市城市管理局办公室　　2024年7月2日印发
"""))

# 16: Markdown: task areas under ### （一）, tasks as a numbered list with bold titles and their
# units in brackets, stages as bold run-in headings, the group as a - list.
CORPUS.append(("16-文明交通秩序整治工作方案", "md", """
# 沣源市文明交通秩序整治工作方案

为进一步改善城市交通秩序，提升市民文明出行意识，决定在全市开展文明交通秩序整治，制定本方案。

## 一、整治任务

整治工作分两个板块推进，每个板块由一名市领导协调。

### （一）机动车秩序整治

协调人：王东；副协调人：李娜。

责任单位：市公安局、市交通运输局。

1. **治理乱停乱放。**在主次干道施划停车泊位，严查违法停车行为。（市公安局负责）
2. **规范出租车运营。**严查拒载、绕路、议价等违规行为。（市交通运输局负责）

### （二）非机动车和行人秩序整治

协调人：赵红梅；副协调人：孙涛。

责任单位：市公安局、市城管局、团市委。

1. **规范电动车通行。**开展电动自行车不戴头盔、闯红灯专项整治。（市公安局负责）
2. **开展文明劝导。**在重点路口设立志愿者劝导岗，引导行人走斑马线。（团市委、市城管局负责）

## 二、实施步骤

**（一）宣传发动阶段（2024年8月1日至8月10日）。**通过媒体发布整治通告，营造整治氛围。

**（二）集中整治阶段（2024年8月11日至11月30日）。**各责任单位按照分工开展整治，每周报送工作进展。

## 三、组织领导

成立沣源市文明交通秩序整治工作领导小组：

- 组　长：王东
- 副组长：赵红梅、孙涛
- 成　员：市公安局、市交通运输局、市城管局、团市委分管负责同志

领导小组办公室设在市公安局交警支队，负责整治工作的日常调度。
"""))



# The held-out set: written after the corpus, in other words, to measure recognition on drafts
# nobody tuned to.

# U01: 印发 notice; level-1 headings in Word's Heading 1 style, numbers typed in them.
UNSEEN.append(("01-志愿服务制度化建设实施方案", "docx", """
@c 梧文明办发〔2025〕3号
@c @b 关于印发《梧溪市志愿服务制度化建设实施方案》的通知
各区县（市）文明办，市文明委各成员单位：
@ind 《梧溪市志愿服务制度化建设实施方案》已经市文明委同意，现印发给你们，请抓好贯彻落实。
@ind 落实过程中遇到的问题，请及时与市文明办志愿服务指导处联系。
@blank
@ind 附件：梧溪市志愿服务制度化建设实施方案
@blank
@r 梧溪市精神文明建设指导委员会办公室
@r 2025年2月18日
@pb 附件
@c @b 梧溪市志愿服务制度化建设实施方案
@ind 为健全志愿服务体系，推动志愿服务制度化、规范化、常态化，根据上级有关文件精神，结合我市实际，制定本方案。
@H1 一、主要目标
@ind 到2025年底，全市实名注册志愿者占常住人口比例达到15%以上，志愿服务组织登记备案率达到100%，形成一批有影响力的志愿服务品牌项目。
@H1 二、重点任务
@ind **（一）健全注册管理制度。**依托全国志愿服务信息系统，规范志愿者注册、服务记录和证明出具工作，确保服务时长记录真实准确。
@ind **（二）完善激励回馈机制。**对服务时长累计达到一定标准的志愿者，在就医、乘车、景区游览等方面给予优待，定期开展星级志愿者评定。
@ind **（三）加强组织孵化培育。**建设市级志愿服务组织孵化基地，为新成立的志愿服务组织提供场地、培训和项目指导。
@H1 三、推进步骤
@ind （一）部署启动（2025年3月至4月）。各区县（市）制定具体实施办法，完成志愿服务组织摸底登记。
@ind （二）全面推进（2025年5月至11月）。落实各项制度措施，市文明办每两个月召开一次推进会。
@ind （三）评估总结（2025年12月至2026年1月）。开展第三方评估，总结推广典型经验。
@H1 四、组织保障
@ind 市文明办成立志愿服务制度化建设工作专班，负责统筹推进，人员组成如下：
@ind 组长：韦国强
@ind 副组长：覃丽、蒙超
@ind 成员：黎明辉、陆燕、甘思远、潘琳
@ind 工作专班下设办公室，办公室设在市文明办志愿服务指导处，办公室主任由覃丽同志兼任，副主任由陆燕同志兼任。
@H1 五、有关要求
@ind **（一）加强统筹协调。**各区县（市）文明办要加强与民政、共青团等部门的协作，形成工作合力。
@ind **（二）注重宣传引导。**充分利用各类媒体宣传志愿服务先进典型，营造人人愿为、人人可为的良好氛围。
@blank
抄送：市文明委主任、副主任。
"""))

# U02: task areas numbered throughout by Word's list numbering, a closing unnumbered line;
# saved again by LibreOffice.
UNSEEN.append(("02-全域环境卫生整治任务分工方案", "docx-lo", """
@c @b 梧溪市全域环境卫生整治任务分工方案
@ind 为持续改善城乡环境面貌，巩固全国文明城市创建成果，现就全域环境卫生整治任务作如下分工。
@L0 @b 工作任务
@L1 @b 城市道路和公共区域保洁
@ind 协调人：黄建业；副协调人：莫小军。
@ind 责任单位：市城管局、各城区人民政府。
@L2 **提高道路保洁标准。**城区主次干道实行16小时保洁，机械化清扫率达到90%以上。（市城管局负责）
@L2 **加强公共厕所管理。**城区公厕实行专人管理，做到无异味、无积水、无蚊蝇。（各城区人民政府负责）
@L1 @b 城乡结合部和城中村整治
@ind 协调人：罗春燕；副协调人：冯  涛、周海燕。
@ind 责任单位：市住房城乡建设局、市自然资源局、各城区人民政府。
@L2 **清理卫生死角。**对城中村房前屋后的垃圾杂物进行全面清理，建立长效保洁制度。（各城区人民政府负责）
@L2 **拆除违法建设。**依法拆除城乡结合部沿路违法建筑和破旧棚房。（市自然资源局、市住房城乡建设局负责）
@ind 各板块牵头单位每月5日前将上月工作进展报市整治办。
@L0 @b 保障措施
@L1 **落实经费保障。**市、区两级财政将整治经费列入年度预算，确保整治工作顺利开展。
@L1 **加强考评通报。**市整治办每月组织一次考评，考评结果在市级媒体公布。
"""))

# U03: GBK text with CRLF: 考核细则 in articles 第一条…第六条 without chapters.
UNSEEN.append(("03-文明社区创建考核细则", "txt-gbk", """
                 梧溪市文明社区创建考核细则

　　第一条　为推动文明社区创建工作规范开展，根据《梧溪市文明社区测评标准》，制定本细则。
　　第二条　考核对象为全市申报市级文明社区的城市社区。
　　第三条　考核实行百分制，其中组织建设占20分，思想道德建设占30分，环境建设占30分，服务群众占20分。
　　第四条　考核由市文明办组织，采取查阅资料、实地察看和入户走访相结合的方式进行。
　　第五条　考核得分85分以上的，确定为市级文明社区；连续两年考核不合格的，撤销其称号。
　　第六条　本细则自2025年3月1日起施行。
"""))

# U04: UTF-8 text: a 通知 with its requirements numbered 1. in the body, a 附注, the 活动安排
# attached.
UNSEEN.append(("04-关于开展文明旅游宣传月活动的通知", "txt-utf8", """
              关于开展文明旅游宣传月活动的通知

各区县（市）文化旅游主管部门，各A级旅游景区：
    为倡导文明旅游新风尚，提升游客文明素质，市文化广电和旅游局决定于2025年5月在全市开展文明旅游宣传月活动。请各单位做好以下工作：
    1.认真制定方案。结合本地本单位实际，细化活动内容，确保活动取得实效。
    2.营造宣传氛围。在景区入口、游客中心等重点区域设置文明旅游提示牌，循环播放文明旅游公益广告。
    3.按时报送总结。活动结束后，请于6月10日前将活动总结和图片资料报市局市场管理科。

    附件：梧溪市文明旅游宣传月活动安排

                                   梧溪市文化广电和旅游局
                                       2025年4月22日
    （此件主动公开）

附件
            梧溪市文明旅游宣传月活动安排
    一、活动时间
    2025年5月1日至5月31日。
    二、活动内容
    （一）文明旅游志愿服务。各A级景区组建文明旅游志愿服务队，在节假日开展文明引导和咨询服务。
    （二）文明游客评选。在全市范围内评选“文明游客”50名，通过媒体宣传其事迹。
    （三）不文明行为曝光。对乱扔垃圾、乱刻乱画等不文明旅游行为进行曝光。
"""))

# U05: Markdown: ### 第一阶段： headings with a 时间： line and numbered steps, the group in one
# sentence, requirements opening in bold.
UNSEEN.append(("05-未成年人思想道德建设工作方案", "md", """
# 梧溪市未成年人思想道德建设工作方案

为进一步加强和改进未成年人思想道德建设，营造有利于未成年人健康成长的社会环境，制定本方案。

## 一、工作目标

学校、家庭、社会协同育人机制更加完善，校园周边环境明显改善，未成年人文明素养显著提升。

## 二、实施步骤

### 第一阶段：调研部署

时间：2025年3月。

1. 开展未成年人思想道德状况调查；
2. 制定年度工作要点，分解落实任务。

### 第二阶段：组织实施

时间：2025年4月至11月。

1. 开展“扣好人生第一粒扣子”主题教育；
2. 集中整治校园周边环境。

## 三、组织领导

为加强对此项工作的领导，市里成立未成年人思想道德建设工作领导小组，由市委常委、宣传部部长蓝天宇任组长，市教育局局长梁静、团市委书记吴刚任副组长，成员包括：市直有关部门分管负责同志。领导小组办公室设在市文明办，负责日常工作。

## 四、工作要求

**（一）强化协同配合。**各成员单位要各司其职、密切配合，形成齐抓共管的工作格局。

**（二）注重工作实效。**坚持从实际出发，把工作落到基层、落到学校、落到家庭。
"""))

# END OF DRAFTS

if __name__ == "__main__":
    sys.exit(main())
