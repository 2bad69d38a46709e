"""Reads the awards proposal (Tờ trình) and the minutes of a meeting (Biên bản) that blocpress
writes, with python-docx, and checks the layout of Nghị định 30/2020/NĐ-CP: A4 and its margins,
Times New Roman, the national header, the type and subject, Kính gửi and Nơi nhận of the
proposal, its lists as two tables in a landscape appendix, and the two signatures of the
minutes (THƯ KÝ left, CHỦ TRÌ right).

usage: check_year_docx.py TO-TRINH.docx BIEN-BAN.docx
Prints "ok" or raises AssertionError with what is wrong.
"""
import sys

import docx
from docx.enum.section import WD_ORIENT
from docx.shared import Mm

proposal_path, minutes_path = sys.argv[1], sys.argv[2]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def close(a, b, tolerance=Mm(0.5)):
    return abs(a - b) <= tolerance


def check_page(document):
    for section in document.sections:
        short, long_ = sorted([section.page_width, section.page_height])
        assert close(short, Mm(210)) and close(long_, Mm(297)), "not A4"
        assert Mm(20) - Mm(0.5) <= section.top_margin <= Mm(25) + Mm(0.5), section.top_margin.mm
        assert Mm(30) - Mm(0.5) <= section.left_margin <= Mm(35) + Mm(0.5), section.left_margin.mm
        assert Mm(15) - Mm(0.5) <= section.right_margin <= Mm(20) + Mm(0.5), section.right_margin.mm
    fonts = document.styles.element.find(f"{W}docDefaults").find(f".//{W}rFonts")
    assert fonts.get(f"{W}ascii") == "Times New Roman", fonts.get(f"{W}ascii")
    header = document.tables[0]
    right = header.rows[0].cells[1].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right, right
    assert "KHỐI THI ĐUA CÁC TỔ CHỨC" in header.rows[0].cells[0].text


def paragraphs(document):
    return [p.text for p in document.paragraphs if p.text.strip()]


# The proposal.
proposal = docx.Document(proposal_path)
check_page(proposal)
sections = proposal.sections
assert sections[0].orientation == WD_ORIENT.PORTRAIT, "the proposal is not portrait"
assert len(sections) == 2, f"{len(sections)} sections"
assert sections[1].orientation == WD_ORIENT.LANDSCAPE and sections[1].page_width > sections[1].page_height, "appendix not landscape"
header = proposal.tables[0]
assert "Số: 02/TTr-KTĐ" in header.rows[1].cells[0].text, header.rows[1].cells[0].text
assert header.rows[1].cells[1].text.strip() == "Lai Châu, ngày 05 tháng 01 năm 2014", header.rows[1].cells[1].text
lines = paragraphs(proposal)
kind = lines.index("TỜ TRÌNH")
assert lines[kind + 1] == "Về việc đề nghị khen thưởng năm 2013", lines[kind + 1]
assert any(r.bold for p in proposal.paragraphs if p.text == "TỜ TRÌNH" for r in p.runs), "type not bold"
assert "Kính gửi: Hội đồng Thi đua - Khen thưởng tỉnh." in lines, lines
assert any(l.startswith("Căn cứ ") for l in lines), lines
# Nơi nhận and the signature side by side, Như trên first.
signature = [t for t in proposal.tables if "Nơi nhận:" in t.rows[0].cells[0].text][0]
recipients = signature.rows[0].cells[0].text.split("\n")
assert recipients[1] == "- Như trên;" and recipients[-1] == "- Lưu: VT.", recipients
signer = [p.text for p in signature.rows[0].cells[1].paragraphs if p.text]
assert signer == ["TM. KHỐI THI ĐUA", "KHỐI TRƯỞNG", "Lò Văn Năm"], signer
# The appendix: its heading refers to the proposal, then two tables.
assert "(Kèm theo Tờ trình số 02/TTr-KTĐ ngày 05 tháng 01 năm 2014 của Khối thi đua các tổ chức hội đặc thù)" in lines
lists = [t for t in proposal.tables if t.rows[0].cells[0].text == "STT"]
assert len(lists) == 2, f"{len(lists)} list tables"
collectives, individuals = lists
assert [c.text for c in collectives.rows[0].cells] == ["STT", "Tên tập thể", "Hình thức khen thưởng", "Tóm tắt thành tích"]
assert [c.text for c in collectives.rows[1].cells][:3] == ["1", "Hội Luật gia tỉnh", "Cờ thi đua của UBND tỉnh"]
assert len(collectives.rows) == 4, len(collectives.rows)
assert [c.text for c in individuals.rows[0].cells] == ["STT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức khen thưởng", "Tóm tắt thành tích"]
assert [c.text for c in individuals.rows[1].cells][:4] == ["1", "Nguyễn Thị Bích", "Phó Chủ tịch Hội Luật gia tỉnh", "Bằng khen của Chủ tịch UBND tỉnh"]

# The minutes.
minutes = docx.Document(minutes_path)
check_page(minutes)
assert len(minutes.sections) == 1 and minutes.sections[0].orientation == WD_ORIENT.PORTRAIT
header = minutes.tables[0]
assert header.rows[1].cells[1].text.strip() == "", "the minutes have no place-and-date line"
lines = paragraphs(minutes)
kind = lines.index("BIÊN BẢN")
assert lines[kind + 1] == "Hội nghị tổng kết công tác thi đua năm 2013"
assert "Thời gian bắt đầu: 08 giờ 00 ngày 20 tháng 12 năm 2013." in lines, lines
assert any("có mặt: 5/6 đơn vị" in l for l in lines), lines
assert any("tán thành 4/5 (80%)" in l for l in lines), lines
assert lines[-1].startswith("Hội nghị kết thúc vào hồi 11 giờ 30 cùng ngày."), lines[-1]
signatures = minutes.tables[-1]
left = [p.text for p in signatures.rows[0].cells[0].paragraphs if p.text]
right = [p.text for p in signatures.rows[0].cells[1].paragraphs if p.text]
assert left == ["THƯ KÝ", "Vàng Thị Sáu"], left
assert right == ["CHỦ TRÌ", "Lò Văn Năm"], right
assert not any("Nơi nhận" in t.rows[0].cells[0].text for t in minutes.tables), "minutes need no Nơi nhận"
print("ok")
