#!/usr/bin/env python3
"""Write a synthetic bloc site for the speed benchmark, twice.

    python3 bench/gen_site.py --news N --out DIR

writes

    DIR/blocpress/   a blocpress site (see SPEC.md): N news items, one free page,
                     8 associations x 20 half-year periods of figures, 20 period
                     narratives and a scoring table for every year 2005..2014;
    DIR/hugo/        the same N news items (same titles, dates, tags, summaries and
                     Markdown bodies) as a Hugo site with equivalent templates.

Python 3.11 standard library only. The output depends on nothing but N and --seed:
two runs with the same arguments write byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import unicodedata
from pathlib import Path

DEFAULT_SEED = 20130621  # the day of the H1-2013 review meeting in the seed article
FIRST_YEAR, LAST_YEAR = 2005, 2014
BASE_URL = "https://bench.example.vn/"
SITE_TITLE = "Khối thi đua các tổ chức hội đặc thù tỉnh Lai Châu"
SITE_DESCRIPTION = (
    "Tin tức, kết quả thi đua và bảng chấm điểm của khối thi đua các tổ chức hội đặc thù tỉnh Lai Châu."
)

# --------------------------------------------------------------------------- data pools

# slug, name, short name, founded, leader, own metrics {key: (label, unit, kind)}
# kind: "count" (small integer), "big" (hundreds-thousands), "money" (đồng)
ASSOCIATIONS = [
    ("hoi-luat-gia", "Hội Luật gia tỉnh Lai Châu", "Hội Luật gia", 1993, "Ông Lò Văn Thắng",
     {"legal_consultations": ("Lượt tư vấn pháp luật miễn phí", "lượt", "big"),
      "model_sites": ("Mô hình điểm công tác hội", "mô hình", "count")}),
    ("lien-minh-htx", "Liên minh Hợp tác xã tỉnh Lai Châu", "Liên minh Hợp tác xã", 2004, "Ông Nguyễn Hữu Phúc",
     {"cooperatives": ("Hợp tác xã đang hoạt động", "hợp tác xã", "big"),
      "new_cooperatives": ("Hợp tác xã thành lập mới", "hợp tác xã", "count")}),
    ("hoi-chu-thap-do", "Hội Chữ thập đỏ tỉnh Lai Châu", "Hội Chữ thập đỏ", 2004, "Bà Tẩn Thị Mai",
     {"blood_units": ("Đơn vị máu tiếp nhận", "đơn vị", "big"),
      "relief_value": ("Giá trị quà cứu trợ", "đồng", "money")}),
    ("hoi-van-hoc-nghe-thuat", "Hội Văn học Nghệ thuật tỉnh Lai Châu", "Hội Văn học Nghệ thuật", 2005,
     "Ông Đỗ Đức Hạnh",
     {"works_published": ("Tác phẩm được công bố", "tác phẩm", "big"),
      "creative_camps": ("Trại sáng tác, triển lãm", "cuộc", "count")}),
    ("hoi-cuu-tnxp", "Hội Cựu Thanh niên xung phong tỉnh Lai Châu", "Hội Cựu TNXP", 2006, "Ông Hoàng Văn Chiến",
     {"gratitude_houses": ("Nhà nghĩa tình được xây tặng", "nhà", "count"),
      "support_value": ("Kinh phí hỗ trợ hội viên khó khăn", "đồng", "money")}),
    ("hoi-nguoi-cao-tuoi", "Hội Người cao tuổi tỉnh Lai Châu", "Hội Người cao tuổi", 2004, "Ông Vàng A Sử",
     {"longevity_celebrations": ("Người cao tuổi được mừng thọ", "người", "big"),
      "health_checks": ("Lượt khám sức khỏe định kỳ", "lượt", "big")}),
    ("lien-hiep-hoi-khkt", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Lai Châu", "Liên hiệp hội KH&KT", 2008,
     "Ông Trần Quang Vinh",
     {"initiatives": ("Sáng kiến được công nhận", "sáng kiến", "count"),
      "reviews": ("Đề án được tư vấn, phản biện", "đề án", "count")}),
    ("hoi-doanh-nghiep", "Hội Doanh nghiệp tỉnh Lai Châu", "Hội Doanh nghiệp", 2007, "Bà Phạm Thị Hằng",
     {"member_firms": ("Doanh nghiệp hội viên", "doanh nghiệp", "big"),
      "jobs_created": ("Việc làm mới tạo ra", "việc làm", "big")}),
]
ASSOC_SLUGS = [a[0] for a in ASSOCIATIONS]

# metrics every association may report (site.yaml); "rate" is the decimal one
SITE_METRICS = {
    "new_members": ("Hội viên mới kết nạp", "người", "big"),
    "meetings": ("Hội nghị, cuộc họp đã tổ chức", "cuộc", "count"),
    "trainees": ("Lượt cán bộ được tập huấn", "lượt", "big"),
    "strong_branches_rate": ("Tỷ lệ chi hội vững mạnh", "%", "rate"),
}

TAGS = [
    "Thi đua", "Khen thưởng", "Hội viên", "Khuyến học", "Pháp luật", "Hòa giải cơ sở",
    "Trợ giúp pháp lý", "Hợp tác xã", "Kinh tế tập thể", "Nhân đạo", "Hiến máu", "Từ thiện",
    "Văn học", "Nghệ thuật", "Sáng tác", "Thanh niên xung phong", "Người cao tuổi",
    "Chăm sóc sức khỏe", "Khoa học kỹ thuật", "Chuyển giao công nghệ", "Doanh nghiệp",
    "Khởi nghiệp", "Xúc tiến thương mại", "Sơ kết", "Tổng kết", "Hội nghị", "Tập huấn",
    "Tuyên truyền", "Đại hội", "Kiện toàn tổ chức", "Xây dựng Đảng", "An ninh trật tự",
    "Nông thôn mới", "Giảm nghèo", "Vùng cao", "Biên giới", "Đồng bào dân tộc", "Giáo dục",
    "Y tế", "Môi trường", "Phòng chống thiên tai", "Phòng chống ma túy", "Bình đẳng giới",
    "Gương điển hình", "Học tập và làm theo Bác", "Tết", "Kỷ niệm", "Giao lưu", "Hội thảo",
    "Cải cách hành chính",
]

PLACES = [
    "thành phố Lai Châu", "huyện Tam Đường", "huyện Phong Thổ", "huyện Sìn Hồ", "huyện Mường Tè",
    "huyện Than Uyên", "huyện Tân Uyên", "huyện Nậm Nhùn", "xã Bản Hon", "xã Nậm Tăm",
    "xã Dào San", "xã Mường So", "xã Pa Tần", "xã Ka Lăng", "bản Lùng Thàng",
]

SUBJECTS = [  # proper noun phrases: keep their capital letter anywhere in a sentence
    "Hội Luật gia tỉnh", "Liên minh Hợp tác xã tỉnh", "Hội Chữ thập đỏ tỉnh",
    "Hội Văn học Nghệ thuật tỉnh", "Hội Cựu Thanh niên xung phong tỉnh", "Hội Người cao tuổi tỉnh",
    "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", "Hội Doanh nghiệp tỉnh", "Ban Thường vụ Hội",
    "Ban Chấp hành Hội", "Thường trực khối thi đua", "Ủy ban nhân dân tỉnh", "Ban Thi đua - Khen thưởng tỉnh",
    "Sở Nội vụ", "Ủy ban Mặt trận Tổ quốc tỉnh",
]
COMMON_SUBJECTS = [  # ordinary phrases: capitalised only at the start of a sentence
    "các cấp hội trong tỉnh", "cán bộ, hội viên", "các chi hội cơ sở", "đoàn công tác của khối",
    "các cơ quan, đơn vị trong khối", "lãnh đạo các đơn vị thành viên", "đông đảo hội viên",
    "các tổ hoà giải ở cơ sở", "các hợp tác xã thành viên", "đội tình nguyện viên",
    "các văn nghệ sĩ trong tỉnh", "các doanh nghiệp hội viên", "cán bộ làm công tác thi đua",
]
VERBS = [
    "đã tổ chức", "tích cực triển khai", "phối hợp thực hiện", "tiếp tục đẩy mạnh", "chủ động tham mưu",
    "đã hoàn thành", "kịp thời hướng dẫn", "tập trung chỉ đạo", "nghiêm túc quán triệt",
    "thường xuyên tuyên truyền", "đã tham gia", "đã phát động", "duy trì hiệu quả", "kiểm tra, đôn đốc",
    "từng bước nâng cao", "đã ký kết chương trình phối hợp về", "sơ kết, đánh giá",
    "đề xuất khen thưởng cho", "tích cực hưởng ứng", "quan tâm lãnh đạo, chỉ đạo",
]
OBJECTS = [
    "hội nghị tuyên truyền, phổ biến giáo dục pháp luật",
    "các phong trào thi đua yêu nước",
    "cuộc vận động “Mỗi tổ chức, mỗi cá nhân gắn với một địa chỉ nhân đạo”",
    "công tác kiện toàn, củng cố tổ chức hội",
    "chương trình phát triển kinh tế tập thể",
    "các lớp bồi dưỡng nghiệp vụ cho cán bộ cơ sở",
    "mô hình điểm về hoà giải ở cơ sở",
    "hoạt động trợ giúp pháp lý miễn phí cho người nghèo",
    "phong trào hiến máu tình nguyện",
    "công tác chăm sóc, phụng dưỡng người cao tuổi",
    "các hoạt động sáng tác, quảng bá văn học nghệ thuật",
    "việc ứng dụng tiến bộ khoa học kỹ thuật vào sản xuất",
    "việc góp ý sửa đổi Hiến pháp năm 1992",
    "phong trào “Toàn dân đoàn kết xây dựng đời sống văn hoá”",
    "công tác phòng, chống tội phạm ma túy",
    "việc xây dựng cơ quan, đơn vị vững mạnh về chính trị, tư tưởng và tổ chức",
    "công tác khuyến học, khuyến tài",
    "các chương trình xúc tiến thương mại và kết nối doanh nghiệp",
    "việc hỗ trợ hội viên khó khăn về nhà ở",
    "công tác thi đua, khen thưởng",
    "chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    "cuộc vận động học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "hoạt động giao lưu, học hỏi kinh nghiệm giữa các đơn vị",
    "các nghị quyết của Đảng và chính sách, pháp luật của Nhà nước",
    "công tác cải cách hành chính",
]
TAILS = [
    "tại các huyện vùng cao", "trên địa bàn tỉnh Lai Châu", "cho {n} lượt hội viên",
    "với sự tham gia của {n} đại biểu", "nhằm nâng cao chất lượng hoạt động của hội",
    "góp phần giữ gìn an ninh chính trị, trật tự an toàn xã hội ở cơ sở", "theo đúng kế hoạch đề ra",
    "thu hút đông đảo nhân dân tham gia", "với tổng kinh phí hơn {n} triệu đồng", "ở {place}",
    "tại {place}", "trong điều kiện còn nhiều khó khăn", "bám sát nhiệm vụ chính trị của địa phương",
    "gắn với nhiệm vụ phát triển kinh tế - xã hội của tỉnh", "đạt và vượt chỉ tiêu được giao",
    "đến tận các thôn, bản", "trong thời gian qua",
]
CONNECTORS = [
    "", "", "", "Bên cạnh đó, ", "Đồng thời, ", "Ngoài ra, ", "Nhờ vậy, ", "Thời gian qua, ",
    "Trong năm, ", "Cũng trong dịp này, ", "Theo báo cáo, ", "Qua đó, ", "Đặc biệt, ",
]
EXTRA_SENTENCES = [
    "Cán bộ làm công tác thi đua, khen thưởng luôn nhiệt huyết, bám sát chức năng, nhiệm vụ của đơn vị mình.",
    "Tuy nhiên, một số chi hội ở vùng sâu, vùng xa còn gặp nhiều khó khăn về kinh phí và phương tiện hoạt động.",
    "Phát biểu tại buổi lễ, đồng chí lãnh đạo đánh giá cao tinh thần đoàn kết, trách nhiệm của các đơn vị.",
    "Các ý kiến tham luận tập trung làm rõ những kết quả đạt được, những tồn tại, hạn chế và nguyên nhân.",
    "Đây là hoạt động thiết thực, có ý nghĩa, được đông đảo hội viên và nhân dân đồng tình hưởng ứng.",
    "Hội nghị đã thống nhất các giải pháp để thực hiện thắng lợi nhiệm vụ trong thời gian tới.",
    "Nhiều mô hình hay, cách làm sáng tạo đã được nhân rộng ra các địa phương trong tỉnh.",
    "Dịp này, nhiều tập thể và cá nhân có thành tích xuất sắc đã được biểu dương, khen thưởng.",
]
HEADINGS = [
    "Kết quả nổi bật", "Một số tồn tại, hạn chế", "Phương hướng thời gian tới", "Những cách làm hay",
    "Ý kiến của đại biểu", "Nhiệm vụ trọng tâm", "Bài học kinh nghiệm",
]
LIST_ITEMS = [
    "Tổ chức tốt các hội nghị sơ kết, tổng kết", "Kiện toàn bộ máy tổ chức hội các cấp",
    "Đẩy mạnh công tác tuyên truyền trên báo, đài địa phương", "Phát triển thêm hội viên mới",
    "Nhân rộng các mô hình điểm có hiệu quả", "Tăng cường kiểm tra, giám sát ở cơ sở",
    "Huy động nguồn lực xã hội hoá cho hoạt động nhân đạo", "Bồi dưỡng nghiệp vụ cho cán bộ chi hội",
    "Làm tốt công tác thi đua, khen thưởng", "Phối hợp chặt chẽ với chính quyền địa phương",
    "Hoàn thành 100% chỉ tiêu được giao", "Xây dựng tổ chức đảng trong sạch, vững mạnh",
]
LINKS = [
    ("Kế hoạch thi đua của khối", "https://thiduakhenthuong.example.vn/ke-hoach/"),
    ("Luật Thi đua, Khen thưởng", "https://vanban.example.vn/luat-thi-dua-khen-thuong/"),
    ("Cổng thông tin điện tử tỉnh", "https://laichau.example.vn/"),
    ("hướng dẫn chấm điểm thi đua", "https://thiduakhenthuong.example.vn/huong-dan-cham-diem/"),
    ("báo cáo tổng kết", "https://thiduakhenthuong.example.vn/bao-cao/"),
]

TITLE_ACTIONS = [
    "tổ chức", "triển khai", "sơ kết", "tổng kết", "phát động", "hưởng ứng", "ra quân", "khai mạc",
    "bế mạc", "tập huấn về", "tọa đàm về", "kiểm tra", "giám sát", "ký kết phối hợp về", "đẩy mạnh",
]
TITLE_TOPICS = [
    "hội nghị tuyên truyền pháp luật", "phong trào thi đua yêu nước", "tháng hành động vì người cao tuổi",
    "ngày hội hiến máu tình nguyện", "lớp bồi dưỡng nghiệp vụ", "chương trình khuyến học",
    "trại sáng tác văn học nghệ thuật", "hội thảo khoa học", "diễn đàn doanh nghiệp",
    "công tác hoà giải ở cơ sở", "mô hình kinh tế tập thể", "đợt cứu trợ đồng bào vùng lũ",
    "chương trình xây nhà nghĩa tình", "cuộc thi tìm hiểu pháp luật", "hội nghị tập huấn thi đua",
    "đợt khám bệnh, cấp thuốc miễn phí", "lễ mừng thọ người cao tuổi", "hội chợ xúc tiến thương mại",
    "cuộc vận động ủng hộ người nghèo", "giải báo chí về thi đua", "công tác phát triển hội viên",
    "chương trình chuyển giao kỹ thuật", "hội thi hoà giải viên giỏi", "đại hội đại biểu",
    "triển lãm ảnh nghệ thuật", "đợt trợ giúp pháp lý lưu động", "phong trào xây dựng nông thôn mới",
    "chương trình tặng quà Tết", "hội nghị biểu dương điển hình tiên tiến", "kỳ họp Ban Chấp hành",
]

PERSONS = [
    "Lò Văn Thắng", "Nguyễn Hữu Phúc", "Tẩn Thị Mai", "Đỗ Đức Hạnh", "Hoàng Văn Chiến", "Vàng A Sử",
    "Trần Quang Vinh", "Phạm Thị Hằng", "Giàng A Páo", "Lê Minh Tuấn", "Điêu Chính Tơi", "Bùi Thị Thu",
]

SCORING_GROUPS = [  # 6 + 2 + 2 + 2 criteria, 60 + 20 + 10 + 10 = 100 points
    ("Hoàn thành nhiệm vụ được giao", 10, [
        "Thực hiện nhiệm vụ chính trị của cơ quan, đơn vị",
        "Thực hiện các chỉ tiêu chuyên môn trong năm",
        "Phát triển hội viên, tổ chức hội cơ sở",
        "Công tác tuyên truyền, phổ biến pháp luật",
        "Thực hiện các nghị quyết, chương trình của Trung ương Hội",
        "Chế độ thông tin, báo cáo",
    ]),
    ("Kiện toàn, xây dựng tổ chức Đảng, đoàn thể chính trị và tổ chức xã hội", 10, [
        "Tổ chức đảng đạt trong sạch, vững mạnh",
        "Các đoàn thể đạt vững mạnh",
    ]),
    ("Giữ gìn an ninh trật tự và thực hiện phong trào chung của địa phương", 5, [
        "Giữ gìn an ninh trật tự, an toàn cơ quan",
        "Tham gia các phong trào chung của địa phương",
    ]),
    ("Phong trào thi đua và triển khai văn bản về thi đua, khen thưởng", 5, [
        "Tổ chức phát động và sơ kết, tổng kết phong trào thi đua",
        "Triển khai các văn bản về thi đua, khen thưởng",
    ]),
]
# Three members drawn at random are proposed for an award; a Cờ thi đua goes only to the
# bloc's leading member (E721), which a random draw cannot know, so none is proposed here.
AWARDS = [
    "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Giấy khen của khối thi đua",
    "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
]

# --------------------------------------------------------------------------- helpers


def slugify(text: str) -> str:
    """The SPEC's slug: strip Vietnamese diacritics, đ → d, lowercase a-z0-9 and single '-'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    out, dash = [], False
    for c in text.lower():
        if "a" <= c <= "z" or "0" <= c <= "9":
            out.append(c)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def q(s: str) -> str:
    """A YAML (and TOML) double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def period_title(pid: str) -> str:
    year, _, half = pid.partition("-")
    if half == "h1":
        return f"6 tháng đầu năm {year}"
    if half == "h2":
        return f"6 tháng cuối năm {year}"
    return f"năm {year}"


PERIODS = [f"{y}-h{h}" for y in range(FIRST_YEAR, LAST_YEAR + 1) for h in (1, 2)]


class Writer:
    """Random Vietnamese prose, deterministic for a given seed."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def number(self) -> str:
        n = self.rng.choice([self.rng.randint(12, 99), self.rng.randint(100, 990), self.rng.randint(1000, 20000)])
        # Vietnamese writes thousands with '.', e.g. 10.202
        return f"{n:,}".replace(",", ".")

    def tails(self, k: int) -> list[str]:
        return [t.format(n=self.number(), place=self.rng.choice(PLACES)) for t in self.rng.sample(TAILS, k)]

    def subject(self, start: bool) -> str:
        if self.rng.random() < 0.55:
            return self.rng.choice(SUBJECTS)
        s = self.rng.choice(COMMON_SUBJECTS)
        return cap(s) if start else s

    def sentence(self, bold: bool = False, link: bool = False) -> str:
        r = self.rng
        if r.random() < 0.12:
            return r.choice(EXTRA_SENTENCES)
        conn = r.choice(CONNECTORS)
        subj = self.subject(start=not conn)
        obj = r.choice(OBJECTS)
        if bold:
            obj = f"**{obj}**"
        parts = [conn + subj, r.choice(VERBS), obj, *self.tails(r.choice((1, 2)))]
        if link:
            text, url = r.choice(LINKS)
            parts.append(f"theo [{text}]({url})")
        return " ".join(parts) + "."

    def paragraph(self, n: int, bold: bool = False, link: bool = False) -> str:
        sentences = [self.sentence() for _ in range(n)]
        if bold:
            sentences[self.rng.randrange(n)] = self.sentence(bold=True)
        if link:
            sentences[self.rng.randrange(n)] = self.sentence(link=True)
        return " ".join(sentences)

    def body(self, lead: str, words_min: int, words_max: int) -> str:
        """Markdown of words_min..words_max words (whitespace-separated); starts with `lead`."""
        r = self.rng
        target = r.randint(words_min, words_max)
        want_heading = r.random() < 0.45
        want_list = r.random() < 0.35
        want_bold = r.random() < 0.6
        want_link = r.random() < 0.35
        blocks: list[str] = []
        para = [lead]
        words = len(lead.split())
        para_len = r.randint(3, 5)
        while True:
            s = self.sentence(bold=want_bold and r.random() < 0.3, link=want_link and r.random() < 0.3)
            if words + len(s.split()) > words_max:
                break
            if "**" in s:
                want_bold = False
            if "](" in s:
                want_link = False
            para.append(s)
            words += len(s.split())
            if words >= target:
                break
            if len(para) >= para_len:
                blocks.append(" ".join(para))
                para, para_len = [], r.randint(3, 6)
                if want_heading and len(blocks) >= 2 and words + 6 < target:
                    h = "## " + r.choice(HEADINGS)
                    blocks.append(h)
                    words += len(h.split())
                    want_heading = False
                elif want_list and len(blocks) >= 2 and words + 40 < target:
                    items = "\n".join(f"- {it}." for it in r.sample(LIST_ITEMS, r.randint(3, 5)))
                    blocks.append(items)
                    words += len(items.split())
                    want_list = False
        if para:
            blocks.append(" ".join(para))
        return "\n\n".join(blocks) + "\n"


# --------------------------------------------------------------------------- news corpus


class News:
    __slots__ = ("date", "slug", "title", "summary", "tags", "associations", "period", "body")


def make_news(n: int, rng: random.Random) -> list[News]:
    w = Writer(rng)
    start = dt.date(FIRST_YEAR, 1, 1)
    span = (dt.date(LAST_YEAR, 12, 31) - start).days + 1
    used: set[str] = set()
    next_suffix: dict[str, int] = {}
    items = []
    for i in range(n):
        it = News()
        # spread evenly over 2005..2014: dates are unique while N <= 3652
        it.date = start + dt.timedelta(days=(i * span) // n)
        year = it.date.year
        assocs: list[str] = []
        kind = rng.random()
        if kind < 0.55:
            a = rng.randrange(len(ASSOCIATIONS))
            assocs.append(ASSOCIATIONS[a][0])
            title = f"{ASSOCIATIONS[a][2]} {rng.choice(TITLE_ACTIONS)} {rng.choice(TITLE_TOPICS)}"
        elif kind < 0.85:
            title = cap(rng.choice(TITLE_TOPICS))
        else:
            half = "đầu" if it.date.month <= 6 else "cuối"
            title = f"{rng.choice(['Sơ kết', 'Đánh giá', 'Nhìn lại'])} công tác thi đua 6 tháng {half} năm {year}"
        r = rng.random()
        if r < 0.5:
            title += f" tại {rng.choice(PLACES)}"
        elif r < 0.8 and str(year) not in title:
            title += f" năm {year}"
        # 0-2 associations in all
        extra = rng.choice([0, 0, 1, 1, 2]) - len(assocs)
        for a in rng.sample(ASSOC_SLUGS, max(0, extra)):
            if a not in assocs:
                assocs.append(a)
        it.associations = assocs[:2]
        it.title = title
        base = slugify(title)[:72].rstrip("-")
        k = next_suffix.get(base, 1)
        slug = base if k == 1 else f"{base}-{k}"
        while slug in used:  # "x-2" may itself be another title's slug
            k += 1
            slug = f"{base}-{k}"
        next_suffix[base] = k + 1
        used.add(slug)
        it.slug = slug
        it.tags = rng.sample(TAGS, rng.choice([1, 2, 2, 3]))
        it.period = f"{year}-h{1 if it.date.month <= 6 else 2}" if rng.random() < 0.4 else None
        lead = w.sentence()
        it.summary = lead.replace("**", "")
        it.body = w.body(lead, 600, 900)
        items.append(it)
    return items


def front_matter(it: News, hugo: bool) -> str:
    lines = ["---", f"title: {q(it.title)}", f"date: {it.date.isoformat()}"]
    if hugo:  # Hugo's :slug would otherwise come from the title; blocpress takes it from the file name
        lines.append(f"slug: {it.slug}")
    lines.append(f"summary: {q(it.summary)}")
    lines.append("tags: [" + ", ".join(q(t) for t in it.tags) + "]")
    if it.associations:
        lines.append("associations: [" + ", ".join(it.associations) + "]")
    if it.period:
        lines.append(f"period: {it.period}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def write_news(root: Path, items: list[News], hugo: bool) -> None:
    made: set[Path] = set()
    for it in items:
        d = root / "content" / "news" / str(it.date.year)
        if d not in made:
            d.mkdir(parents=True, exist_ok=True)
            made.add(d)
        with open(d / f"{it.date.isoformat()}-{it.slug}.md", "w", encoding="utf-8", newline="\n") as f:
            f.write(front_matter(it, hugo))
            f.write(it.body)


ABOUT_BODY = """Khối thi đua các tổ chức hội đặc thù tỉnh Lai Châu gồm 8 cơ quan, đơn vị: Hội Luật gia tỉnh, \
Liên minh Hợp tác xã tỉnh, Hội Chữ thập đỏ tỉnh, Hội Văn học Nghệ thuật tỉnh, Hội Cựu Thanh niên xung phong tỉnh, \
Hội Người cao tuổi tỉnh, Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh và Hội Doanh nghiệp tỉnh.

Mỗi năm, các đơn vị trong khối sơ kết công tác thi đua 6 tháng đầu năm, tổng kết cả năm và **chấm điểm thi đua** \
cho nhau theo 12 nội dung, thang điểm 100.

## Liên hệ

- Địa chỉ: Thành phố Lai Châu, tỉnh Lai Châu.
- Thư điện tử: thidua@example.vn.
"""

# --------------------------------------------------------------------------- blocpress site


def metric_value(kind: str, base: float, t: int, rng: random.Random) -> str:
    v = base * (1 + 0.04 * t) * rng.uniform(0.85, 1.15)
    if kind == "rate":
        return f"{min(99.9, 60 + 0.8 * t + rng.uniform(-3, 10)):.1f}"
    if kind == "money":
        return str(int(round(v / 100_000)) * 100_000)
    return str(max(1, int(round(v))))


def write_blocpress(root: Path, items: list[News], rng: random.Random) -> None:
    w = Writer(rng)
    lines = [
        f"title: {q(SITE_TITLE)}",
        f"base_url: {BASE_URL}",
        "language: vi",
        f"description: {q(SITE_DESCRIPTION)}",
        "news_per_page: 20",
        "bloc:",
        "  province: Lai Châu",
        "  leader: hoi-luat-gia",
        "  deputy: lien-minh-htx",
        "metrics:",
    ]
    for key, (label, unit, _) in SITE_METRICS.items():
        lines.append(f"  {key}: {{ label: {q(label)}, unit: {q(unit)} }}")
    write(root / "site.yaml", "\n".join(lines) + "\n")

    write_news(root, items, hugo=False)
    write(root / "content" / "pages" / "gioi-thieu.md",
          "---\ntitle: Giới thiệu\nmenu: 1\n---\n\n" + ABOUT_BODY)

    # associations: profile + one achievement file per period
    base = {}
    for order, (slug, name, short, founded, leader, own) in enumerate(ASSOCIATIONS, 1):
        d = root / "content" / "associations" / slug
        prof = [
            f"name: {q(name)}",
            f"short_name: {q(short)}",
            f"order: {order}",
            f"description: {q(f'{name} được thành lập năm {founded}, là thành viên của khối thi đua. ' + w.sentence())}",
            f"founded: {founded}",
            f"leader: {q(leader)}",
            f"email: {slug}@example.vn",
            f"phone: \"0213 38{order:02d} {100 + 7 * order}\"",
            f"address: {q('Thành phố Lai Châu, tỉnh Lai Châu')}",
            "metrics:",
        ]
        for key, (label, unit, _) in own.items():
            prof.append(f"  {key}: {{ label: {q(label)}, unit: {q(unit)} }}")
        write(d / "profile.yaml", "\n".join(prof) + "\n")
        kinds = {k: v[2] for k, v in SITE_METRICS.items()} | {k: v[2] for k, v in own.items()}
        for key, kind in kinds.items():
            base[slug, key] = {"count": rng.uniform(3, 40), "big": rng.uniform(80, 3000),
                               "money": rng.uniform(5e6, 2e8), "rate": 0}[kind]
        for t, pid in enumerate(PERIODS):
            keys = list(kinds)
            if rng.random() < 0.1:  # now and then a figure is not reported
                keys.remove(rng.choice(list(own)))
            vals = {k: metric_value(kinds[k], base[slug, k], t, rng) for k in keys}
            ach = [f"summary: {q(w.paragraph(rng.randint(2, 4), bold=rng.random() < 0.5))}", "metrics:"]
            ach += [f"  {k}: {v}" for k, v in vals.items()]
            ach.append("highlights:")
            ach += [f"  - {q(w.sentence(bold=rng.random() < 0.3))}" for _ in range(rng.randint(2, 4))]
            ach.append("plans:")
            ach += [f"  - {q(it + '.')}" for it in rng.sample(LIST_ITEMS, rng.randint(2, 4))]
            tkeys = [k for k in rng.sample(keys, rng.randint(1, 2)) if kinds[k] != "rate"]
            if tkeys:
                ach.append("targets:")
                for k in tkeys:
                    cur = int(vals[k])
                    tgt = cur + max(1, cur // 10)
                    if kinds[k] == "money":
                        tgt = tgt // 100_000 * 100_000
                    ach.append(f"  {k}: {tgt}")
            write(d / f"{pid}.yaml", "\n".join(ach) + "\n")

    # period narratives
    for t, pid in enumerate(PERIODS):
        year, half = int(pid[:4]), pid[-1]
        date = dt.date(year, 6, rng.randint(15, 28)) if half == "1" else dt.date(year, 12, rng.randint(10, 26))
        host = ASSOC_SLUGS[t % len(ASSOC_SLUGS)]
        kind = "Sơ kết" if half == "1" else "Tổng kết"
        title = f"{kind} công tác thi đua {period_title(pid)}"
        fm = [
            "---",
            f"title: {q(title)}",
            f"date: {date.isoformat()}",
            f"host: {host}",
            f"location: {q('Hội trường ' + dict((a[0], a[1]) for a in ASSOCIATIONS)[host])}",
            f"summary: {q(w.sentence().replace('**', ''))}",
            "---",
            "",
        ]
        write(root / "content" / "periods" / f"{pid}.md",
              "\n".join(fm) + w.body(w.sentence(), 300, 500))

    # scoring, one table a year
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        y = [f"title: {q(f'Chấm điểm thi đua năm {year}')}", "groups:"]
        crit = []
        for g, (gtitle, mx, titles) in enumerate(SCORING_GROUPS, 1):
            y += [f"  - title: {q(gtitle)}", "    criteria:"]
            for c, ct in enumerate(titles, 1):
                cid = f"{g}.{c}"
                crit.append((cid, mx))
                y.append(f"      - {{ id: \"{cid}\", title: {q(ct)}, max: {mx} }}")
        y.append("scores:")
        for slug in ASSOC_SLUGS:
            skill = rng.uniform(0.75, 0.97)
            vals = []
            for cid, mx in crit:
                v = round(min(mx, mx * skill + rng.uniform(-0.1, 0.12) * mx) * 4) / 4  # quarter points
                v = max(0.0, min(float(mx), v))
                s = str(int(v)) if v == int(v) else f"{v:g}"
                vals.append(f"\"{cid}\": {s}")
            y.append(f"  {slug}: {{ " + ", ".join(vals) + " }")
        y.append("awards:")
        for slug, award in zip(rng.sample(ASSOC_SLUGS, 3), AWARDS):
            y.append(f"  {slug}: {q(award)}")
        y.append("adjustments:")
        for slug in rng.sample(ASSOC_SLUGS, 2):
            pts = rng.choice([2, 1.5, 1, -1, -0.5])
            reason = "Có sáng kiến, mô hình mới được nhân rộng" if pts > 0 else "Nộp báo cáo chậm so với quy định"
            y.append(f"  {slug}: [{{ points: {pts:g}, reason: {q(reason)} }}]")
        write(root / "content" / "scoring" / f"{year}.yaml", "\n".join(y) + "\n")


# --------------------------------------------------------------------------- hugo site

HUGO_CONFIG = f"""baseURL = {q(BASE_URL)}
languageCode = "vi"
defaultContentLanguage = "vi"
title = {q(SITE_TITLE)}
# Hugo 0.111 (Debian 12): `paginate`; Hugo >= 0.128 spells it [pagination] pagerSize = 20
paginate = 20
# limit the RSS feed to the latest 20 items, as blocpress limits atom.xml
rssLimit = 20
removePathAccents = true
enableRobotsTXT = true
disableHugoGeneratorInject = true

[params]
description = {q(SITE_DESCRIPTION)}

[taxonomies]
tag = "tags"

[permalinks]
news = "/news/:slug/"

[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]
page = ["HTML"]
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ with .Summary }}{{ . | plainify }}{{ else }}{{ site.Params.description }}{{ end }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ with site.Home.OutputFormats.Get "RSS" }}<link rel="alternate" type="application/rss+xml" title="{{ site.Title }}" href="{{ .Permalink }}">{{ end }}
<style>
body{font:16px/1.6 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:0 1rem;color:#222}
header,footer{border-bottom:1px solid #ddd;padding:.5rem 0}footer{border-top:1px solid #ddd;border-bottom:0;color:#666;font-size:.9rem}
nav a{margin-right:1rem}.meta{color:#666;font-size:.9rem}.tags{list-style:none;padding:0}.tags li{display:inline;margin-right:.5rem}
.pager{display:flex;gap:1rem;justify-content:center;margin:2rem 0}
</style>
</head>
<body>
<header>
<a class="brand" href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav>
<a href="{{ "/" | relURL }}">Trang chủ</a>
<a href="{{ "news/" | relURL }}">Tin tức</a>
<a href="{{ "tags/" | relURL }}">Chủ đề</a>
<a href="{{ "gioi-thieu/" | relURL }}">Giới thiệu</a>
</nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer>
<p>{{ site.Title }} · <a href="{{ "index.xml" | relURL }}">RSS</a> · <a href="{{ "sitemap.xml" | relURL }}">Sơ đồ trang</a></p>
</footer>
</body>
</html>
""",
    "_default/single.html": """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time></p>
{{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ .Content }}
</article>
{{ end }}
""",
    "partials/news-list.html": """{{ range .Pages }}
<article>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time></p>
<p>{{ .Summary | plainify }}</p>
</article>
{{ end }}
""",
    "partials/pager.html": """{{ if gt .TotalPages 1 }}
<nav class="pager">
{{ with .Prev }}<a rel="prev" href="{{ .URL }}">« Trang trước</a>{{ end }}
<span>Trang {{ .PageNumber }}/{{ .TotalPages }}</span>
{{ with .Next }}<a rel="next" href="{{ .URL }}">Trang sau »</a>{{ end }}
</nav>
{{ end }}
""",
    "_default/list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages }}
{{ partial "news-list.html" $pager }}
{{ partial "pager.html" $pager }}
{{ end }}
""",
    "_default/term.html": """{{ define "main" }}
<h1>Chủ đề: {{ .Title }}</h1>
{{ $pager := .Paginate .Pages }}
{{ partial "news-list.html" $pager }}
{{ partial "pager.html" $pager }}
{{ end }}
""",
    "_default/taxonomy.html": """{{ define "main" }}
<h1>Chủ đề</h1>
<ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}
</ul>
{{ end }}
""",
    "index.html": """{{ define "main" }}
<h1>{{ site.Title }}</h1>
<p>{{ site.Params.description }}</p>
<h2>Tin mới</h2>
{{ partial "news-list.html" (dict "Pages" (first 10 (where site.RegularPages "Section" "news"))) }}
<p><a href="{{ "news/" | relURL }}">Tất cả tin tức »</a></p>
{{ end }}
""",
    "404.html": """{{ define "main" }}
<h1>Không tìm thấy trang</h1>
<p><a href="{{ "/" | relURL }}">Về trang chủ</a></p>
{{ end }}
""",
}


def write_hugo(root: Path, items: list[News]) -> None:
    write(root / "hugo.toml", HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        write(root / "layouts" / name, text)
    write(root / "content" / "_index.md", f"---\ntitle: {q(SITE_TITLE)}\n---\n")
    write(root / "content" / "news" / "_index.md", "---\ntitle: Tin tức\n---\n")
    write(root / "content" / "gioi-thieu.md", "---\ntitle: Giới thiệu\n---\n\n" + ABOUT_BODY)
    write_news(root, items, hugo=True)


# --------------------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--news", type=int, required=True, metavar="N", help="number of news items")
    ap.add_argument("--out", type=Path, required=True, metavar="DIR", help="writes DIR/blocpress and DIR/hugo")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = ap.parse_args()
    if args.news < 1:
        ap.error("--news must be at least 1")

    assert len({slugify(t) for t in TAGS}) == len(TAGS), "two tags share a slug"
    for sub in ("blocpress", "hugo"):
        p = args.out / sub
        if p.exists():
            shutil.rmtree(p)

    news_rng = random.Random(f"{args.seed}/news")
    items = make_news(args.news, news_rng)
    write_blocpress(args.out / "blocpress", items, random.Random(f"{args.seed}/bloc"))
    write_hugo(args.out / "hugo", items)

    words = sorted(len(it.body.split()) for it in items)
    tags = len({t for it in items for t in it.tags})
    print(f"gen_site: {len(items)} news items ({words[0]}-{words[-1]} words, median {words[len(words) // 2]}), "
          f"{tags} tags, {len(ASSOCIATIONS)} associations x {len(PERIODS)} periods, "
          f"{LAST_YEAR - FIRST_YEAR + 1} scoring tables -> {args.out}/{{blocpress,hugo}}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
