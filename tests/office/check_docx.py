"""Reads a blocpress official document with python-docx and checks the layout of
Nghị định 30/2020/NĐ-CP: A4, margins, Times New Roman 13-14 pt, the document language
(vi-VN) and author (the issuer), the national header, Số, place and date, type and subject,
the figures, Nơi nhận and the signer; for a scoring, the appendix standing alone (landscape,
its title and the document it is attached to, no number and no signature of its own).

usage: check_docx.py FILE.docx report|scoring EXPECTED.json
EXPECTED holds {"number", "dated", "kind", "subject", "figures": [...], "signer": [...],
"recipients": [...], "author"} for a report, {"title", "attached" (or null), "figures",
"author"} for a scoring. Prints "ok" or raises AssertionError with what is wrong.
"""
import json
import sys

import docx
from docx.enum.section import WD_ORIENT
from docx.shared import Mm

path, kind, expected_path = sys.argv[1], sys.argv[2], sys.argv[3]
expected = json.load(open(expected_path, encoding="utf-8"))
document = docx.Document(path)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def close(a, b, tolerance=Mm(0.5)):
    return abs(a - b) <= tolerance


sections = document.sections
assert sections, "no section"
for n, section in enumerate(sections):
    short, long_ = sorted([section.page_width, section.page_height])
    assert close(short, Mm(210)) and close(long_, Mm(297)), f"not A4: {section.page_width} x {section.page_height}"
    assert Mm(20) - Mm(0.5) <= section.top_margin <= Mm(25) + Mm(0.5), f"top margin {section.top_margin.mm} mm"
    assert Mm(15) - Mm(0.5) <= section.bottom_margin <= Mm(25) + Mm(0.5), f"bottom margin {section.bottom_margin.mm} mm"
    assert Mm(30) - Mm(0.5) <= section.left_margin <= Mm(35) + Mm(0.5), f"left margin {section.left_margin.mm} mm"
    assert Mm(15) - Mm(0.5) <= section.right_margin <= Mm(20) + Mm(0.5), f"right margin {section.right_margin.mm} mm"
    # Page numbers from page 2: a different first page, a default header with a PAGE field.
    if n == 0:
        assert section.different_first_page_header_footer, "no different first page"
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml, "no page number in the header"
    assert not section.first_page_header.paragraphs or all(
        "PAGE" not in p._p.xml for p in section.first_page_header.paragraphs
    ), "a page number on page 1"

if kind == "scoring":
    assert all(s.orientation == WD_ORIENT.LANDSCAPE and s.page_width > s.page_height for s in sections), "not landscape"
else:
    assert sections[0].orientation == WD_ORIENT.PORTRAIT and sections[0].page_width < sections[0].page_height
    appendices = expected.get("appendices", 1 if expected.get("appendix") else 0)
    assert len(sections) == 1 + appendices, f"{len(sections)} sections"
    for appendix in sections[1:]:
        assert appendix.orientation == WD_ORIENT.LANDSCAPE and appendix.page_width > appendix.page_height, "appendix not landscape"
        assert appendix.start_type == 2, "appendix not on a new page"  # WD_SECTION.NEW_PAGE

# The document is in Vietnamese (Word checks its spelling as such) and its author is the issuer.
lang = document.styles.element.find(f"{W}docDefaults").find(f".//{W}lang")
assert lang is not None and lang.get(f"{W}val") == "vi-VN", "the document language is not vi-VN"
assert document.core_properties.author == expected["author"], document.core_properties.author
assert document.core_properties.language == "vi-VN", document.core_properties.language

# Fonts: Times New Roman by default (every run inherits it), body 14 pt.
defaults = document.styles.element.find(f"{W}docDefaults")
fonts = defaults.find(f".//{W}rFonts")
for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
    assert fonts.get(f"{W}{slot}") == "Times New Roman", f"default font {slot}: {fonts.get(f'{W}{slot}')}"
size = defaults.find(f".//{W}sz")
assert size is not None and int(size.get(f"{W}val")) in (26, 28), "default size not 13-14 pt"
for paragraph in document.paragraphs:
    for run in paragraph.runs:
        assert run.font.name in (None, "Times New Roman"), f"run in {run.font.name}: {run.text!r}"

texts = [p.text.strip() for p in document.paragraphs]
body = "\n".join(texts)
all_cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
for figure in expected["figures"]:
    assert figure in all_cells or figure in body, f"missing figure {figure!r}"
for text in expected.get("body", []):
    assert text in body, f"missing {text!r}"

if kind == "scoring":
    # The appendix standing alone: its title, the line naming what it is attached to (or none),
    # no number, no signature.
    assert expected["title"] in texts, f"no title {expected['title']!r} in {texts[:5]}"
    attached = [t for t in texts if t.startswith("(Kèm theo")]
    if expected.get("attached"):
        assert attached == [expected["attached"]], attached
        assert texts[0] == "Phụ lục", texts[0]
    else:
        assert not attached, attached
        assert "Phụ lục" not in texts
    assert not any(t.startswith("Số:") for t in texts) and "Số:" not in all_cells, "a number of its own"
    assert not any(t.rows[0].cells[0].text.startswith("Nơi nhận:") for t in document.tables), "a signature of its own"
    print("ok")
    sys.exit(0)

# The national header: the first table, two columns.
header = document.tables[0]
left = header.rows[0].cells[0].text
right = header.rows[0].cells[1].text
assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right, right
assert "Độc lập - Tự do - Hạnh phúc" in right, right
assert expected["issuer_first"] in left, left
assert expected["number"] in header.rows[1].cells[0].text, header.rows[1].cells[0].text
dated_cell = header.rows[1].cells[1]
assert dated_cell.text.strip() == expected["dated"], dated_cell.text
assert all(r.italic for p in dated_cell.paragraphs for r in p.runs if r.text.strip()), "date not italic"
# Bold national title and issuer, motto on its own line.
bold_right = [r.text for p in header.rows[0].cells[1].paragraphs for r in p.runs if r.bold]
assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in bold_right, bold_right

# Type and subject, centred and bold, right after the header.
assert expected["kind"] in texts, f"no {expected['kind']!r}"
i = texts.index(expected["kind"])
assert texts[i + 1] == expected["subject"], texts[i + 1]
for p in document.paragraphs[i : i + 2]:
    assert p.alignment == 1, f"not centred: {p.text}"  # WD_ALIGN_PARAGRAPH.CENTER
    assert all(r.bold for r in p.runs), f"not bold: {p.text}"

# Body text at 14 pt where a size is set (appendices use 12-14 pt).
for p in document.paragraphs[i + 2 :]:
    for r in p.runs:
        if r.font.size is not None and r.text.strip():
            assert r.font.size.pt in (12, 13, 14), f"{r.font.size.pt} pt: {r.text!r}"

# The first heading of the body is section I (no unnumbered heading before it).
headings = [p.text.strip() for p in document.paragraphs[i + 2 :] if p.runs and all(r.bold for r in p.runs if r.text.strip()) and p.text.strip() and p.alignment != 1]
assert headings and headings[0].startswith("I. "), f"first heading: {headings[:3]}"

# Nơi nhận and the signature, side by side in one borderless table.
last = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:"))
recipients = last.rows[0].cells[0].text
signature = last.rows[0].cells[1].text
assert recipients.startswith("Nơi nhận:"), recipients
assert "w:val=\"nil\"" in last._tbl.xml or "w:val=\"none\"" in last._tbl.xml, "the signature table has borders"
for line in expected["recipients"]:
    assert line in recipients, f"missing recipient {line!r}"
for line in expected["signer"]:
    assert line in signature, f"missing signer line {line!r} in {signature!r}"
if expected.get("appendix") or expected.get("appendices"):
    assert any(t.startswith("Phụ lục") for t in texts), "no appendix title"
    assert any(t.startswith("(Kèm theo Báo cáo số") for t in texts), "the appendix does not name its report"
print("ok")
