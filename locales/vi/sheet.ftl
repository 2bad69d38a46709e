## blocpress sheet: biểu mẫu Excel gửi các đơn vị và nhận lại (issue 13).

## Chữ trên biểu mẫu.

sheet-form-sheet = Số liệu
sheet-form-title = BIỂU MẪU BÁO CÁO SỐ LIỆU THI ĐUA
sheet-form-member = Đơn vị: { $member } — Kỳ báo cáo: { $period }
sheet-form-instructions = Hướng dẫn: chỉ điền vào các ô nền vàng. Cột “Kết quả kỳ này” ghi số liệu của đơn vị; số viết liền, không dùng dấu chấm hay dấu phẩy ngăn cách hàng nghìn (gõ 1080, không gõ 1.080); số thập phân gõ bằng dấu thập phân của máy (thường là dấu phẩy: 95,5). Cột “Ghi chú” ghi giải thích cho từng số liệu (nếu có). Không thêm, xoá, di chuyển, gộp hay ẩn dòng, cột. Lưu lại dạng .xlsx và gửi cho Thư ký Khối; có thể đổi tên tệp.
sheet-col-no = { term-number }
sheet-col-metric = { term-metric }
sheet-col-unit = { term-unit }
sheet-col-previous = { term-previous } ({ $period })
sheet-col-target = { term-target } kỳ này
sheet-col-year-target = { term-year-target }
sheet-col-result = { term-value } kỳ này
sheet-col-next-target = { term-target-next }
sheet-col-note = { term-note }
sheet-section-summary = I. TÓM TẮT KẾT QUẢ CÔNG TÁC THI ĐUA
sheet-section-highlights = II. KẾT QUẢ NỔI BẬT (mỗi ô ghi một ý)
sheet-section-plans = III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ SAU (mỗi ô ghi một ý)
sheet-validation-title = Số liệu chưa đúng
sheet-validation-count = Nhập số nguyên (không có phần thập phân), { $range }.
sheet-validation-percent = Nhập tỷ lệ phần trăm, { $range }.
sheet-validation-number = Nhập một con số, { $range }.
sheet-validation-score = Nhập điểm từ 0 đến { $max }, tối đa hai chữ số thập phân.
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
sheet-import-refused = Không ghi tệp nào: { $counts }. Sửa các ô được nêu trong biểu mẫu rồi nhập lại tất cả
sheet-import-check-failed = Không ghi tệp nào: nếu nhập, trang sẽ có lỗi ({ $counts })
sheet-import-dry-run = Chạy thử: { $files } tệp sẽ được ghi; chưa ghi tệp nào
sheet-import-done = Đã ghi { $files } tệp vào content/; chạy “blocpress build” để cập nhật trang
sheet-file-unchanged = { $file }: không có gì thay đổi (biểu mẫu { $form })
sheet-file-updated = { $file }: cập nhật theo biểu mẫu { $form }
sheet-file-created = { $file }: tạo mới theo biểu mẫu { $form }
sheet-change-line =   • { $change }
sheet-changed-value = { $key }: { $old } → { $new }
sheet-changed-target = chỉ tiêu kỳ sau { $key }: { $old } → { $new }
sheet-changed-note = ghi chú của { $key }
sheet-changed-text = { $field } (phần tóm tắt)
sheet-changed-list = { $field }: { $items } ý
sheet-changed-scores = { $field }: { $members }

## Lỗi khi đọc biểu mẫu (E350–E372) và cảnh báo (W350).

E350 = không mở được tệp này như một bảng tính Excel (.xlsx): { $error }. Mở tệp bằng Excel hoặc LibreOffice rồi “Lưu thành” dạng .xlsx
E351 = tệp này không phải biểu mẫu do blocpress tạo (thiếu trang ẩn “blocpress”): dùng biểu mẫu từ lệnh “blocpress sheet export”
E352 = biểu mẫu này thuộc trang “{ $form_site }”, không phải trang “{ $site }”: dùng biểu mẫu xuất từ chính trang này
E353 = biểu mẫu ghi đơn vị “{ $member }”, nhưng trang không có đơn vị này: xuất lại biểu mẫu bằng “blocpress sheet export”
E354 = tiêu đề cột phải là “{ $expected }” nhưng đang là “{ $found }”: có cột đã bị xoá hoặc di chuyển; dùng lại biểu mẫu gốc và không thêm, xoá cột
E355 = dòng này phải là “{ $expected }” nhưng đang là “{ $found }”: có dòng đã bị xoá hoặc di chuyển; dùng lại biểu mẫu gốc và không thêm, xoá dòng
E356 = ô kết quả nằm trong vùng ô đã gộp { $range }: bỏ gộp ô (Merge & Center) rồi ghi lại số liệu vào đúng ô
E357 = ô kết quả nằm trong dòng hoặc cột đang bị ẩn: bỏ ẩn (Unhide), kiểm tra lại số liệu rồi lưu
E358 = ô có công thức { $formula } nhưng không lưu kết quả tính: mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi gửi; hoặc gõ thẳng con số vào ô
E359 = ô chứa chữ “{ $text }”, không phải con số: gõ lại con số vào ô (không có chữ, không có dấu ngăn cách hàng nghìn) { $fix }
E360 = ô chứa chữ “{ $text }” chứ không phải con số: viết số liền, không có dấu chấm ngăn cách hàng nghìn: gõ { $fix }
E361 = ô chứa chữ “{ $text }” chứ không phải con số (máy đang dùng dấu chấm cho số thập phân): gõ { $fix }
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
W350 = chú thích (#) trong phần “{ $key }” không giữ được khi ghi lại phần này: kiểm tra và chép lại chú thích nếu cần
