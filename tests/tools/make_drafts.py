"""Writes the sample Word draft samples/台账管理办法.docx as offices make them, with python-docx:
runs split mid-word, headings made bold by hand, a heading numbered by Word's list
numbering (一、 from a chineseCounting list, as WPS makes it), a run-in heading, bold
inside a paragraph, a table with merged cells; then the same document saved again by
LibreOffice, whose XML is shaped differently, as tests/drafts/台账管理办法-libreoffice.docx;
and tests/bad/files/两个表格.docx, a section with two tables.

Run: .venv/bin/python tests/tools/make_drafts.py   (needs soffice for the second file)
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "drafts")

CHINESE_LIST = (
    '<w:abstractNum w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
    '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
)
CHINESE_NUM = '<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>'


def runs(p, *parts):
    """Adds each (text, bold) part to p as a run of its own."""
    for text, bold in parts:
        p.add_run(text).bold = bold


def numbered(p, num_id):
    ppr = p._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", "0"), ("w:numId", str(num_id))):
        e = OxmlElement(tag)
        e.set(qn("w:val"), val)
        numpr.append(e)
    ppr.append(numpr)


def merge_down(cell):
    tcpr = cell._tc.get_or_add_tcPr()
    vm = OxmlElement("w:vMerge")
    tcpr.append(vm)


def write_ledger(path):
    d = Document()
    d.add_paragraph("附件2")
    t = d.add_paragraph()
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    runs(t, ("青州市创建工作", False), ("台账管理办法", False))
    d.add_paragraph("为规范创建工作台账，便于检查考核，制定本办法。")
    h = d.add_paragraph()
    runs(h, ("总体", True), ("要求", True))
    numbered(h, 90)
    runs(d.add_paragraph(), ("台账按测评项目分类建立，", False), ("做到一项一档", True), ("，专人管理。", False))
    runs(d.add_paragraph(), ("（一）", False), ("建档", False), ("范围", False))
    d.add_paragraph("各责任单位承担的每项测评任务均须建档。")
    runs(d.add_paragraph(), ("1.明确责任。", True), ("各单位确定一名台账管理员，负责收集整理。", False))
    d.add_paragraph("2.及时归档。每月底前将当月资料归档。")
    h2 = d.add_paragraph()
    runs(h2, ("台账目录", True))
    numbered(h2, 90)
    table = d.add_table(rows=4, cols=3)
    for r, row in enumerate([["测评项目", "资料名称", "责任单位"],
                             ["公共秩序", "巡查记录", "市公安局"],
                             ["", "整改台账", ""],
                             ["志愿服务", "活动记录", "市文明办"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    merge_down(table.cell(2, 0))
    merge_down(table.cell(2, 2))
    ppr_restart = table.cell(1, 0)._tc.get_or_add_tcPr()
    vm = OxmlElement("w:vMerge")
    vm.set(qn("w:val"), "restart")
    ppr_restart.append(vm)
    ppr_restart = table.cell(1, 2)._tc.get_or_add_tcPr()
    vm = OxmlElement("w:vMerge")
    vm.set(qn("w:val"), "restart")
    ppr_restart.append(vm)
    d.add_paragraph("   ")
    d.save(path)
    add_chinese_list(path)


def add_chinese_list(path):
    """numbering.xml with the chineseCounting list the two headings use (python-docx's
    template has decimal lists only)."""
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/numbering.xml":
                xml = data.decode("utf-8")
                xml = re.sub(r"(<w:numbering[^>]*>)", r"\1" + CHINESE_LIST, xml, count=1)
                xml = xml.replace("</w:numbering>", CHINESE_NUM + "</w:numbering>")
                data = xml.encode("utf-8")
            dst.writestr(item, data)
    os.replace(tmp, path)


def write_two_tables(path):
    """One section holding two tables, which dossier refuses (it sets one a section)."""
    d = Document()
    d.add_paragraph("一、台账目录")
    for rows in ([["项目", "资料"], ["公共秩序", "巡查记录"]], [["项目", "资料"], ["志愿服务", "活动记录"]]):
        table = d.add_table(rows=2, cols=2)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    d.save(path)


def main():
    os.makedirs(OUT, exist_ok=True)
    write_two_tables(os.path.join(HERE, "..", "bad", "files", "两个表格.docx"))
    ledger = os.path.join(HERE, "..", "..", "samples", "台账管理办法.docx")
    write_ledger(ledger)
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "ledger.docx")
        shutil.copy(ledger, src)
        subprocess.run(["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML",
                        "--outdir", os.path.join(tmp, "out"), src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, "out", "ledger.docx"),
                    os.path.join(OUT, "台账管理办法-libreoffice.docx"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
