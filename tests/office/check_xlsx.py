"""Reads a blocpress spreadsheet with openpyxl and checks that numbers are numbers.

usage: check_xlsx.py FILE.xlsx EXPECTED.json
EXPECTED: {"sheet": name, "header_row": n, "headers": [...], "numbers": [[row label, column header, value], ...]}
"""
import json
import sys

import openpyxl

path, expected_path = sys.argv[1], sys.argv[2]
expected = json.load(open(expected_path, encoding="utf-8"))
book = openpyxl.load_workbook(path)
sheet = book[expected["sheet"]]
rows = list(sheet.iter_rows(values_only=True))
header = list(rows[expected["header_row"] - 1])
for h in expected["headers"]:
    assert h in header, f"no header {h!r} in {header}"
for label, column, value in expected["numbers"]:
    col = header.index(column)
    found = [r for r in rows if label in [c for c in r if isinstance(c, str)]]
    assert found, f"no row {label!r}"
    cells = [r[col] for r in found]
    assert any(isinstance(c, (int, float)) and not isinstance(c, bool) and abs(c - value) < 1e-9 for c in cells), (
        f"{label} / {column}: {cells!r} is not the number {value}"
    )
# No number stored as text anywhere.
for r in rows[expected["header_row"] :]:
    for c in r:
        if isinstance(c, str):
            try:
                float(c.replace(",", "."))
            except ValueError:
                continue
            raise AssertionError(f"number stored as text: {c!r}")
print("ok")
