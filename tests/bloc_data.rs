//! The bloc's data: a fixture with several periods, shared and own metrics, decimals, a tie in
//! the scoring and a year period reviews as the SPEC says, in both languages.

mod support;

use support::{Site, attr, first_text, select, text};

fn built(language: &str) -> Site {
    let site = Site::new("bloc");
    if language != "vi" {
        site.edit(
            "site.yaml",
            "language: vi",
            &format!("language: {language}"),
        );
    }
    site.build_ok(&[]);
    site
}

/// The cells of the figures table row whose header is `label`, in the member section `slug`.
fn figure_row(html: &scraper::Html, slug: &str, label: &str) -> Vec<String> {
    let rows = select(
        html,
        &format!("section#m-{slug} ~ * tr, section[aria-labelledby=m-{slug}] tr"),
    );
    for row in rows {
        let cells: Vec<String> = row
            .children()
            .filter_map(scraper::ElementRef::wrap)
            .map(|c| text(&c))
            .collect();
        if cells.first().map(String::as_str) == Some(label) {
            return cells;
        }
    }
    panic!("no row {label} for {slug}");
}

#[test]
fn review_shows_changes_year_on_year_and_targets_in_vietnamese() {
    let site = built("vi");
    let page = site.html("reports/2023-h2/index.html");
    assert_eq!(
        first_text(&page, "h1"),
        "Sơ kết công tác thi đua 6 tháng cuối năm 2023"
    );
    let row = figure_row(&page, "hoi-a", "Hội viên mới kết nạp");
    // Part 2: the value carries its unit; "Kế hoạch" and "Tỷ lệ đạt kế hoạch" are two columns.
    // Part 3: a change reads in words with the earlier value named; the target has its unit.
    assert_eq!(row[1], "10.202 người");
    assert_eq!(
        row[2], "tăng 202 người (kỳ trước: 10.000 người)",
        "against 2023-h1"
    );
    assert_eq!(
        row[3], "tăng 1.202 người (cùng kỳ năm trước: 9.000 người)",
        "against 2022-h2, the same period a year earlier"
    );
    assert_eq!(
        row[4..6],
        ["11.000 người", "92,7%"],
        "10202 of the 11000 set in 2023-h1"
    );
    let rate = figure_row(&page, "hoi-b", "Tỷ lệ hội viên tham gia sinh hoạt");
    assert_eq!(rate[1], "95,5%");
    assert_eq!(rate[2], "tăng 5,5 điểm phần trăm (kỳ trước: 90%)");
    let money = figure_row(&page, "hoi-b", "Số tiền vận động");
    assert_eq!(
        money[1], "2.500.000 đồng (mẫu)",
        "a sample figure is marked"
    );
    let empty = figure_row(&page, "hoi-c", "Hội viên mới kết nạp");
    assert_eq!(empty[1], "Chưa báo cáo");
    // A member with no figures is named among those that have not reported (SPEC Part 3).
    assert!(select(&page, "section[aria-labelledby=m-hoi-d]").is_empty());
    let missing = first_text(&page, "section[aria-labelledby=results] p.note");
    assert!(
        missing.starts_with("Đơn vị chưa báo cáo:") && missing.contains("Hội D tỉnh Thử"),
        "{missing}"
    );
    // Meeting metadata from periods/2023-h2.md, narrative first.
    let meta = first_text(&page, "article.report header .meta");
    assert!(
        meta.contains("ngày 20 tháng 12 năm 2023")
            && meta.contains("Hội B tỉnh Thử")
            && meta.contains("Nhà văn hoá tỉnh"),
        "{meta}"
    );
    assert_eq!(
        first_text(&page, ".narrative"),
        "Hội nghị do Hội B đăng cai."
    );
}

#[test]
fn shared_metrics_table_has_totals_and_charts() {
    let site = built("vi");
    let page = site.html("reports/2023-h2/index.html");
    let headers: Vec<String> = select(&page, "table.shared thead th")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        headers,
        [
            "Đơn vị",
            "Hội viên mới kết nạp (người)",
            "Số tiền vận động (đồng)"
        ]
    );
    let totals: Vec<String> = select(&page, "table.shared tfoot td")
        .iter()
        .map(text)
        .collect();
    // A total that includes a sample value stays marked.
    assert_eq!(totals, ["10.652", "45.500.000 (mẫu)"]);
    // Own metrics of one member are not shared.
    assert!(!headers.iter().any(|h| h.contains("Mô hình")));
    // Charts compare each member's change against the preceding period, not raw sizes: only
    // new_members has two members with a preceding value.
    let charts = select(&page, "figure.chart-figure svg");
    assert_eq!(charts.len(), 1);
    for chart in &charts {
        assert_eq!(chart.value().attr("role"), Some("img"));
        let title = chart
            .children()
            .filter_map(scraper::ElementRef::wrap)
            .next()
            .unwrap();
        assert_eq!(
            title.value().name(),
            "title",
            "the chart's first child is its <title>"
        );
    }
    let svg = charts[0].html();
    assert!(
        svg.contains(">+2%</text>") && svg.contains(">Hội A</text>"),
        "{svg}"
    );
}

#[test]
fn directions_list_plans_and_targets_for_the_next_period() {
    let site = built("vi");
    let page = site.html("reports/2023-h2/index.html");
    assert_eq!(
        first_text(&page, "h2#directions"),
        "II. Phương hướng, nhiệm vụ 6 tháng đầu năm 2024"
    );
    let directions = text(&select(&page, "section[aria-labelledby=d-hoi-a]")[0]);
    assert!(directions.contains("Duy trì mô hình điểm."), "{directions}");
    assert!(
        directions.contains("Hội viên mới kết nạp: 12.000 người"),
        "{directions}"
    );
}

#[test]
fn year_period_compares_with_the_previous_year_and_has_the_scoring_table() {
    let site = built("vi");
    let page = site.html("reports/2023/index.html");
    assert_eq!(
        first_text(&page, "h1"),
        "Tổng kết thi đua năm 2023 của Khối"
    );
    let row = figure_row(&page, "hoi-a", "Hội viên mới kết nạp");
    assert_eq!(row[2], "tăng 2.202 người (kỳ trước: 18.000 người)");
    // For a year, the previous period is the year before: shown once, and the empty
    // "so với cùng kỳ" column is hidden.
    let headers: Vec<String> = select(&page, "section[aria-labelledby=m-hoi-a] thead th")
        .iter()
        .map(text)
        .collect();
    assert!(
        !headers.iter().any(|h| h == "So với cùng kỳ"),
        "{headers:?}"
    );
    assert_eq!(select(&page, "table.scoring").len(), 1);
    let half = site.html("reports/2023-h2/index.html");
    assert_eq!(
        select(&half, "table.scoring").len(),
        0,
        "a half-year without a scoring file has no table"
    );
}

#[test]
fn scoring_ranks_ties_and_keeps_exact_totals() {
    let site = built("vi");
    let page = site.html("scoring/2023/index.html");
    let rows: Vec<Vec<String>> = select(&page, "table.scoring tbody tr")
        .iter()
        .map(|row| {
            row.children()
                .filter_map(scraper::ElementRef::wrap)
                .map(|c| text(&c))
                .collect()
        })
        .collect();
    let names: Vec<String> = select(&page, "table.scoring tbody th.name a")
        .iter()
        .map(text)
        .collect();
    let summary: Vec<(String, String, String)> = rows
        .iter()
        .zip(&names)
        .map(|(r, name)| (r[0].clone(), name.clone(), r[2].clone()))
        .collect();
    // Rank, name, total and award come first (rank and name stay in view when the table
    // scrolls); equal totals share a rank, "2 (đồng hạng)".
    assert_eq!(
        summary,
        [
            ("1".into(), "Hội A".into(), "24,75".into()),
            ("2 (đồng hạng)".into(), "Hội B".into(), "23,75".into()),
            (
                "2 (đồng hạng)".into(),
                "Hội C tỉnh Thử".into(),
                "23,75".into()
            ),
            ("4".into(), "Hội D".into(), "19,5".into()),
        ]
    );
    assert_eq!(rows[0][3], "Đề nghị tặng Cờ thi đua của UBND tỉnh");
    // Per-criterion scores, group subtotals, adjustments as footnotes, awards as proposals.
    assert_eq!(rows[0][5..9], ["9,5", "9,75", "19,25", "4,5"]);
    assert!(rows[0].iter().any(|c| c == "+1 1"), "{:?}", rows[0]);
    let notes: Vec<String> = select(&page, "ol.score-notes li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].contains("+1 – Mô hình mới"), "{notes:?}");
    assert!(
        notes[1].contains("\u{2212}0,5 – Nộp báo cáo chậm"),
        "{notes:?}"
    );

    let max: Vec<String> = select(&page, "table.scoring tfoot td")
        .iter()
        .map(text)
        .collect();
    assert!(max.contains(&"25".to_string()), "{max:?}");
}

#[test]
fn association_page_shows_figures_across_periods() {
    let site = built("vi");
    let page = site.html("associations/hoi-a/index.html");
    assert_eq!(first_text(&page, "h1"), "Hội A tỉnh Thử");
    // A role is a year's: the badge says which.
    assert_eq!(first_text(&page, ".badge"), "Khối trưởng năm 2023");
    let columns: Vec<String> = select(&page, "table.data thead th")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        columns,
        [
            "Chỉ tiêu",
            "Đơn vị tính",
            "6 tháng cuối năm 2022",
            "Năm 2022",
            "6 tháng đầu năm 2023",
            "6 tháng cuối năm 2023",
            "Năm 2023"
        ]
    );
    let first_row: Vec<String> = select(&page, "table.data tbody tr")[0]
        .children()
        .filter_map(scraper::ElementRef::wrap)
        .map(|c| text(&c))
        .collect();
    assert_eq!(first_row[0], "Mô hình điểm", "own metrics first");
    let members_row: Vec<String> = select(&page, "table.data tbody tr")[1]
        .children()
        .filter_map(scraper::ElementRef::wrap)
        .map(|c| text(&c))
        .collect();
    assert_eq!(
        members_row,
        [
            "Hội viên mới kết nạp",
            "người",
            "9.000",
            "18.000",
            "10.000 +1.000",
            "10.202 +202",
            "20.202 +2.202"
        ]
    );
    assert!(
        !select(&page, "figure.chart-figure svg title").is_empty(),
        "a trend chart"
    );
    assert!(text(&select(&page, "#ranks + ul")[0]).contains("Xếp thứ 1/4"));
    assert_eq!(
        select(
            &page,
            "#assoc-news ~ article.card, section[aria-labelledby=assoc-news] article"
        )
        .len(),
        1
    );
}

#[test]
fn members_page_lists_roles_in_order() {
    let site = built("vi");
    let page = site.html("associations/index.html");
    let names: Vec<String> = select(&page, ".member-cards h2").iter().map(text).collect();
    assert_eq!(
        names,
        [
            "Hội A tỉnh Thử",
            "Hội B tỉnh Thử",
            "Hội C tỉnh Thử",
            "Hội D tỉnh Thử"
        ]
    );
    let badges: Vec<String> = select(&page, ".member-cards .badge")
        .iter()
        .map(text)
        .collect();
    assert_eq!(badges, ["Khối trưởng năm 2023", "Khối phó năm 2023"]);
}

#[test]
fn data_exports_carry_plain_numbers_and_slugs() {
    let site = built("vi");
    let json: serde_json::Value =
        serde_json::from_str(&site.read("reports/2023-h2/data.json")).unwrap();
    assert_eq!(json["period"], "2023-h2");
    let first = &json["associations"][0];
    assert_eq!(first["slug"], "hoi-a");
    assert_eq!(first["metrics"]["new_members"].to_string(), "10202");
    let second = &json["associations"][1];
    assert_eq!(second["metrics"]["rate"].to_string(), "95.5");
    assert_eq!(second["metrics"]["money"].to_string(), "2500000");
    assert!(json["associations"][2]["metrics"]["new_members"].is_null());
    assert_eq!(json["metrics"]["new_members"]["unit"], "người");

    let csv = site.read("reports/2023-h2/data.csv");
    let mut lines = csv.lines();
    // A byte-order mark first, so that Excel reads the Vietnamese names as UTF-8.
    assert_eq!(
        lines.next(),
        Some(
            "\u{feff}association,metric,label,unit,value,qualifier,target_next_period,sample,\
             previous,previous_qualifier,previous_sample,change,change_sample,target,target_sample,\
             target_percent,year_target,year_target_sample,year_target_percent"
        )
    );
    assert!(
        csv.contains("hoi-a,new_members,Hội viên mới kết nạp,người,10202,,12000,false"),
        "{csv}"
    );
    assert!(
        csv.contains("hoi-b,rate,Tỷ lệ hội viên tham gia sinh hoạt,%,95.5,,"),
        "{csv}"
    );
    assert!(csv.contains(",2500000,,,true"), "{csv}");
    assert_eq!(second["samples"]["money"], true);
    assert_eq!(second["samples"]["rate"], false);
    let year: serde_json::Value =
        serde_json::from_str(&site.read("reports/2023/data.json")).unwrap();
    assert_eq!(year["scoring"][0]["total"].to_string(), "24.75");
    assert_eq!(year["scoring"][2]["rank"], 2);
}

#[test]
fn english_formats_numbers_dates_and_titles() {
    let site = built("en");
    let page = site.html("reports/2023-h2/index.html");
    assert_eq!(
        first_text(&page, "h1"),
        "Emulation review of the second half of 2023"
    );
    let row = figure_row(&page, "hoi-a", "Hội viên mới kết nạp");
    assert_eq!(row[1], "10,202 người");
    assert_eq!(row[2], "up 202 người (previous period: 10,000 người)");
    assert_eq!(row[4..6], ["11,000 người", "92.7%"]);
    let rate = figure_row(&page, "hoi-b", "Tỷ lệ hội viên tham gia sinh hoạt");
    assert_eq!(rate[1], "95.5%");
    assert!(first_text(&page, "article.report header .meta").contains("December 20, 2023"));
    let html = site.read("reports/2023-h2/index.html");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    let scoring = site.html("scoring/2023/index.html");
    let totals: Vec<String> = select(&scoring, "table.scoring td.total")
        .iter()
        .map(text)
        .collect();
    assert_eq!(totals, ["24.75", "23.75", "23.75", "19.5"]);
    let news = site.html("news/so-ket/index.html");
    assert!(first_text(&news, "article .meta").contains("December 21, 2023"));
    assert_eq!(attr(&news, "a[aria-current=page]", "href").len(), 1);
}

#[test]
fn periods_list_newest_first_with_links() {
    let site = built("vi");
    let page = site.html("reports/index.html");
    let titles: Vec<String> = select(&page, "article.card h2").iter().map(text).collect();
    assert_eq!(
        titles,
        [
            "Tổng kết thi đua năm 2023 của Khối",
            "6 tháng cuối năm 2023",
            "6 tháng đầu năm 2023",
            "Năm 2022",
            "6 tháng cuối năm 2022"
        ]
    );
}

#[test]
fn home_shows_the_latest_period_with_figures_not_an_empty_new_one() {
    let site = Site::new("bloc");
    // What `blocpress new period 2024-h1` leaves: files with every value empty.
    site.write(
        "content/associations/hoi-a/2024-h1.yaml",
        "metrics:\n  new_members:\n  models:\n",
    );
    site.build_ok(&[]);
    let home = site.html("index.html");
    assert_eq!(
        first_text(&home, "#latest-review + h3"),
        "Tổng kết thi đua năm 2023 của Khối"
    );
    assert!(
        site.exists("reports/2024-h1/index.html"),
        "the new period still has its page"
    );
}
