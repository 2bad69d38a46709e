//! Text cells of the spreadsheets blocpress writes (`data.csv`): a cell that starts with `=`,
//! `+`, `-`, `@`, a tab or a carriage return is a formula to Excel and LibreOffice, so a label
//! such as `=HYPERLINK(…)` copied into `site.yaml` would run when a secretary opens the file.
//! Such a cell gets a leading `'` (shown as text, the usual defence); a plain number (`-5`,
//! `+3.5`) stays a number.

use std::borrow::Cow;

/// `cell`, made inert for spreadsheet programs.
pub fn spreadsheet_text(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let number = cell.parse::<f64>().is_ok_and(f64::is_finite)
        && cell
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.'));
    if risky && !number {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_numbers_are_not() {
        assert_eq!(spreadsheet_text("=1+1"), "'=1+1");
        assert_eq!(spreadsheet_text("+84 912"), "'+84 912");
        assert_eq!(spreadsheet_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_text("-x"), "'-x");
        assert_eq!(spreadsheet_text("-5"), "-5");
        assert_eq!(spreadsheet_text("+3.5"), "+3.5");
        assert_eq!(spreadsheet_text("Hội viên"), "Hội viên");
        assert_eq!(spreadsheet_text(""), "");
    }
}
