# Lời của `--help` (src/help.rs). `help-<lệnh>` mô tả một lệnh (`help-sheet-export` cho
# `blocpress sheet export`); `help-<lệnh>--<tham số>` mô tả một tham số của lệnh đó;
# `help--<tham số>` dùng cho tham số có cùng nghĩa ở mọi lệnh. Giá trị mặc định ghi ngay trong lời.

help-heading-usage = Cách dùng:
help-heading-commands = Các lệnh
help-heading-arguments = Tham số
help-heading-options = Tuỳ chọn
help-value-options = tuỳ-chọn
help-value-command = lệnh
help-value-dir = thư-mục
help-value-url = địa-chỉ-web
help-value-addr = địa-chỉ
help-value-n = số
help-value-lang = ngôn-ngữ
help-value-file = tệp
help-value-period = kỳ
help-value-title = tiêu-đề
help-value-id = kỳ
help-value-listen = địa-chỉ:cổng
help-value-name = tên
help-value-role = vai-trò
help-value-code = mã

help-blocpress = Tạo trang thông tin của khối thi đua: tin tức, số liệu của các hội thành viên, bài sơ kết 6 tháng và bảng chấm điểm thi đua
help-build = Tạo trang web vào thư mục kết quả (mặc định: thư-mục-trang/public)
help-check = Đọc và kiểm tra toàn bộ trang, không ghi gì; có lỗi thì kết thúc với mã 1
help-serve = Xem thử trang tại http://127.0.0.1:1111: tự tạo lại khi sửa tệp và tải lại các trang đang mở
help-init = Tạo một trang mới trong thư mục đã chọn, dùng được ngay
help-new = Tạo một tin mới, các tệp số liệu của một kỳ, biên bản họp Khối hoặc đề nghị khen thưởng
help-new-news = Một tệp tin mới có ngày và phần đầu (front matter) sẵn để điền
help-new-period = Mỗi hội một tệp số liệu cho kỳ đã chọn (2014-h1, 2014-h2 hoặc 2014)
help-explain = Giải thích một mã thông báo (E012, W003): nghĩa là gì, ví dụ viết sai và viết đúng, cách sửa
help-sheet = Biểu mẫu Excel: gửi cho các hội điền số liệu, rồi nhập các biểu mẫu nhận về
help-sheet-export = Mỗi hội một biểu mẫu .xlsx cho kỳ đã chọn (hoặc, với --scoring, bảng chấm điểm)
help-sheet-import = Nhập các biểu mẫu nhận về vào content/ (kiểm tra hết trước; một biểu mẫu bị từ chối thì không ghi gì)
help-help = In hướng dẫn của blocpress hoặc của một lệnh (blocpress help sheet export)

help--help = In hướng dẫn cách dùng
help--version = In số phiên bản
help--lang = Ngôn ngữ của thông báo: vi hoặc en (mặc định: biến môi trường BLOCPRESS_LANG, rồi ngôn ngữ của trang)
help--root = Thư mục của trang, nơi có tệp site.yaml (mặc định: thư mục hiện tại, hoặc thư mục cha gần nhất có site.yaml)
help--drafts = Đưa cả các bài đánh dấu `draft: true` (bản nháp) vào trang
help-build--output = Thư mục ghi trang web ra (mặc định: thư-mục-trang/public)
help-build--base-url = Xuất bản dưới địa chỉ này thay cho base_url trong site.yaml
help-build--force = Ghi đè thư mục kết quả kể cả khi trong đó có tệp không do blocpress tạo
help-check--drafts = Kiểm tra cả các bài đánh dấu `draft: true` (bản nháp)
help-serve--interface = Địa chỉ để mở trang (mặc định: 127.0.0.1, chỉ xem được trên máy này)
help-serve--port = Cổng để mở trang (mặc định: 1111; 0 để tự chọn một cổng trống và in ra)
help-serve--poll = Cứ 500 ms kiểm tra các tệp một lần thay vì chờ hệ điều hành báo (dùng cho thư mục mạng hoặc thư mục dùng chung)
help-init--dir = Thư mục tạo trang mới (chưa có thì tạo; không được là thư mục đã có trang)
help-new-news--title = Tiêu đề tin, ví dụ "Hội nghị sơ kết 6 tháng đầu năm"
help-new-period--id = Mã kỳ: 2014-h1 (6 tháng đầu năm), 2014-h2 (6 tháng cuối năm) hoặc 2014 (cả năm)
help-explain--code = Mã như in trong thông báo (E012, e012 hoặc 012)
help-sheet-export--period = Mã kỳ: 2014-h1 (6 tháng đầu năm), 2014-h2 (6 tháng cuối năm) hoặc 2014 (cả năm)
help-sheet-export--scoring = Xuất bảng chấm điểm (tiêu chí × hội) thay cho biểu mẫu số liệu của các hội
help-sheet-export--out = Thư mục ghi biểu mẫu (mặc định: thư-mục-trang/sheets/kỳ)
help-sheet-export--force = Ghi đè các biểu mẫu đã có trong thư mục
help-sheet-import--files = Các tệp .xlsx nhận về (thứ tự và tên tệp tuỳ ý), một thư mục chứa chúng (nhan-ve), hoặc một mẫu tên trong ngoặc kép ("nhan-ve/*.xlsx")
help-sheet-import--dry-run = Chỉ cho xem những gì sẽ thay đổi, không ghi gì
help-help--command = Lệnh cần xem hướng dẫn (ví dụ: sheet export)

help-workspace = Mở không gian làm việc chung của Khối: thư ký và các hội đăng nhập trên trình duyệt để nhập số liệu, sửa tin, xuất bản (mặc định: http://127.0.0.1:8080)
help-workspace--listen = Địa chỉ và cổng để mở không gian làm việc (mặc định: 127.0.0.1:8080)
help-workspace--publish = Thư mục nhận trang web khi thư ký bấm Xuất bản (mặc định: thư-mục-trang/public)
help-workspace--https = Không gian làm việc được mở qua HTTPS (sau một máy chủ chuyển tiếp): cookie chỉ gửi qua HTTPS
help-user = Tài khoản của không gian làm việc: thêm, xem, xoá, đổi mật khẩu
help-user-add = Thêm một tài khoản (hỏi mật khẩu hai lần, không hiện chữ khi gõ)
help-user-add--name = Tên đăng nhập: chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang
help-user-add--role = Vai trò: secretary (thư ký), editor (biên tập) hoặc member:<mã-hội> (một hội thành viên)
help-user-add--password-stdin = Đọc mật khẩu từ dòng đầu của đầu vào chuẩn (dùng trong tập lệnh)
help-user-list = Liệt kê các tài khoản và vai trò (không hiện mật khẩu)
help-user-remove = Xoá một tài khoản
help-user-remove--name = Tên đăng nhập cần xoá
help-user-passwd = Đặt mật khẩu mới cho một tài khoản
help-user-passwd--name = Tên đăng nhập cần đổi mật khẩu
help-user-passwd--password-stdin = Đọc mật khẩu mới từ dòng đầu của đầu vào chuẩn (dùng trong tập lệnh)
