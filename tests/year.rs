//! SPEC Part 2 "the bloc's real year" on the fixture `tests/fixtures/year/`: metric kinds and
//! totals (sum, mean, none), scaled and approximate amounts, % of the year's registered target,
//! roles per year, joined/left, self vs agreed scores, tie-break, shared ranks in Vietnamese
//! alphabetical order, proposed vs granted awards, draft periods with and without --drafts,
//! and sample flags in HTML, JSON and CSV. Checked value by value.

mod support;

use support::{Site, first_text, select, text};

fn built(args: &[&str]) -> Site {
    let site = Site::new("year");
    site.build_ok(args);
    site
}

/// The cells of the row whose first cell is `label`, under the element matching `scope`.
fn row(html: &scraper::Html, scope: &str, label: &str) -> Vec<String> {
    for row in select(html, &format!("{scope} tr")) {
        let cells: Vec<String> = row
            .children()
            .filter_map(scraper::ElementRef::wrap)
            .map(|c| text(&c))
            .collect();
        if cells.first().map(String::as_str) == Some(label) {
            return cells;
        }
    }
    panic!("no row {label} in {scope}");
}

fn member(slug: &str) -> String {
    format!("section[aria-labelledby=m-{slug}]")
}

#[test]
fn totals_follow_each_metric_kind_and_say_when_approximate_or_sample() {
    let site = built(&[]);
    let page = site.html("reports/2013-h1/index.html");
    let headers: Vec<String> = select(&page, "table.shared thead th")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        headers,
        [
            "Đơn vị",
            "Số hội viên mới kết nạp (hội viên)",
            "Giá trị hỗ trợ (triệu đồng)",
            "Tỷ lệ đăng ký thi đua (%)",
            "Điểm hài lòng (điểm)"
        ]
    );
    let footer: Vec<Vec<String>> = select(&page, "table.shared tfoot tr")
        .iter()
        .map(|row| {
            row.children()
                .filter_map(scraper::ElementRef::wrap)
                .map(|c| text(&c))
                .collect()
        })
        .collect();
    assert_eq!(
        footer,
        [
            [
                // Sums in the row "Cộng": a count; two of the values are sample data, so the
                // total is marked.
                "Cộng",
                "81 (mẫu)",
                // An amount sums in its scale; "hơn 40" in it makes the total approximate.
                "khoảng 160",
                // A percentage has no total.
                "–",
                "–",
            ],
            // `total: mean`, two decimals, in the row "Bình quân" (one concept, one name).
            ["Bình quân", "–", "–", "–", "8,27"],
        ]
    );
    let luat_gia = row(&page, "table.shared", "Hội Luật gia");
    assert_eq!(luat_gia[1..], ["35", "hơn 40", "95,5", "8,5"]);
}

#[test]
fn member_figures_scaled_approximate_and_against_targets() {
    let site = built(&[]);
    let h1 = site.html("reports/2013-h1/index.html");
    let scope = member("hoi-luat-gia");
    let support = row(&h1, &scope, "Giá trị hỗ trợ");
    assert_eq!(support[1], "hơn 40 triệu đồng");
    // % kế hoạch năm: 35 of the 60 registered for 2013.
    let members = row(&h1, &scope, "Số hội viên mới kết nạp");
    assert_eq!(members[1..], ["35 hội viên", "60 hội viên", "58,3%"]);
    let rate = row(&h1, &scope, "Tỷ lệ đăng ký thi đua");
    assert_eq!(rate[1], "95,5%");
    let lien_minh = row(&h1, &member("lien-minh-htx"), "Giá trị hỗ trợ");
    assert_eq!(lien_minh[1..], ["120 triệu đồng", "200 triệu đồng", "60%"]);

    let h2 = site.html("reports/2013-h2/index.html");
    let members = row(&h2, &scope, "Số hội viên mới kết nạp");
    // Against 2013-h1 and the 30 set there for 2013-h2.
    assert_eq!(
        members[1..],
        [
            "40 hội viên",
            "tăng 5 hội viên (kỳ trước: 35 hội viên)",
            "30 hội viên",
            "133,3%"
        ]
    );
    let support = row(&h2, &scope, "Giá trị hỗ trợ");
    assert_eq!(
        support[1..3],
        [
            "45,5 triệu đồng",
            "tăng khoảng 5,5 triệu đồng (kỳ trước: hơn 40 triệu đồng)"
        ]
    );

    let year = site.html("reports/2013/index.html");
    let members = row(&year, &scope, "Số hội viên mới kết nạp");
    assert_eq!(members[1..], ["75 hội viên", "60 hội viên", "125%"]);
    let registration = site.html("registrations/2013/index.html");
    assert_eq!(first_text(&registration, "h1"), "Giao ước thi đua năm 2013");
    let target = row(
        &registration,
        "section[aria-labelledby=r-lien-minh-htx]",
        "Giá trị hỗ trợ",
    );
    assert_eq!(
        target[1..],
        [
            "200 triệu đồng",
            "120 triệu đồng (6 tháng đầu năm 2013)",
            "60%"
        ]
    );
    assert!(
        text(&select(&registration, "section[aria-labelledby=r-hoi-luat-gia]")[0])
            .contains("Phấn đấu 100% chi hội đăng ký thi đua")
    );
}

#[test]
fn roles_and_membership_follow_the_year() {
    let site = built(&["--drafts"]);
    let badges = |page: &str, slug: &str| -> Vec<String> {
        let html = site.html(page);
        select(&html, &format!("#m-{slug} .badge"))
            .iter()
            .map(text)
            .collect()
    };
    // 2013 is not under `roles`: the Part 1 leader and deputy.
    assert_eq!(
        badges("reports/2013-h1/index.html", "hoi-luat-gia"),
        ["Khối trưởng năm 2013", "Đơn vị đăng cai"]
    );
    assert_eq!(
        badges("reports/2013-h1/index.html", "lien-minh-htx"),
        ["Khối phó năm 2013"]
    );
    // 2014 rotates (its roles are marked sample: not from the bloc's own documents). The
    // review lists only the members that reported (the leader and deputy of 2014 have not:
    // they are named under "Đơn vị chưa báo cáo"); their badges are on their own pages.
    assert!(badges("reports/2014-h1/index.html", "hoi-luat-gia").is_empty());
    let review = site.html("reports/2014-h1/index.html");
    assert!(select(&review, "#m-lien-minh-htx").is_empty());
    assert!(text(&select(&review, "p.note")[1]).contains("Liên minh Hợp tác xã tỉnh Lai Châu"));
    for (slug, badge) in [
        ("lien-minh-htx", "Khối trưởng năm 2014 (mẫu)"),
        ("hoi-giao-chuc", "Khối phó năm 2014 (mẫu)"),
    ] {
        let page = site.html(&format!("associations/{slug}/index.html"));
        let badges: Vec<String> = select(&page, ".badge").iter().map(text).collect();
        assert!(badges.iter().any(|b| b == badge), "{slug}: {badges:?}");
    }
    // joined: 2014 / left: 2013.
    let h1_2013 = site.html("reports/2013-h1/index.html");
    assert!(select(&h1_2013, "#m-hoi-doanh-nghiep").is_empty());
    assert_eq!(select(&h1_2013, "#m-hoi-cuu-tnxp").len(), 1);
    assert_eq!(
        first_text(&h1_2013, "#results + p.meta")
            .split(" · ")
            .next(),
        Some("5/5 đơn vị đã báo cáo")
    );
    let h1_2014 = site.html("reports/2014-h1/index.html");
    assert_eq!(select(&h1_2014, "#m-hoi-doanh-nghiep").len(), 1);
    assert!(select(&h1_2014, "#m-hoi-cuu-tnxp").is_empty());
}

#[test]
fn scoring_self_vs_agreed_tie_break_shared_ranks_and_awards() {
    let site = built(&[]);
    let page = site.html("scoring/2013/index.html");
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
    let summary: Vec<(&str, &str, &str)> = rows
        .iter()
        .zip(&names)
        .map(|(r, name)| (r[0].as_str(), name.as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            // 18 each: tie_break ["1"] puts group 1 (14 against 13) first.
            ("1", "Hội Luật gia", "18"),
            ("2", "Liên minh HTX", "18"),
            // 17 each and equal in group 1: a shared rank, by name in Vietnamese order
            // (Đ before G), not in display order (Giáo chức is 3rd, Đông y 4th).
            ("3 (đồng hạng)", "Hội Đông y", "17"),
            ("3 (đồng hạng)", "Hội Giáo chức", "17"),
        ]
    );
    // The award right after the total (seen without scrolling), then self-assessed, agreed
    // (criteria only) and the difference.
    assert_eq!(
        rows[0][3],
        "Được tặng Cờ thi đua của UBND tỉnh Quyết định số 123/QĐ-UBND ngày 15/01/2014"
    );
    assert_eq!(rows[1][3], "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh");
    assert_eq!(rows[0][4..7], ["20", "18", "\u{2212}2"]);
    assert_eq!(rows[1][4..7], ["18", "18", "0"]);
    assert_eq!(rows[2][4..7], ["–", "16", "–"]);
    let ranks: Vec<String> = select(&page, "table.scoring td.rank")
        .iter()
        .map(|c| c.value().attr("title").unwrap_or("").to_string())
        .collect();
    assert_eq!(
        ranks,
        [
            "Xếp thứ 1/4",
            "Xếp thứ 2/4",
            "Đồng xếp thứ 3/4",
            "Đồng xếp thứ 3/4"
        ]
    );
    // Adjustment reasons are footnotes, not a column of long text.
    let notes: Vec<String> = select(&page, "ol.score-notes li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(notes.len(), 2);
    assert!(
        notes[0].starts_with("Hội Đông y: +1 – Tổ chức tốt"),
        "{notes:?}"
    );
    let absent = first_text(&page, "p.note");
    assert!(
        absent.contains("Hội Cựu TNXP (Đơn vị giải thể từ tháng 10 năm 2013)"),
        "{absent}"
    );
    let member = site.html("associations/hoi-dong-y/index.html");
    assert!(text(&select(&member, "#ranks + ul")[0]).contains("Đồng xếp thứ 3/4"));
    let json: serde_json::Value =
        serde_json::from_str(&site.read("reports/2013/data.json")).unwrap();
    assert_eq!(json["scoring"][0]["award_status"], "granted");
    assert_eq!(json["scoring"][1]["award_status"], "proposed");
    assert_eq!(json["scoring"][0]["self_total"].to_string(), "20");
}

#[test]
fn a_member_neither_scored_nor_absent_is_an_error() {
    let site = Site::new("year");
    site.edit(
        "content/scoring/2013.yaml",
        "absent:\n  hoi-cuu-tnxp: Đơn vị giải thể từ tháng 10 năm 2013\n",
        "",
    );
    let output = site.run(&["check", "--lang", "vi"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("lỗi[E230]: content/scoring/2013.yaml:")
            && stderr.contains(
                "đơn vị hoi-cuu-tnxp là thành viên Khối trong kỳ 2013 nhưng chưa có điểm"
            ),
        "{stderr}"
    );
}

#[test]
fn a_count_with_a_fraction_says_how_to_write_it() {
    let site = Site::new("year");
    site.edit(
        "content/associations/lien-minh-htx/2013-h2.yaml",
        "new_members: 21",
        "new_members: 1.080",
    );
    let output = site.run(&["check", "--lang", "vi"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("lỗi[E200]: content/associations/lien-minh-htx/2013-h2.yaml:2:3:")
            && stderr.contains("viết: new_members: 1080"),
        "{stderr}"
    );
}

#[test]
fn draft_periods_are_held_back_everywhere_unless_drafts() {
    let site = built(&[]);
    assert!(!site.exists("reports/2014-h1/index.html"));
    assert!(!site.exists("reports/2014-h1/data.json"));
    assert!(!site.exists("reports/2014-h1/data.csv"));
    let member = site.html("associations/hoi-luat-gia/index.html");
    let columns: Vec<String> = select(&member, "table.data thead th")
        .iter()
        .map(text)
        .collect();
    assert!(!columns.iter().any(|c| c.contains("2014")), "{columns:?}");
    let news = site.read("news/chuan-bi/index.html");
    assert!(
        !news.contains("reports/2014-h1/"),
        "no link to a held-back review"
    );
    // The home page and the lists go by 2013: its roles, its latest review.
    let home = site.html("index.html");
    assert!(first_text(&home, "#latest-review + h3").contains("Năm 2013"));
    let reports = site.html("reports/index.html");
    let listed: Vec<String> = select(&reports, "article.card h2")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        listed,
        [
            "Năm 2013",
            "6 tháng cuối năm 2013",
            "Sơ kết công tác thi đua 6 tháng đầu năm 2013"
        ],
        "a period with no figures yet (2012-h2) is not listed as published"
    );
    assert!(first_text(&reports, "#pending + ul").contains("6 tháng cuối năm 2012"));

    let drafts = built(&["--drafts"]);
    assert!(drafts.exists("reports/2014-h1/index.html"));
    let draft = drafts.html("reports/2014-h1/index.html");
    assert!(first_text(&draft, "article.report header .note").starts_with("Bản nháp"));
    let json: serde_json::Value =
        serde_json::from_str(&drafts.read("reports/2014-h1/data.json")).unwrap();
    assert_eq!(json["associations"][0]["metrics"]["new_members"], 20);
}

#[test]
fn sample_flags_reach_html_json_csv_and_news() {
    let site = built(&[]);
    let page = site.html("reports/2013-h1/index.html");
    let giao_chuc = row(&page, &member("hoi-giao-chuc"), "Số hội viên mới kết nạp");
    assert_eq!(giao_chuc[1], "12 hội viên (mẫu)");
    let satisfaction = row(&page, &member("hoi-giao-chuc"), "Điểm hài lòng");
    assert_eq!(satisfaction[1], "8 điểm", "only the listed key is sample");
    // A comparison with a sample value is marked too.
    let h2 = site.html("reports/2013-h2/index.html");
    let change = row(&h2, &member("hoi-giao-chuc"), "Số hội viên mới kết nạp");
    // The change and the earlier value each carry their own mark (both are sample here).
    assert_eq!(
        change[2].replace(" )", ")"),
        "tăng 3 hội viên (mẫu) (kỳ trước: 12 hội viên, mẫu)"
    );

    let json: serde_json::Value =
        serde_json::from_str(&site.read("reports/2013-h1/data.json")).unwrap();
    let by_slug = |slug: &str| {
        json["associations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["slug"] == slug)
            .unwrap()
            .clone()
    };
    assert_eq!(by_slug("hoi-giao-chuc")["samples"]["new_members"], true);
    assert_eq!(by_slug("hoi-giao-chuc")["samples"]["satisfaction"], false);
    assert_eq!(by_slug("hoi-dong-y")["sample"], true);
    assert_eq!(by_slug("hoi-luat-gia")["sample"], false);
    assert_eq!(
        by_slug("hoi-luat-gia")["metrics"]["support_value"],
        serde_json::json!({ "value": 40000000, "qualifier": "over" })
    );

    let csv = site.read("reports/2013-h1/data.csv");
    assert!(csv.starts_with('\u{feff}'), "a UTF-8 BOM for Excel");
    assert!(
        csv.contains("hoi-luat-gia,support_value,Giá trị hỗ trợ,đồng,40000000,over,,false"),
        "{csv}"
    );
    assert!(
        csv.contains("hoi-giao-chuc,new_members,Số hội viên mới kết nạp,hội viên,12,,,true"),
        "{csv}"
    );
    assert!(
        csv.contains("hoi-giao-chuc,satisfaction,Điểm hài lòng,điểm,8,,,false"),
        "{csv}"
    );

    // News marked sample: on its page and in lists.
    let news = site.html("news/gap-mat/index.html");
    assert!(first_text(&news, "article.news .note").starts_with("Nội dung mẫu"));
    let list = site.html("news/index.html");
    let labels: Vec<String> = select(&list, "article.card .sample-badge")
        .iter()
        .map(text)
        .collect();
    assert_eq!(labels, ["Nội dung mẫu"]);
    // No false "số liệu mẫu" note on a member page with no sample data.
    let clean = site.html("associations/lien-minh-htx/index.html");
    assert!(select(&clean, "p.note").is_empty());
    let marked = site.html("associations/hoi-dong-y/index.html");
    assert_eq!(select(&marked, "p.note").len(), 1);
}

#[test]
fn the_review_reads_as_an_article() {
    let site = built(&[]);
    let page = site.html("reports/2013-h1/index.html");
    assert_eq!(
        first_text(&page, "article.report header .lead"),
        "Khối sơ kết 6 tháng đầu năm, thống nhất nhiệm vụ 6 tháng cuối năm."
    );
    assert!(first_text(&page, "article.report header .meta").contains("ngày 21 tháng 6 năm 2013"));
    // Common tasks once, then each member's own (the shared line is not repeated).
    let directions = text(&select(&page, "section[aria-labelledby=directions]")[0]);
    assert_eq!(
        directions
            .matches("Phấn đấu 100% cán bộ đăng ký thi đua.")
            .count(),
        1,
        "{directions}"
    );
    assert!(directions.contains("Nhiệm vụ chung của Khối"));
    let own = text(&select(&page, "section[aria-labelledby=d-hoi-luat-gia]")[0]);
    assert!(own.contains("Xây dựng thêm 2 mô hình điểm."), "{own}");
    assert!(
        own.contains("Kế hoạch 6 tháng cuối năm 2013: Số hội viên mới kết nạp: 30 hội viên"),
        "{own}"
    );
    assert!(select(&page, "section[aria-labelledby=d-lien-minh-htx]").is_empty());
    // Headings never skip a level after the h1.
    let html = site.read("reports/2013-h1/index.html");
    let levels: Vec<u8> = select(
        &site.html("reports/2013-h1/index.html"),
        "main h1, main h2, main h3, main h4",
    )
    .iter()
    .map(|h| h.value().name()[1..].parse().unwrap())
    .collect();
    for pair in levels.windows(2) {
        assert!(
            pair[1] <= pair[0] + 1,
            "heading h{} after h{}: {html}",
            pair[1],
            pair[0]
        );
    }
}

#[test]
fn a_scoring_file_alone_is_not_a_published_review() {
    let site = Site::new("year");
    site.write(
        "content/scoring/2012.yaml",
        "groups:\n  - title: Nhiệm vụ\n    criteria:\n      - { id: \"1.1\", title: Chuyên môn, max: 10 }\nscores:\n  hoi-luat-gia: { \"1.1\": 9 }\nabsent:\n  lien-minh-htx: Chưa chấm\n  hoi-giao-chuc: Chưa chấm\n  hoi-dong-y: Chưa chấm\n  hoi-cuu-tnxp: Chưa chấm\n",
    );
    site.build_ok(&[]);
    let review = site.html("reports/2012/index.html");
    // No list of every member as "Chưa báo cáo", no empty section II.
    assert!(select(&review, "section.member").is_empty());
    assert!(select(&review, "#directions").is_empty());
    assert_eq!(
        first_text(&review, "#results + p.meta"),
        "Chưa có đơn vị nào báo cáo"
    );
    assert_eq!(select(&review, "table.scoring").len(), 1);
    let reports = site.html("reports/index.html");
    assert!(first_text(&reports, "#pending + ul").contains("Năm 2012"));
}
