## blocpress sheet: biểu mẫu Excel gửi các đơn vị và nhận lại (issue 13).

## Chữ trên biểu mẫu.

sheet-form-sheet = Số liệu
sheet-form-title = BIỂU MẪU BÁO CÁO SỐ LIỆU THI ĐUA
sheet-form-member = Đơn vị: { $member } — Kỳ báo cáo: { $period }
sheet-form-instructions = Hướng dẫn: chỉ điền vào các ô nền vàng; biểu mẫu đã ghi sẵn số liệu trang đang có. Cột “Kết quả kỳ này” ghi số liệu của đơn vị: số viết liền, không dùng dấu chấm hay dấu phẩy ngăn cách hàng nghìn (gõ 1080, không gõ 1.080); số thập phân gõ bằng dấu thập phân của máy (thường là dấu phẩy: 95,5). Số chưa chính xác thì chọn “hơn”, “khoảng”, “gần” hoặc “dưới” ở cột bên cạnh. Ô để trống: giữ nguyên số liệu trang đang có; muốn xoá một số liệu hay một ý thì gõ dấu trừ (-) vào ô. Cột “Ghi chú” ghi giải thích cho từng số liệu (nếu có). Không thêm, xoá, di chuyển, gộp hay ẩn dòng, cột; không ghi gì bên ngoài biểu mẫu. Lưu lại dạng .xlsx và gửi cho Thư ký Khối; có thể đổi tên tệp.
sheet-col-no = { term-number }
sheet-col-metric = { term-metric }
sheet-col-unit = { term-unit }
sheet-col-previous = { term-previous } ({ $period })
sheet-col-target = { term-target } kỳ này
sheet-col-year-target = { term-year-target }
sheet-col-result = { term-value } kỳ này
sheet-col-qualifier = { term-qualifier } (hơn, khoảng, gần, dưới)
sheet-col-next-target = { term-target-next }
sheet-col-note = { term-note }
sheet-section-summary = I. TÓM TẮT KẾT QUẢ CÔNG TÁC THI ĐUA
sheet-section-highlights = II. KẾT QUẢ NỔI BẬT (mỗi ô ghi một ý)
sheet-section-plans = III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ SAU (mỗi ô ghi một ý)
sheet-validation-title = Số liệu chưa đúng
sheet-validation-count = Nhập số nguyên (không có phần thập phân), { $range }; hoặc dấu trừ (-) để xoá số liệu đã có.
sheet-validation-percent = Nhập tỷ lệ phần trăm, { $range }; hoặc dấu trừ (-) để xoá số liệu đã có.
sheet-validation-number = Nhập một con số, { $range }; hoặc dấu trừ (-) để xoá số liệu đã có.
sheet-validation-score = Nhập điểm từ 0 đến { $max }, tối đa hai chữ số thập phân.
sheet-validation-dong = Nhập số tiền nguyên đồng (không có phần lẻ), { $range }; hoặc dấu trừ (-) để xoá số liệu đã có.
sheet-validation-qualifier = Chọn “hơn”, “khoảng”, “gần” hoặc “dưới”; để trống nếu số liệu là số chính xác.
sheet-qualifier-over = hơn
sheet-qualifier-about = khoảng
sheet-qualifier-nearly = gần
sheet-qualifier-under = dưới
sheet-range-min = từ { $min } trở lên
sheet-range-between = từ { $min } đến { $max }
sheet-scoring-sheet = Chấm điểm
sheet-scoring-title = BẢNG CHẤM ĐIỂM THI ĐUA — { $period }
sheet-scoring-instructions = Hướng dẫn: mỗi đơn vị có hai cột: “Tự chấm” (điểm đơn vị tự đánh giá) và “Khối chấm” (điểm Khối thống nhất). Chỉ điền vào các ô nền vàng, điểm không vượt quá điểm tối đa của tiêu chí. Đơn vị chưa chấm thì để trống cả cột. Không thêm, xoá, di chuyển dòng, cột.
sheet-col-criterion-id = Mã
sheet-col-criterion = { term-criterion }
sheet-col-max = { term-max }
sheet-col-self = { term-self }
sheet-col-agreed = { term-agreed }
sheet-total = { term-total-score }

## Lời báo của lệnh.

sheet-site-has-errors = Chưa làm được biểu mẫu: trang đang có lỗi ({ $counts }); sửa các lỗi trên rồi chạy lại
sheet-bad-period = “{ $period }” không phải mã kỳ báo cáo: viết như 2014-h1 (6 tháng đầu năm), 2014-h2 (6 tháng cuối năm) hoặc 2014 (cả năm)
sheet-export-failed = Chưa ghi biểu mẫu nào: { $counts }
sheet-exported = Đã tạo { $file }
sheet-export-done = Đã tạo { $files } biểu mẫu trong { $folder }; gửi cho các đơn vị, nhận lại rồi chạy “blocpress sheet import” với các tệp nhận được
sheet-import-refused = Không ghi tệp nào: { $counts }. { $fix }
sheet-import-check-failed = Không ghi tệp nào: nếu nhập, trang sẽ có lỗi ({ $counts })
sheet-import-dry-run = Chạy thử: { $files } tệp sẽ được ghi; chưa ghi tệp nào
sheet-import-done = Đã ghi { $files } tệp vào content/; chạy “blocpress build” để cập nhật trang
sheet-file-unchanged = { $file }: không có gì thay đổi (biểu mẫu { $form })
sheet-file-updated = { $file }: cập nhật theo biểu mẫu { $form }
sheet-file-created = { $file }: tạo mới theo biểu mẫu { $form }
sheet-change-line = { "  " }• { $change }
sheet-changed-value = { $label }: { $old } → { $new }
sheet-changed-target = chỉ tiêu kỳ sau, { $label }: { $old } → { $new }
sheet-changed-note = ghi chú của “{ $label }”: “{ $note }”
sheet-changed-list = { $section }: { $changes }
sheet-changed-scores = { $field }: { $members }
sheet-removed-scores = { $field }: xoá điểm của { $members }
sheet-field-scores = điểm Khối chấm
sheet-field-self-scores = điểm tự chấm
sheet-none = chưa có
sheet-removed-value = { $label }: xoá { $old } (ô { $cell } ghi “-”)
sheet-removed-target = chỉ tiêu kỳ sau, { $label }: xoá { $old }
sheet-removed-note = xoá ghi chú của “{ $label }”
sheet-changed-summary = phần tóm tắt: viết lại
sheet-removed-summary = xoá phần tóm tắt
sheet-list-highlights = kết quả nổi bật
sheet-list-plans = phương hướng kỳ sau
sheet-item-edited = sửa ý { $n }
sheet-item-added = thêm ý { $n }
sheet-item-removed = xoá ý { $n }
sheet-kept-empty = { "  " }• để trống nên giữ nguyên số liệu đã có: { $cells }
sheet-kept-target = chỉ tiêu kỳ sau của “{ $label }” ({ $cell })
sheet-kept-note = ghi chú của “{ $label }” ({ $cell })
sheet-kept-summary = phần tóm tắt ({ $cell })
sheet-kept-item = { $section }, ô { $cell }
sheet-import-nothing = Không có gì thay đổi: không ghi tệp nào
sheet-fix-cells = Sửa các ô được nêu trong biểu mẫu rồi nhập lại tất cả
sheet-fix-files = Sửa các lỗi trên rồi nhập lại tất cả
sheet-fix-duplicates = Mỗi đơn vị, mỗi kỳ chỉ giữ một bản (thường là bản gửi sau cùng) rồi nhập lại
sheet-damage-missing = thiếu phần này
sheet-damage-xml = nội dung không đọc được (từ byte { $position })
sheet-damage-reference = địa chỉ ô “{ $reference }” không có trong bảng tính
sheet-damage-string = ô { $cell } trỏ tới một dòng chữ không có trong tệp
sheet-registry-header =
    Các biểu mẫu Excel đã phát cho các đơn vị (lệnh “blocpress sheet export” tự ghi; không sửa tay).
    “blocpress sheet import” chỉ nhận biểu mẫu có mã (id) ghi ở đây, đúng đơn vị, đúng kỳ.
    Lưu tệp này cùng trang (không xoá); tệp không được đăng lên web.

## Lỗi khi đọc biểu mẫu (E350–E386) và cảnh báo (W350–W351).

E350 = không mở được tệp này như một bảng tính Excel (.xlsx): có thể là tệp .xls cũ, tệp có đặt mật khẩu, hoặc tệp bị hỏng. Mở tệp bằng Excel hoặc LibreOffice, bỏ mật khẩu nếu có, rồi “Lưu thành” dạng .xlsx
E351 = tệp này không phải biểu mẫu do blocpress tạo (thiếu trang ẩn “blocpress”): dùng biểu mẫu từ lệnh “blocpress sheet export”
E352 = { $same ->
    [yes] biểu mẫu này của một trang khác cũng tên “{ $site }”: trang có địa chỉ { $form_url }, còn trang này là { $site_url }; dùng biểu mẫu xuất từ chính trang này
   *[no] biểu mẫu này thuộc trang “{ $form_site }” ({ $form_url }), không phải trang “{ $site }” ({ $site_url }): dùng biểu mẫu xuất từ chính trang này
}
E353 = biểu mẫu ghi đơn vị “{ $member }”, nhưng trang không có đơn vị này: xuất lại biểu mẫu bằng “blocpress sheet export”
E354 = tiêu đề cột phải là “{ $expected }” nhưng đang là “{ $found }”: có cột đã bị xoá hoặc di chuyển; dùng lại biểu mẫu gốc và không thêm, xoá cột
E355 = dòng này phải là “{ $expected }” nhưng đang là “{ $found }”: có dòng đã bị xoá hoặc di chuyển; dùng lại biểu mẫu gốc và không thêm, xoá dòng
E356 = ô kết quả nằm trong vùng ô đã gộp { $range }: bỏ gộp ô (Merge & Center) rồi ghi lại số liệu vào đúng ô
E357 = ô kết quả nằm trong dòng hoặc cột đang bị ẩn: bỏ ẩn (Unhide), kiểm tra lại số liệu rồi lưu
E358 = ô có công thức { $formula } nhưng không lưu kết quả tính: mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi gửi; hoặc gõ thẳng con số vào ô
E359 = “{ $metric }”: ô chứa chữ “{ $text }”, không phải con số: gõ lại con số vào ô (không có chữ, không có dấu ngăn cách hàng nghìn) { $fix }
E360 = “{ $metric }”: ô chứa chữ “{ $text }” chứ không phải con số: viết số liền, không có dấu chấm ngăn cách hàng nghìn: gõ { $fix }
E361 = “{ $metric }”: ô chứa chữ “{ $text }” chứ không phải con số (máy đang dùng dấu chấm cho số thập phân): gõ { $fix }
E362 = “{ $metric }” là số đếm nên phải là số nguyên, không phải { $value }: ghi số nguyên
E363 = { $value } nằm ngoài giới hạn của “{ $metric }” (từ { $min } đến { $max }): kiểm tra lại số liệu
E364 = biểu mẫu này trùng đơn vị và kỳ với { $other }: chỉ nhập một bản cho mỗi đơn vị, mỗi kỳ
E365 = cột điểm của đơn vị đã có điểm ở các tiêu chí khác nhưng ô này để trống: chấm đủ mọi tiêu chí, hoặc để trống cả cột nếu chưa chấm
E366 = biểu mẫu thiếu trang “{ $sheet }” (trang đã bị đổi tên hoặc xoá): đặt lại tên trang như cũ hoặc dùng biểu mẫu gốc
E368 = tệp này đã có: có thể là bản đơn vị đã gửi lại; chuyển nó sang thư mục khác, hoặc chạy lại với --force để ghi đè
E369 = chưa có tiêu chí chấm điểm cho kỳ { $period }: tạo content/scoring/{ $period }.yaml có phần groups (hoặc một tệp chấm điểm của kỳ trước để dùng lại tiêu chí)
E370 = ghi chú của “{ $key }” phải là một đoạn chữ, không phải danh sách hay bảng: viết notes: { "{" } { $key }: nội dung ghi chú { "}" }
E371 = điểm { $value } có quá hai chữ số thập phân: làm tròn đến hai chữ số (ví dụ 9,75)
E372 = biểu mẫu có chỉ tiêu “{ $key }” mà trang không còn định nghĩa: xuất lại biểu mẫu, hoặc thêm lại chỉ tiêu vào metrics
E373 = biểu mẫu này làm bằng phiên bản blocpress cũ, cách trình bày nay đã khác: xuất biểu mẫu mới bằng “blocpress sheet export”, chép số liệu sang rồi nhập
E374 = biểu mẫu này (mã “{ $id }”) không có trong danh sách biểu mẫu đã phát của trang (forms.yaml): chỉ nhận biểu mẫu do chính trang này xuất ra; nếu tệp forms.yaml bị mất, lấy lại từ bản lưu của trang hoặc xuất biểu mẫu mới
E375 = biểu mẫu này được phát cho { $issued } (forms.yaml, ngày { $date }) nhưng dữ liệu ẩn trong tệp lại ghi { $found }: trang ẩn “blocpress” đã bị sửa; chỉ nhập đúng biểu mẫu đã phát cho đơn vị
E376 = tiêu đề biểu mẫu ghi “{ $heading }”, nhưng dữ liệu ẩn của biểu mẫu là của “{ $member }”: trang ẩn “blocpress” đã bị sửa; chỉ nhập đúng biểu mẫu đã phát cho đơn vị
E377 = cột này ghi tên “{ $heading }”, nhưng dữ liệu ẩn của cột là của “{ $member }”: trang ẩn “blocpress” đã bị sửa; dùng bảng chấm điểm gốc
E378 = không đọc được tệp forms.yaml (danh sách biểu mẫu đã phát): kiểm tra tệp còn đó và được phép đọc
E379 = tệp lớn hơn { $limit } MB, quá lớn để là một biểu mẫu (biểu mẫu chỉ vài chục KB): xoá ảnh hoặc dữ liệu dán thêm vào tệp, hoặc dùng lại biểu mẫu gốc
E380 = phần “{ $part }” của tệp khi giải nén lớn hơn { $limit } MB: đây không phải một biểu mẫu bình thường (có thể là tệp cố ý làm hỏng); không nhập tệp này, dùng lại biểu mẫu gốc
E381 = ô này nằm ngoài biểu mẫu nên sẽ không được đọc: chuyển nội dung vào đúng ô của biểu mẫu (giải thích thì ghi vào cột Ghi chú) hoặc xoá nó, rồi gửi lại
E382 = tệp bị hỏng ở phần “{ $part }”: { $reason }. Mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi nhập; hoặc dùng lại biểu mẫu gốc
E384 = “{ $metric }” tính bằng đồng nên phải là số nguyên, không phải { $value }: ghi { $fix }
E385 = “{ $metric }”: chữ “{ $text }” ở cột số gần đúng không phải một trong các chữ { $words }: chọn một chữ trong danh sách, hoặc để trống nếu là số chính xác
E386 = không có biểu mẫu (.xlsx) nào ở đây: kiểm tra lại tên tệp, tên thư mục hoặc mẫu tên (ví dụ nhan-ve hoặc "nhan-ve/*.xlsx")
W351 = ô chứa ký tự điều khiển { $char } (thường do dán từ Word: Shift+Enter) mà tệp Word, Excel không chứa được: đã thay bằng dấu cách; kiểm tra lại nội dung ô
W350 = chú thích (#) trong phần “{ $key }” không giữ được khi ghi lại phần này: kiểm tra và chép lại chú thích nếu cần
