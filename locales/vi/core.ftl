## Labels and summaries shared by every command.

label-error = lỗi
label-warning = cảnh báo
summary-counts = { $errors } lỗi, { $warnings } cảnh báo
hint-did-you-mean = ; có phải ý bạn là “{ $word }”?
hint-none = { "" }
hint-try = {" "}(thử viết “{ $word }”)


## Command summaries.

check-failed = Kiểm tra không đạt: { $counts }
check-passed = Kiểm tra đạt: { $counts }
build-done = Đã tạo { $files } tệp ({ $news } tin) vào { $output } trong { $ms } ms{ $warnings }
build-failed = Không tạo được trang: { $counts }; bản trang đã xuất bản trước đó vẫn giữ nguyên
failed-io = lỗi: { $error }
failed-system = lỗi[E614]: { $error }
failed-usage = lỗi: { $error }
io-cannot-create = không tạo được { $path }: { $error }
io-cannot-write = không ghi được { $path }: { $error }
new-site-has-errors = Chưa ghi tệp nào: hãy sửa các lỗi của trang trước ({ $counts })

## blocpress explain

explain-unknown = Không có mã “{ $code }”: mã viết như trong thông báo, ví dụ E012 hoặc W003 (xem docs/errors.md)
explain-wrong = Viết sai:
explain-right = Viết đúng:
explain-fix = Cách sửa:

## blocpress new, init

new-title-empty = Tiêu đề tin đang để trống: hãy viết tiêu đề trong dấu ngoặc kép, ví dụ blocpress new news "Hội nghị sơ kết"
new-title-no-letters = Không tạo được tên tệp từ tiêu đề “{ $title }” vì tiêu đề không có chữ hay số nào
new-news-renamed = Lưu ý: đã có tin tên “{ $base }”, nên tin này được đặt tên “{ $slug }” (địa chỉ: /news/{ $slug }/)
new-news-created = Đã tạo bản nháp tin: viết nội dung, rồi sửa thành `draft: false` để đăng (xem trước bản nháp bằng `blocpress serve --drafts`)
new-news-too-many = Có quá nhiều tin tên “{ $base }” trong { $folder }
new-skipped = Bỏ qua { $path }: tệp đã có sẵn (giữ nguyên, không ghi đè)
new-period-done = Kỳ { $id }: đã tạo { $created } tệp kết quả, { $skipped } tệp đã có sẵn{ $note }
new-period-narrative-draft = ; bài tổng hợp { $path } là bản nháp cho đến khi sửa thành `draft: false`
new-period-send = Gửi mỗi đơn vị tệp của mình; chỉ tiêu để trống hiện là “chưa báo cáo” cho đến khi được điền
init-not-a-folder = { $dir } đã có và không phải là thư mục
init-has-site = { $dir } đã chứa một trang (có tệp site.yaml); hãy chọn thư mục mới, hoặc sửa trang đó
init-has-content = { $dir } đã có nội dung (thư mục content/ không trống); hãy chọn thư mục mới
init-kept = Giữ nguyên tệp đã có { $path } (không ghi đè)
init-done = Đã tạo trang mới trong { $dir } ({ $files } tệp): một đơn vị mẫu, số liệu kỳ { $period } của đơn vị đó, bài tổng hợp kỳ, một tin và trang giới thiệu
init-next = Tiếp theo: cd { $dir }; `blocpress serve` để xem trước tại http://127.0.0.1:1111 (tự cập nhật khi sửa); `blocpress build` để tạo trang vào thư mục public/; sửa site.yaml trước tiên (tên trang, base_url, chỉ tiêu): mỗi tệp đều có ghi chú cách điền

## Pieces of diagnostics

url-reason-scheme = địa chỉ phải bắt đầu bằng https:// hoặc http://
url-reason-host = địa chỉ thiếu tên miền hợp lệ
url-reason-plain = địa chỉ chỉ gồm tên miền và đường dẫn, không có `?`, `#`, dấu cách hay `..`
what-news-item = tin
what-page = trang
what-score = điểm của { $name } ở tiêu chí { $id }
what-self-score = điểm tự chấm của { $name } ở tiêu chí { $id }
what-max = điểm tối đa (`max`) của tiêu chí { $id }
what-adjustment = điểm cộng/trừ của { $name }
expect-boolean = true (có) hoặc false (không)
expect-whole-number = một số nguyên
expect-word = một trong các từ được phép, không phải danh sách
expect-text = một giá trị chữ (một giá trị)
expect-value = một giá trị, không được để trống
expect-list = một danh sách dạng [a, b]
expect-mapping = các dòng dạng khoá: giá trị
open-quote = dấu ngoặc kép
open-bracket = dấu mở danh sách `[`
open-brace = dấu mở ngoặc nhọn `{"{"}`

## Diagnostics: files

E001 = không đọc được tệp: { $error }
E002 = tệp nặng { $size } MiB, vượt giới hạn { $limit } MiB của tệp nội dung; hãy tách nhỏ tệp, hoặc chuyển vào thư mục static/
E003 = tệp đang lưu theo mã UTF-16; hãy lưu lại theo UTF-8 (trong Notepad: Save As → Encoding: UTF-8)
E004 = tệp này là tệp nhị phân (ảnh, tài liệu…), không phải văn bản; ảnh và tài liệu đặt trong thư mục static/
E005 = tệp không phải văn bản UTF-8 (có thể đang gõ bằng bảng mã TCVN3 hay VNI); hãy lưu lại theo Unicode UTF-8
E006 = lối tắt (symlink) trỏ ra ngoài thư mục trang (tới { $target }); hãy chép hẳn tệp vào trong thư mục trang
E007 = lối tắt (symlink) hỏng: trỏ tới “{ $target }” nhưng tệp đó không có; hãy xoá lối tắt
E008 = lối tắt (symlink) tạo thành vòng lặp (qua “{ $target }”), dẫn ngược về chính nó; hãy xoá lối tắt

## Diagnostics: YAML

E010 = khoá “{ $key }” không dùng được ở đây{ $hint } (các khoá được dùng: { $allowed }; dữ liệu riêng đặt dưới `extra`)
E011 = thiếu khoá bắt buộc “{ $key }”: hãy thêm dòng { $key }: …
E012 = khoá “{ $key }” được viết hai lần; mỗi khoá chỉ viết một lần, hãy xoá bớt một dòng
E013 = dữ liệu lồng quá sâu (quá { $limit } lớp `[` hoặc `{"{"}`); kiểm tra xem có dấu ngoặc nào mở mà không đóng
E014 = dùng quá nhiều bí danh (`*ten`) ở đây; hãy viết thẳng giá trị
E015 = dòng này thụt lề bằng phím Tab: hãy xoá Tab và thụt lề bằng dấu cách (2 dấu cách cho mỗi bậc)
E016 = giá trị bắt đầu bằng `@`, `` ` `` hoặc `%` phải đặt trong dấu ngoặc kép
E017 = giá trị có dấu hai chấm và dấu cách (`: `) phải đặt trong dấu ngoặc kép, ví dụ title: "Hội nghị: kết quả 6 tháng"
E018 = { $what } mở ở đây nhưng không được đóng; hãy đóng lại trên cùng dòng
E019 = tệp chứa hơn một tài liệu YAML (có dòng `---` ở giữa?); mỗi tệp chỉ viết một tài liệu
E020 = số { $value } quá lớn
E021 = “{ $field }”: không dùng được giá trị “{ $value }”; hãy viết một trong các giá trị: { $allowed }
E022 = “{ $field }”: cần { $expected }, không phải { $found }
E023 = “{ $field }”: { $detail }
E029 = không đọc được dữ liệu ở đây (trình đọc YAML báo: { $detail }); kiểm tra thụt lề và dấu ngoặc kép của dòng này và dòng trên
E031 = “{ $value }” trong dấu ngoặc nhọn bị đọc thành hai giá trị (dấu phẩy dùng để ngăn cách); viết số thập phân bằng dấu chấm: { $fixed }
E032 = “{ $written }”: thêm một dấu cách sau dấu hai chấm: { $fixed }
E033 = “{ $written }”: thêm một dấu cách sau dấu gạch đầu dòng: { $fixed }
E034 = “{ $key }”: dòng này thụt lề lệch một bậc: { $spaces ->
    [0] xoá hết dấu cách ở đầu dòng cho thẳng cột với dòng trên
   *[other] thụt lề bằng { $spaces } dấu cách như dòng trên
}

## Diagnostics: front matter, dates

E040 = tệp trống: cần phần thông tin đầu bài nằm giữa hai dòng `---`
E041 = tệp phải bắt đầu bằng một dòng `---`, tiếp theo là phần thông tin (title, date, …), rồi thêm một dòng `---`
E042 = phần thông tin đầu bài chưa được đóng: thêm một dòng `---` sau phần đó, trước nội dung bài
E045 = “{ $value }” không phải ngày hợp lệ: ngày viết theo dạng năm-tháng-ngày: { $fixed }
E046 = “{ $value }” không phải ngày hợp lệ: tháng { $month } năm { $year } chỉ có { $days } ngày{ $order ->
    [day-first] ; ngày viết theo dạng năm-tháng-ngày, ví dụ ngày cuối tháng: { $fixed }
   *[iso] ; ngày cuối tháng là { $fixed }
}
E047 = “{ $value }” không phải ngày hợp lệ: viết theo dạng năm-tháng-ngày, ví dụ 2013-06-21 (có thể thêm giờ: 2013-06-21T08:30:00+07:00)
E048 = “{ $value }” không phải ngày hợp lệ: không có tháng { $month }; viết theo dạng năm-tháng-ngày, ví dụ 2013-06-21

## Diagnostics: names, addresses, site.yaml

E050 = tên đường dẫn (slug) đang trống: dùng chữ thường a-z không dấu, chữ số và dấu gạch nối, hoặc bỏ dòng `slug:`
E051 = “{ $value }” không dùng được làm tên đường dẫn: chỉ dùng chữ thường a-z không dấu, chữ số và dấu gạch nối{ $hint }
E052 = không tạo được tên đường dẫn từ tên tệp này; hãy đổi tên tệp, hoặc thêm dòng `slug:` ở phần thông tin đầu bài
E053 = địa chỉ `/{ $slug }/` đã được blocpress dùng; hãy chọn slug khác
E054 = { $what } này có địa chỉ { $url }, trùng với { $other }; hãy đặt `slug:` khác cho một trong hai
E055 = thẻ “{ $tag }” không có chữ hay số nào để tạo địa chỉ
E056 = “{ $url }” dùng giao thức `{ $scheme }:`; chỉ được dùng liên kết http(s) hoặc đường dẫn trong trang
E057 = trang web “{ $url }” phải là địa chỉ đầy đủ, bắt đầu bằng https:// hoặc http://
E058 = “{ $value }” không phải địa chỉ thư điện tử
E059 = “{ $value }” không phải mã kỳ: viết `YYYY-h1` (6 tháng đầu năm), `YYYY-h2` (6 tháng cuối năm) hoặc `YYYY` (cả năm)
E060 = tên tệp phải là mã kỳ: “{ $name }” không phải mã kỳ; đặt tên `YYYY-h1`, `YYYY-h2` hoặc `YYYY`, ví dụ 2013-h1
E061 = không thấy tệp site.yaml trong { $root } hay các thư mục cha: hãy chạy blocpress trong thư mục trang, thêm --root THƯ_MỤC, hoặc tạo trang mới bằng `blocpress init THƯ_MỤC`
E062 = base_url “{ $value }”: { $reason }
E063 = news_per_page phải từ 1 đến 1000, không phải { $value }
E064 = giao diện “{ $theme }” phải là tên một thư mục trong themes/ (chữ thường không dấu, chữ số, dấu gạch nối)
E065 = “{ $key }” không được để trống
E066 = tên chỉ tiêu “{ $key }” phải bắt đầu bằng chữ cái và chỉ gồm chữ thường a-z không dấu, chữ số và `_` (ví dụ “{ $fixed }”)
E067 = “{ $name }” không phải đơn vị thành viên{ $hint } (đơn vị thành viên là các thư mục trong content/associations/)
E068 = “{ $value }” đang là một chuỗi chữ, không phải danh sách: viết danh sách trong ngoặc vuông: { $fixed }
E069 = không thấy giao diện “{ $theme }”: không có thư mục themes/{ $theme }/ (bỏ dòng `theme:` để dùng giao diện có sẵn)

## Diagnostics: associations and metrics

E070 = thư mục đơn vị này chưa có tệp profile.yaml (ít nhất phải có dòng `name:`)
E071 = tên thư mục đơn vị: { $reason }
E072 = thư mục đơn vị chỉ chứa profile.yaml và mỗi kỳ một tệp: “{ $name }” không phải mã kỳ; đặt tên `YYYY-h1.yaml`, `YYYY-h2.yaml` hoặc `YYYY.yaml`
E073 = đổi tên tệp này cho đuôi thành `.yaml`
E074 = ở đây chỉ đặt content/associations/<đơn-vị>/profile.yaml hoặc <mã-kỳ>.yaml
E075 = chỉ tiêu “{ $key }” chưa được khai báo{ $hint } (khai báo dưới `metrics` trong profile.yaml của đơn vị hoặc trong site.yaml)
E076 = “{ $key }: { $value }” là số hệ 16 hoặc hệ 8; hãy viết bằng chữ số thập phân thông thường
E077 = “{ $key }” quá lớn: số liệu tối đa là 1000000000000000 (10^15)
E078 = “{ $key }” có quá { $decimals } chữ số sau dấu chấm; hãy làm tròn (ví dụ 95.5)
E079 = “{ $key }” phải là một số cụ thể
E080 = “{ $key }” không phải số dùng được; viết như 35 hoặc 95.5
E081 = “{ $key }: { $value }” bị đọc thành chữ, không phải số: viết số không có dấu ngăn cách hàng nghìn và không có ngoặc kép, ví dụ `{ $key }: { $fixed }`
E082 = “{ $key }: { $value }” bị đọc thành chữ: viết số thập phân bằng dấu chấm, không có ngoặc kép: `{ $key }: { $fixed }`
E083 = “{ $key }” phải là số, không phải chữ “{ $value }”
E084 = “{ $key }” phải là một số (như 35 hoặc 95.5), không phải danh sách
E085 = ở đây cần tệp đuôi `.{ $expected }`; tệp này không được đọc (ảnh, tài liệu thì đặt trong thư mục static/)
E086 = trang phải đặt ngay trong content/pages/, không đặt trong thư mục con
W001 = chỉ tiêu “{ $key }” cũng được khai báo trong site.yaml; trang dùng khai báo của đơn vị này
W002 = `extra.sample` nhắc tới “{ $key }”, nhưng tệp này không báo cáo chỉ tiêu đó
W003 = “{ $key }: { $value }” được đọc là số thập phân { $vietnamese } (YAML dùng dấu chấm để ngăn phần thập phân: { $number } là { $vietnamese }); nếu ý là { $digits } thì viết `{ $key }: { $digits }`, không có dấu chấm
W004 = trong content/news/ chỉ đọc tệp `.md`, và không tin bài nào trỏ tới tệp này: tệp không được đăng (hãy chèn vào một tin, ví dụ ![Ảnh](anh.jpg), hoặc xoá tệp)
W005 = đây không phải chỗ đặt nội dung (news/, pages/, periods/, associations/, scoring/); tệp này bị bỏ qua

## Diagnostics: scoring

E090 = { $what } “{ $value }”: viết số thập phân bằng dấu chấm: { $fixed }
E091 = { $what } phải là một số, ví dụ 9.5
E092 = { $what } “{ $value }” không phải số dùng được
E093 = { $what } “{ $value }” quá lớn: điểm tối đa là { $max }
E094 = { $what } “{ $value }” có quá hai chữ số sau dấu chấm; điểm chỉ lấy đến hàng phần trăm
E095 = tệp chấm điểm cần ít nhất một nhóm tiêu chí (`groups`)
E096 = mã tiêu chí “{ $id }” bị dùng hai lần; mỗi tiêu chí cần một mã riêng
E097 = điểm tối đa (`max`) của tiêu chí { $id } phải lớn hơn 0
E098 = mã tiêu chí phải là chữ, ví dụ "1.1"
E099 = không có tiêu chí “{ $id }”{ $hint }
E100 = có mã tiêu chí để trống; hãy viết một trong các mã đã khai báo dưới `groups`
E101 = điểm { $score } của { $name } ở tiêu chí { $id } nằm ngoài khung: phải từ 0 đến { $max }
E102 = { $name } chưa có điểm tiêu chí { $ids }: mỗi tiêu chí đều phải có điểm
E103 = { $name } có khen thưởng nhưng chưa có điểm
E104 = { $name } có điểm cộng/trừ nhưng chưa có điểm

## Diagnostics: themes, output, links

E110 = lỗi mẫu giao diện: { $detail }
E111 = lỗi mẫu giao diện: { $detail } (khi tạo { $page })
E112 = các mẫu giao diện kế thừa nhau thành vòng ({ $chain }); một mẫu không được kế thừa chính nó
E113 = các mẫu giao diện chèn nhau thành vòng ({ $chain }); một mẫu không được chèn chính nó
E114 = kế thừa “{ $parent }”, nhưng mẫu này không có trong giao diện
E115 = bản dịch “{ $key }” phải là chữ
E116 = không ghi được tệp kết quả: { $error }
E117 = tệp tĩnh này sẽ đè lên trang { $url } do blocpress tạo; hãy đổi tên hoặc chuyển chỗ
E120 = liên kết tới “{ $path }”: không có nội dung này; đường dẫn tính từ thư mục content/, ví dụ @/news/2013/x.md
E121 = liên kết tới “{ $path }”: bài đó đang là bản nháp (`draft: true`) nên chưa được đăng; hãy đăng bài (sửa thành `draft: false`), bỏ liên kết, hoặc xem trước bằng --drafts
E130 = chưa có đơn vị thành viên nào: hãy tạo content/associations/<tên-đơn-vị>/profile.yaml cho từng đơn vị trước
E140 = `extra.sample` là { $value }, không rõ nghĩa: hãy ghi `true` (cả tệp là số liệu mẫu), `false`, hoặc danh sách khoá các chỉ tiêu là số liệu mẫu, ví dụ [new_members, support_value]
E141 = `extra.sample` của một tin là { $value }, không rõ nghĩa: với tin chỉ ghi `true` (tin mẫu) hoặc `false`
W010 = đã bỏ liên kết dùng giao thức `{ $scheme }:`: chỉ cho phép liên kết http(s), mailto và tel (hoặc đặt markdown.unsafe_html: true)

## Usage errors

usage-base-url = --base-url: { $reason }
usage-help = Xem cách viết lệnh: { $command } --help
usage-unknown-command = không có lệnh “{ $word }”; các lệnh là build, check, serve, init, new, explain, sheet, workspace, user
usage-unknown-command-suggest = không có lệnh “{ $word }”; có phải ý bạn là “{ $suggestion }”?
usage-unknown-option = lệnh này không có tuỳ chọn “{ $option }”
usage-unknown-option-suggest = lệnh này không có tuỳ chọn “{ $option }”; có phải ý bạn là “{ $suggestion }”?
usage-unexpected = thừa “{ $value }”: lệnh này không nhận thêm giá trị đó (đường dẫn có dấu cách thì đặt trong ngoặc kép)
usage-bad-value = “{ $value }” không dùng được cho { $option }
usage-bad-value-choices = “{ $value }” không dùng được cho { $option }; hãy chọn: { $choices }
usage-missing = lệnh còn thiếu { $what }
usage-conflict = không dùng { $option } cùng với { $other }
usage-other = lệnh viết chưa đúng ({ $detail })

## blocpress serve

serve-cannot-open = không mở được thư mục trang { $path }: { $error }
serve-failed = không chạy được máy chủ xem trước: { $error }
serve-no-watch = cảnh báo: { $problem }; trang sẽ không tự cập nhật khi sửa tệp
serve-watch-problem = cảnh báo: { $problem }
serve-serving = Đang chạy trang { $root } tại { $url } (bấm Ctrl-C để dừng)
serve-now-at = Trang nay chạy tại { $url }
serve-stopping = Đang dừng…
serve-stopped = Đã dừng
serve-bad-interface = --interface { $interface }: máy này không có địa chỉ đó để chạy trang
serve-cannot-listen = không mở được cổng tại { $address }: { $error }
serve-port-in-use = cổng { $port } trên { $ip } đang được dùng (có một `blocpress serve` khác đang chạy?); hãy dừng nó, hoặc chọn cổng khác bằng --port (--port 0 để tự chọn cổng trống)
serve-port-denied = không được phép dùng cổng { $port } trên { $ip }: cổng dưới 1024 cần quyền quản trị; hãy dùng --port 1111 hoặc một số lớn hơn 1023
serve-what-one = { $path }:{" "}
serve-what-many = { $path } và { $more } tệp khác:{" "}
serve-not-rebuilt = chưa tạo lại trang
serve-static-changed = tệp tĩnh thay đổi, đang tải lại trang
serve-nothing-to-render = không có trang nào cần tạo lại
serve-rerendered = đã tạo lại { $files } tệp trong { $ms } ms
serve-no-page-changed = không trang nào thay đổi ({ $ms } ms)
serve-templates-changed = mẫu giao diện thay đổi, đã tạo lại toàn bộ { $files } tệp trong { $ms } ms
serve-built = đã tạo { $files } tệp trong { $ms } ms
serve-rebuilt = đã tạo lại trang, { $files } tệp trong { $ms } ms
serve-errors-kept = { $errors } lỗi: vẫn hiện bản trang tốt gần nhất; sửa và lưu tệp, trang sẽ tự tải lại
serve-errors-nothing = { $errors } lỗi: chưa có trang để hiện; sửa và lưu tệp, trang sẽ hiện ra
serve-errors-fixed = Đã hết lỗi

## The serve overlay over the page (livereload.js)

overlay-title = Trang có { $errors } lỗi cần sửa
overlay-note = Trang đang hiện bản tạo được gần nhất. Sửa tệp rồi lưu lại: khung này sẽ tự đóng.
overlay-close = Ẩn cho đến lần sửa sau
overlay-explain = Lỗi này là gì và cách sửa
overlay-open = Xem dòng này trong tệp
overlay-source-title = { $file }, dòng { $line }

## The output folder (build)

out-refuse-root = Không ghi trang vào { $output }: hãy chọn một thư mục riêng, ví dụ public/
out-refuse-site = Không ghi trang vào { $output }: thư mục này chứa chính trang nguồn (hãy chọn một thư mục bên trong, ví dụ public/)
out-refuse-inside = Không ghi trang vào { $output }: thư mục này nằm trong thư mục { $source }/ của trang
out-refuse-holds = Không ghi trang vào { $output }: thư mục này chứa thư mục { $source }/ của trang ({ $resolved })
out-refuse-home = Không ghi trang vào { $output }: thư mục này chứa thư mục cá nhân của bạn
out-refuse-cwd = Không ghi trang vào { $output }: thư mục này chứa thư mục bạn đang làm việc (hãy chọn thư mục riêng, ví dụ public/)
out-refuse-file = { $output } là một tệp, không phải thư mục; hãy chọn thư mục khác cho --output
out-refuse-project = Không thay thế { $output }: thư mục này có “{ $found }”, có vẻ là trang nguồn hoặc dự án khác, không phải trang đã tạo; hãy chọn --output khác (kể cả --force cũng không thay thế thư mục như vậy)
out-refuse-foreign = Không thay thế { $output }: thư mục không trống và không do blocpress tạo (ví dụ { $examples }). Hãy chuyển các tệp đó vào static/, chọn --output khác, hoặc thêm --force để vẫn thay thế
out-refuse-foreign-marked = Không thay thế { $output }: thư mục có tệp không do blocpress tạo (ví dụ { $examples }). Hãy chuyển các tệp đó vào static/, chọn --output khác, hoặc thêm --force để vẫn thay thế
io-cannot-create-folder = không tạo được { $path }
io-cannot-write-file = không ghi được { $path }
out-cannot-restore = không khôi phục được bản trang trước từ { $path }
out-cannot-remove-leftover = không xoá được phần còn sót { $path }
out-cannot-move = không chuyển được trang mới vào { $path }
out-cannot-keep-hidden = không chuyển được các tệp ẩn của bản trước vào { $path }
out-cannot-keep = không giữ lại được { $path }
out-cannot-replace = không thay thế được { $path }
out-cannot-remove-previous = không xoá được bản trang trước trong { $path }
watch-limit = không theo dõi được thay đổi của { $path }: đã chạm giới hạn số thư mục được theo dõi của hệ thống ({ $error }); hãy nâng giới hạn (ví dụ `sudo sysctl fs.inotify.max_user_watches=524288`) rồi chạy lại blocpress serve
watch-failed = không theo dõi được thay đổi của { $path }: { $error }
watch-error = lỗi khi theo dõi thay đổi: { $error }
watch-polling = cảnh báo: đã chạm giới hạn số thư mục được theo dõi của hệ thống; chuyển sang kiểm tra tệp mỗi { $ms } ms (nâng giới hạn bằng `sudo sysctl fs.inotify.max_user_watches=524288` để cập nhật tức thì)

## More YAML line checks

E035 = “{ $written }” thiếu dấu hai chấm: viết theo dạng khoá: giá trị, hoặc xoá dòng này
E036 = “{ $written }”: dấu nháy đóng lại trước khi hết giá trị; đặt cả giá trị trong loại ngoặc kia: { $fixed }
E037 = dấu “{ $bracket }” thừa, không đóng cái gì: hãy xoá (hoặc thêm dấu mở ở đầu danh sách)
E038 = “{ $written }” có dấu hai chấm và dấu cách (`: `) nên bị đọc thành khoá và giá trị; đặt cả câu trong dấu ngoặc kép: { $fixed }
