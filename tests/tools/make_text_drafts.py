"""Writes the plain-text and Markdown drafts of tests/drafts/ as offices and assistants make
them, for tests/draft_readers.rs:

- 文明交通劝导通知-utf8.txt: a notice typed in a text editor and saved as UTF-8 (LF line
  ends): its title centred with ASCII spaces, the body indented four spaces, ASCII
  punctuation typed inside the Chinese, a full-width year, the signature and date pushed
  to the right;
- 志愿服务方案-gbk.txt: a scheme saved by Windows Notepad as “ANSI” on a Chinese Windows,
  i.e. GBK with CR LF line ends: its title centred with full-width spaces, straight quotation
  marks, a table drawn with bars;
- 背街小巷整治方案.md: a scheme as an assistant writes it in Markdown: `#` title, `##` and
  `###` headings, a numbered list of run-in headings in bold, a bullet list, a table with a
  line break in a cell, emphasis, a rule and a quotation.

Run: python3 tests/tools/make_text_drafts.py   (the standard library only)
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "drafts")

NOTICE = [
    " " * 20 + "关于开展文明交通劝导志愿服务活动的通知",
    "",
    "各区文明办,市直有关单位:",
    "    为巩固全国文明城市创建成果,进一步规范市民交通出行行为,市文明办决定于２０２４年4月至6月"
    "在全市开展文明交通劝导志愿服务活动.现将有关事项通知如下:",
    "    一、活动时间",
    "    2024年4月1日至6月30日,每周一至周五上午7:30-8:30.",
    "    二、活动内容",
    "    (一)劝导行人不闯红灯,不翻越护栏.",
    "    (二)劝导非机动车驾驶人佩戴头盔,按道行驶.",
    "    三、工作要求",
    "    各单位要高度重视,认真组织,于3月25日前将志愿者名单报送市文明办"
    "(联系电话:0536-1234567,邮箱:wmb@example.gov.cn).",
    "",
    " " * 50 + "青州市文明办",
    " " * 49 + "2024年3月15日",
]

SCHEME = [
    "\u3000" * 8 + '青州市"我为创城添光彩"志愿服务活动实施方案',
    "",
    "\u3000\u3000为深入推进全国文明城市创建工作，广泛凝聚创建合力，结合我市实际，制定本方案。",
    "一、总体要求",
    "\u3000\u3000以志愿服务为载体，动员广大市民积极参与创建，营造人人参与、共建共享的良好氛围。",
    "二、主要任务",
    "（一）开展环境清洁行动。各社区每月组织一次集中清洁活动。",
    "（二）开展文明劝导行动。在主要路口设立劝导岗。",
    "三、任务分工",
    "|任务|牵头单位|配合单位|",
    "|环境清洁行动|市城管局|各街道办事处|",
    "|文明劝导行动|市公安局|市交通局|",
    "四、工作要求",
    "\u3000\u3000各单位要加强组织领导，确保各项任务落到实处。",
    "",
]

MARKDOWN = """# 青州市背街小巷环境整治实施方案

为进一步改善城市人居环境，巩固全国文明城市创建成果，结合我市实际，制定本方案。

## 一、总体要求

以问题为导向，聚焦背街小巷**脏、乱、差**问题，集中开展整治，做到*长效*管理。

## 二、重点任务

1. **整治占道经营。**各街道要对辖区背街小巷逐一排查，建立问题台账。
2. **清理乱堆乱放。**清理楼道、路边堆放的杂物，做到日产日清。
3. **规范车辆停放。**施划停车泊位，引导车辆有序停放。

## 三、责任分工

| 任务 | 牵头单位 | 完成时限 |
| --- | --- | --- |
| 整治占道经营 | 市城管局 | 2024年6月30日 |
| 清理乱堆乱放 | 各街道办事处 | 2024年5月31日 |
| 规范车辆停放 | 市公安局<br>市交通运输局 | 2024年6月30日 |

## 四、保障措施

### （一）加强组织领导

成立整治工作专班，由分管副市长任组长。

### （二）强化督查考核

- 每月通报一次进展情况；
- 对整治不力的单位进行约谈。

---

> 注：本方案自印发之日起施行。
"""


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "文明交通劝导通知-utf8.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(NOTICE) + "\n")
    with open(os.path.join(OUT, "志愿服务方案-gbk.txt"), "w", encoding="gbk", newline="\r\n") as f:
        f.write("\n".join(SCHEME))
    with open(os.path.join(OUT, "背街小巷整治方案.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(MARKDOWN)
    return 0


if __name__ == "__main__":
    sys.exit(main())
