"""One truth in every output (SPEC Part 3): every figure, comparison, percentage, qualifier and
sample mark of each review page equals what the period's Word report (read with python-docx),
data.xlsx (read with openpyxl) and data.json hold, and a real figure carries no sample mark anywhere.

usage: check_truth.py OUT_DIR EXPECTED.json
EXPECTED holds {"issued": [period ids whose report is issued], "not_issued": [period ids with a
page but no .docx], "sample": true|false (the site has sample data at all),
"checked_min": N (at least this many figures compared), "scorings": {period id: whether the
scoring is sample data}}; a scoring's page, .docx and .xlsx say the same ranks, totals,
self-assessment, differences, adjustments, criteria scores and awards.
Prints "ok" and the number of figures compared, or raises AssertionError saying what differs.
"""
import json
import os
import re
import sys
from html.parser import HTMLParser

import docx
import openpyxl
from docx.oxml.ns import qn

out, expected_path = sys.argv[1], sys.argv[2]
expected = json.load(open(expected_path, encoding="utf-8"))


# ---- The page, as a small tree --------------------------------------------------------------

class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self, skip=("sup",)):
        parts = []
        for c in self.children:
            if isinstance(c, str):
                parts.append(c)
            elif c.tag not in skip:
                parts.append(c.text(skip))
        return "".join(parts)

    def find_all(self, pred):
        for c in self.children:
            if isinstance(c, Node):
                if pred(c):
                    yield c
                yield from c.find_all(pred)

    def has_class(self, name):
        return name in self.attrs.get("class", "").split()


VOID = {"meta", "link", "img", "br", "hr", "input", "source", "wbr", "col", "area", "base"}


class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.at = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.at)
        self.at.children.append(node)
        if tag not in VOID:
            self.at = node

    def handle_endtag(self, tag):
        at = self.at
        while at is not self.root and at.tag != tag:
            at = at.parent
        if at is not self.root:
            self.at = at.parent

    def handle_data(self, data):
        self.at.children.append(data)


def page_tree(path):
    tree = Tree()
    tree.feed(open(path, encoding="utf-8").read())
    return tree.root


def squash(text):
    return " ".join(text.split())


# ---- Figures in words, reduced to what they say ---------------------------------------------

QUALIFIERS = ("hơn", "khoảng", "gần", "dưới")
NUMBER = re.compile(r"[+−-]?\d[\d.]*(?:,\d+)?")


def vi_number(text):
    """`1.234,5` → 1234.5; `−5` → -5."""
    sign = -1 if text[0] in "−-" else 1
    text = text.lstrip("+−-")
    return sign * float(text.replace(".", "").replace(",", "."))


def quantity(text, where):
    """What a cell says: (qualifier, number, percent?, sample?) or None for an empty cell.
    A page says `tăng khoảng 12,5 (mẫu)`, paper says `khoảng +12,5*`: both are
    ("khoảng", 12.5, False, True)."""
    text = squash(text)
    if text in ("", "–", "-"):
        return None
    sample = text.endswith("*") or "(mẫu)" in text or text.endswith(", mẫu")
    text = text.rstrip("*").replace("(mẫu)", "").strip()
    if text.endswith(", mẫu"):
        text = text[: -len(", mẫu")]
    # A percentage's change is in points (`tăng 2 điểm phần trăm`, paper `+2 điểm %`), not in %.
    points = "điểm %" in text or "điểm phần trăm" in text
    text = text.replace("điểm %", "").replace("điểm phần trăm", "").strip()
    qualifier = next((q for q in QUALIFIERS if re.search(rf"(^|\s){q}\s", text)), None)
    sign = 1
    if re.search(r"(^|\s)giảm\s", text):
        sign = -1
    if "không đổi" in text:
        return (qualifier, 0.0, False, sample)
    numbers = NUMBER.findall(text)
    assert len(numbers) == 1, f"{where}: not one number in {text!r}"
    value = vi_number(numbers[0]) * sign
    return (qualifier, round(value, 6), "%" in text and not points, sample)


# ---- The page's tables ----------------------------------------------------------------------

def page_members(root):
    """{member name: {metric label: {cell: text}}} and the shared table's rows."""
    members = {}
    for section in root.find_all(lambda n: n.tag == "section" and n.has_class("member")
                                 and n.attrs.get("aria-labelledby", "").startswith("m-")):
        heading = next(section.find_all(lambda n: n.tag in ("h3", "h4")))
        link = next(heading.find_all(lambda n: n.tag == "a"), None)
        name = squash((link or heading).text())
        rows = {}
        for tr in section.find_all(lambda n: n.tag == "tr" and "data-key" in n.attrs):
            label = squash(next(tr.find_all(lambda n: n.tag == "th")).text())
            cells = {td.attrs["data-cell"]: td for td in tr.find_all(lambda n: n.tag == "td" and "data-cell" in n.attrs)}
            rows[label] = cells
        members[name] = rows
    return members


def page_shared(root):
    table = next(root.find_all(lambda n: n.tag == "table" and n.has_class("shared")), None)
    if table is None:
        return None
    rows = []
    for tr in table.find_all(lambda n: n.tag == "tr"):
        cells = [c for c in tr.children if isinstance(c, Node) and c.tag in ("th", "td")]
        rows.append([squash(c.text()) for c in cells])
    return rows


# ---- The Word report ------------------------------------------------------------------------

def cell_texts(tr):
    return [
        "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))).strip()
        for tc in tr.iter(qn("w:tc"))
    ]


def docx_parts(path):
    """The member tables by member name ({label: {heading: text}}), the shared table's rows,
    every paragraph's text."""
    document = docx.Document(path)
    members, shared, paragraphs = {}, None, []
    member = None
    for el in document.element.body.iterchildren():
        if el.tag == qn("w:p"):
            text = "".join(t.text or "" for t in el.iter(qn("w:t"))).strip()
            paragraphs.append(text)
            m = re.match(r"^(?:[a-z]{1,2}\)|\d+\.) (.+)$", text)
            if m:
                member = m.group(1)
        elif el.tag == qn("w:tbl"):
            rows = [cell_texts(tr) for tr in el.iter(qn("w:tr"))]
            if not rows:
                continue
            head = rows[0]
            if head[:2] == ["STT", "Chỉ tiêu"] and member:
                table = {}
                for row in rows[1:]:
                    label = re.sub(r" \(\d+\)$", "", row[1])
                    table[label] = dict(zip(head, row))
                members[member] = table
            elif head[:2] == ["STT", "Đơn vị"] and shared is None and "Tự chấm" not in head:
                shared = rows
    return members, shared, paragraphs


# ---- data.xlsx ------------------------------------------------------------------------------

def xlsx_rows(path):
    sheet = openpyxl.load_workbook(path).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    head = list(values[2])
    rows = {}
    for row in values[3:]:
        record = dict(zip(head, row))
        rows[(record["Đơn vị"], record["Chỉ tiêu"])] = record
    return head, rows, sheet


# ---- The comparison -------------------------------------------------------------------------

# The page's cell → the Word table's column(s); a comparison cell holds the change and, in
# brackets, the earlier value.
PAPER = {
    "value": "Kết quả",
    "target": "Kế hoạch",
    "target-percent": "Tỷ lệ đạt kế hoạch",
    "year-target": "Kế hoạch năm",
    "year-target-percent": "Tỷ lệ đạt kế hoạch năm",
}
COMPARISONS = {
    "previous": ("kỳ trước", "Kỳ trước", "Tăng, giảm"),
    "year-earlier": ("cùng kỳ năm trước", "Cùng kỳ năm trước", "Tăng, giảm so với cùng kỳ"),
}
# data.xlsx's column and its word in the "which values are sample" column.
SHEET = {
    "Kết quả": ("Kết quả", "kỳ này"),
    "Kỳ trước": ("Kỳ trước", "kỳ trước"),
    "Tăng, giảm": ("Tăng, giảm", None),
    "Cùng kỳ năm trước": ("Cùng kỳ năm trước", "cùng kỳ năm trước"),
    "Tăng, giảm so với cùng kỳ": ("So với cùng kỳ năm trước", None),
    "Kế hoạch": ("Kế hoạch", "kế hoạch"),
    "Tỷ lệ đạt kế hoạch": ("Tỷ lệ đạt kế hoạch", None),
    "Kế hoạch năm": ("Kế hoạch năm", "kế hoạch năm"),
    "Tỷ lệ đạt kế hoạch năm": ("Tỷ lệ đạt kế hoạch năm", None),
}

compared = 0
marks_seen = 0


def same(page_text, paper_text, where):
    global compared, marks_seen
    a = quantity(page_text, f"{where} (page)")
    b = quantity(paper_text, f"{where} (Word)")
    if a is not None and b is not None:
        # The page writes a percentage's sign (100%) in the cell, paper too; a unit the page
        # writes beside the number is paper's unit column.
        a = (a[0], a[1], b[2], a[3]) if not b[2] else a
    assert a == b, f"{where}: the page says {squash(page_text)!r}, the Word report {paper_text!r}"
    if a is not None:
        compared += 1
        marks_seen += a[3]
    return b


def check_sheet(record, column, word, said, where):
    """data.xlsx holds the number the Word report shows, its qualifier and its sample mark."""
    global compared
    if said is None:
        assert record.get(column) in (None, ""), f"{where}: data.xlsx has {record.get(column)!r}, the others nothing"
        return
    qualifier, number, _, sample = said
    cell = record.get(column)
    assert isinstance(cell, (int, float)), f"{where}: data.xlsx {column} is {cell!r}, not a number"
    assert abs(cell - number) < 1e-6, f"{where}: data.xlsx {column} = {cell}, the Word report {number}"
    marks = [w.strip() for w in (record.get("Giá trị là số liệu mẫu") or "").split(";") if w.strip()]
    if word is not None:
        assert (word in marks) == sample, f"{where}: data.xlsx says sample {marks}, the Word report {sample}"
    qualifiers = record.get("Số gần đúng") or ""
    if column == "Kết quả":
        said_q = qualifiers.split(";")[0].strip() if qualifiers and ":" not in qualifiers.split(";")[0] else None
        assert said_q == qualifier, f"{where}: data.xlsx qualifier {qualifiers!r}, the Word report {qualifier!r}"
    elif word in ("kỳ trước", "cùng kỳ năm trước"):
        assert (f"{word}: {qualifier}" in qualifiers) == (qualifier is not None), \
            f"{where}: data.xlsx qualifiers {qualifiers!r}, the Word report {qualifier!r}"
    compared += 1


def check_period(period):
    folder = os.path.join(out, "reports", period)
    root = page_tree(os.path.join(folder, "index.html"))
    docx_path = os.path.join(folder, f"bao-cao-{period}.docx")
    members, shared, paragraphs = docx_parts(docx_path)
    head, sheet_rows, sheet = xlsx_rows(os.path.join(folder, "data.xlsx"))
    page = page_members(root)
    reported = {name: rows for name, rows in page.items() if rows}
    assert set(reported) == set(members), f"{period}: members on the page {sorted(reported)}, in the Word report {sorted(members)}"
    for name, rows in reported.items():
        paper = members[name]
        shown = {label: cells for label, cells in rows.items() if squash(cells["value"].text()) not in ("", "Chưa báo cáo")}
        assert set(shown) == set(paper), f"{period} {name}: metrics on the page {sorted(shown)}, in the Word report {sorted(paper)}"
        for label, cells in shown.items():
            where = f"{period} {name} {label}"
            row = paper[label]
            unit = row.get("Đơn vị tính", "")
            record = sheet_rows.get((name, label))
            assert record is not None, f"{where}: not in data.xlsx"
            assert (record.get("Đơn vị tính") or "") == unit, f"{where}: unit {record.get('Đơn vị tính')!r} vs {unit!r}"
            if unit and unit != "%":
                assert unit in squash(cells["value"].text()), f"{where}: the page's value lacks its unit {unit!r}"
            for cell, column in PAPER.items():
                if column not in row:
                    assert cell not in cells or squash(cells[cell].text()) in ("–", ""), f"{where}: {cell} on the page only"
                    continue
                text = squash(cells[cell].text()) if cell in cells else ""
                said = same(text, row[column], f"{where} [{column}]")
                sheet_column, word = SHEET[column]
                check_sheet(record, sheet_column, word, said, f"{where} [{column}]")
            for cell, (words, earlier_col, change_col) in COMPARISONS.items():
                if earlier_col not in row:
                    continue
                text = squash(cells[cell].text()) if cell in cells else "–"
                if text == "–":
                    change_text, earlier_text = "", ""
                else:
                    m = re.match(rf"^(.*) \({words}: (.*)\)$", text)
                    assert m, f"{where}: the page's comparison {text!r}"
                    change_text, earlier_text = m.group(1), m.group(2)
                said = same(earlier_text, row[earlier_col], f"{where} [{earlier_col}]")
                check_sheet(record, SHEET[earlier_col][0], SHEET[earlier_col][1], said, f"{where} [{earlier_col}]")
                said = same(change_text, row[change_col], f"{where} [{change_col}]")
                check_sheet(record, SHEET[change_col][0], None, said, f"{where} [{change_col}]")
    # The same numbered sections, in the same words (paper writes them in capitals).
    page_sections = [squash(h.text()) for h in root.find_all(lambda n: n.tag == "h2")
                     if re.match(r"^[IVX]+\. ", squash(h.text()))]
    body = paragraphs[: paragraphs.index("Phụ lục")] if "Phụ lục" in paragraphs else paragraphs
    paper_sections = [p for p in body if re.match(r"^[IVX]+\. ", p)]
    assert [h.upper() for h in page_sections] == paper_sections, \
        f"{period}: sections on the page {page_sections}, in the Word report {paper_sections}"
    # The bloc-wide table: the same rows, the same totals and means.
    page_rows = page_shared(root)
    if shared is None:
        assert page_rows is None or any("Phụ lục" in p for p in paragraphs), f"{period}: a shared table on the page only"
    else:
        assert page_rows is not None, f"{period}: a shared table in the Word report only"
        body = [r for r in page_rows[1:]]
        paper_body = [r for r in shared[1:]]
        assert len(body) == len(paper_body), f"{period}: shared table {len(body)} rows on the page, {len(paper_body)} on paper"
        for page_row, paper_row in zip(body, paper_body):
            label = paper_row[1]
            if label in ("Cộng", "Bình quân"):
                assert page_row[0] == label, f"{period}: shared table row {page_row[0]!r} on the page, {label!r} on paper"
            for i, (a, b) in enumerate(zip(page_row[1:], paper_row[2:])):
                same(a, b, f"{period} shared table {label} column {i + 1}")
    check_json(period, sheet_rows)
    check_points(period, sheet)
    return paragraphs, sheet


def check_points(period, sheet):
    """A percentage's change in data.xlsx shows its unit, points (the row's unit is %)."""
    global compared
    head = [c.value for c in sheet[3]]
    for row in sheet.iter_rows(min_row=4):
        record = dict(zip(head, row))
        for column in ("Tăng, giảm", "So với cùng kỳ năm trước"):
            cell = record.get(column)
            if cell is None or cell.value is None:
                continue
            in_points = "điểm %" in cell.number_format
            percent = record["Đơn vị tính"].value == "%"
            assert in_points == percent, \
                f"{period} {record['Đơn vị'].value} {record['Chỉ tiêu'].value}: data.xlsx shows {column} as {cell.number_format!r}, the unit is {record['Đơn vị tính'].value!r}"
            compared += 1


# ---- data.json: the same figures, in the base unit (đồng, not triệu đồng) ------------------

SCALES = {None: 1, "nghìn": 1e3, "triệu": 1e6, "tỷ": 1e9}
QUALIFIER_WORDS = {"over": "hơn", "about": "khoảng", "nearly": "gần", "under": "dưới"}


def check_json(period, sheet_rows):
    global compared
    data = json.load(open(os.path.join(out, "reports", period, "data.json"), encoding="utf-8"))
    seen = 0
    for member in data["associations"]:
        for figure in member.get("figures", []):
            value = figure["value"]
            if value is None:
                continue
            metric = data["metrics"][figure["metric"]]
            where = f"{period} {member['name']} {metric['label']} (data.json)"
            record = sheet_rows.get((member["name"], metric["label"]))
            assert record is not None, f"{where}: not in data.xlsx"
            seen += 1
            scale = SCALES[metric.get("scale")]
            qualifier = None
            if isinstance(value, dict):
                qualifier, value = QUALIFIER_WORDS[value["qualifier"]], value["value"]
            said = (record.get("Số gần đúng") or "").split(";")[0].strip()
            assert (said if said and ":" not in said else None) == qualifier, f"{where}: qualifier {qualifier!r}, data.xlsx {said!r}"
            marks = [w.strip() for w in (record.get("Giá trị là số liệu mẫu") or "").split(";") if w.strip()]
            assert figure["sample"] == ("kỳ này" in marks), f"{where}: sample {figure['sample']}, data.xlsx {marks}"
            pairs = [("value", value, "Kết quả", True)]
            for key, column, word, scaled in [
                ("previous", "Kỳ trước", "kỳ trước", True),
                ("change", "Tăng, giảm", None, True),
                ("year_earlier", "Cùng kỳ năm trước", "cùng kỳ năm trước", True),
                ("year_change", "So với cùng kỳ năm trước", None, True),
                ("target", "Kế hoạch", "kế hoạch", True),
                ("target_percent", "Tỷ lệ đạt kế hoạch", None, False),
                ("year_target", "Kế hoạch năm", "kế hoạch năm", True),
                ("year_target_percent", "Tỷ lệ đạt kế hoạch năm", None, False),
            ]:
                item = figure.get(key)
                if item is None:
                    assert record.get(column) in (None, ""), f"{where}: {key} missing, data.xlsx {column} = {record.get(column)!r}"
                    continue
                pairs.append((key, item["value"], column, scaled))
                if word is not None:
                    assert item["sample"] == (word in marks), f"{where}: {key} sample {item['sample']}, data.xlsx {marks}"
            for key, number, column, scaled in pairs:
                cell = record.get(column)
                expected_cell = number / scale if scaled else number
                assert isinstance(cell, (int, float)) and abs(cell - expected_cell) < 1e-6, \
                    f"{where}: {key} = {number}, data.xlsx {column} = {cell!r}"
                compared += 1
    assert seen == len(sheet_rows), f"{period}: {seen} figures in data.json, {len(sheet_rows)} rows in data.xlsx"


# ---- The scoring: the page's table, the scoring's .docx and its .xlsx ----------------------

def number_or_text(text):
    """`93,5` → 93.5; `3 (đồng hạng)` stays text; empty → None."""
    text = squash(text).rstrip("*")
    if text in ("", "–"):
        return None
    text = re.sub(r" \(\d+\)$", "", text)  # the footnote number of an adjustment, on paper
    if re.fullmatch(r"[+−-]?\d[\d.]*(,\d+)?", text):
        return vi_number(text)
    return text


def page_scoring(root):
    table = next(root.find_all(lambda n: n.tag == "table" and n.has_class("scoring")))
    head_rows = list(next(table.find_all(lambda n: n.tag == "thead")).find_all(lambda n: n.tag == "tr"))
    first = [squash(th.text()) for th in head_rows[0].find_all(lambda n: n.tag == "th") if "colspan" not in th.attrs]
    second = [(squash(th.text()), th.has_class("subtotal")) for th in head_rows[1].find_all(lambda n: n.tag == "th")]
    names = first + [name if not subtotal else None for name, subtotal in second]
    caption = next(table.find_all(lambda n: n.tag == "caption"), None)
    rows = []
    for tr in table.find_all(lambda n: n.tag == "tr" and "data-association" in n.attrs):
        cells = [c for c in tr.children if isinstance(c, Node) and c.tag in ("td", "th")]
        record = {}
        for name, cell in zip(names, cells):
            if name is None:
                continue
            if cell.has_class("name"):
                record[name] = tr.attrs["data-association"]
            elif cell.has_class("award"):
                record[name] = squash(" ".join(
                    squash(c.text()) for c in cell.children if isinstance(c, Node) and c.tag == "span"))
            else:
                record[name] = number_or_text(cell.text())
        rows.append(record)
    return rows, caption is not None and "Số liệu mẫu" in caption.text()


def docx_scoring(path):
    document = docx.Document(path)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    rows = [[c.text for c in r.cells] for r in table.rows]
    # Two heading rows: groups (their criteria below them) then the criteria's ids.
    names = [b if b else a for a, b in zip(rows[0], rows[1])]
    records = []
    for row in rows[3:]:
        record = dict(zip(names, row))
        records.append({k: (squash(v) if k in ("Đơn vị", "Khen thưởng") else number_or_text(v)) for k, v in record.items()})
    text = "\n".join(p.text for p in document.paragraphs)
    return records, "là số liệu mẫu" in text


def check_scoring(period, sample):
    folder = os.path.join(out, "scoring", period)
    page_rows, page_sample = page_scoring(page_tree(os.path.join(folder, "index.html")))
    paper_rows, paper_sample = docx_scoring(os.path.join(folder, f"bang-diem-{period}.docx"))
    sheet = openpyxl.load_workbook(os.path.join(folder, f"bang-diem-{period}.xlsx")).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    head = list(values[2])
    sheet_rows = [dict(zip(head, r)) for r in values[4:] if r[0] is not None]
    assert page_sample == paper_sample == sample, f"scoring {period}: sample on the page {page_sample}, on paper {paper_sample}"
    assert len(page_rows) == len(paper_rows) == len(sheet_rows), f"scoring {period}: rows {len(page_rows)}, {len(paper_rows)}, {len(sheet_rows)}"
    global compared
    for page, paper, record in zip(page_rows, paper_rows, sheet_rows):
        where = f"scoring {period} {paper['Đơn vị']}"
        assert record["Đơn vị"] == paper["Đơn vị"], f"{where}: data.xlsx has {record['Đơn vị']!r} in this row"
        for name, value in page.items():
            if name in ("Đơn vị", "Khen thưởng"):
                continue
            assert name in paper, f"{where}: {name} on the page only"
            assert paper[name] == value, f"{where} [{name}]: the page says {value!r}, the Word appendix {paper[name]!r}"
            in_sheet = record.get(name)
            assert in_sheet == value or (isinstance(value, float) and in_sheet is not None and abs(in_sheet - value) < 1e-9), \
                f"{where} [{name}]: the page says {value!r}, the spreadsheet {in_sheet!r}"
            compared += 1
        award = page.get("Khen thưởng") or ""
        paper_award = (paper.get("Khen thưởng") or "").replace("(", "").replace(")", "")
        sheet_award = " ".join(x for x in (record.get("Khen thưởng"), record.get("Quyết định khen thưởng")) if x)
        assert squash(award) == squash(paper_award) == squash(sheet_award), \
            f"{where}: awards differ: page {award!r}, paper {paper_award!r}, spreadsheet {sheet_award!r}"


for period, sample in expected.get("scorings", {}).items():
    check_scoring(period, sample)

for period in expected["issued"]:
    paragraphs, sheet = check_period(period)
    text = "\n".join(paragraphs)
    if not expected["sample"]:
        # A real bloc: no sample mark, no sample note, anywhere on paper or in the sheet.
        assert "*" not in text and "số liệu mẫu" not in text, f"{period}: a sample mark in the Word report"
        document = docx.Document(os.path.join(out, "reports", period, f"bao-cao-{period}.docx"))
        cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
        assert "*" not in cells, f"{period}: a sample mark in a Word table"
        head = [c.value for c in sheet[3]]
        marks = head.index("Giá trị là số liệu mẫu")
        for row in sheet.iter_rows(min_row=4, values_only=True):
            assert not row[marks], f"{period}: data.xlsx says {row[marks]!r} is sample: {row}"
        html = open(os.path.join(out, "reports", period, "index.html"), encoding="utf-8").read()
        assert "sample-mark" not in html and "sample-note" not in html, f"{period}: a sample mark on the page"

for period in expected.get("not_issued", []):
    folder = os.path.join(out, "reports", period)
    assert not os.path.exists(os.path.join(folder, f"bao-cao-{period}.docx")), f"{period}: an empty report issued"
    html = open(os.path.join(folder, "index.html"), encoding="utf-8").read()
    assert "bao-cao-" not in html, f"{period}: the page links a report that is not issued"

if expected["sample"]:
    assert marks_seen > 0, "a site with sample data, and no sample mark compared"
assert compared >= expected["checked_min"], f"only {compared} figures compared"
print("ok")
print(compared, file=sys.stderr)
