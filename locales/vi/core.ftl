## Labels and summaries shared by every command.

label-error = lỗi
label-warning = cảnh báo
summary-counts = { $errors } lỗi, { $warnings } cảnh báo
hint-did-you-mean = ; có phải ý bạn là “{ $word }”?

## Transitional: messages whose words are not in the catalogue yet.

E000 = { $text }
W000 = { $text }

## Command summaries.

check-failed = Kiểm tra không đạt: { $counts }
check-passed = Kiểm tra đạt: { $counts }
build-done = Đã tạo { $files } tệp ({ $news } tin) vào { $output } trong { $ms } ms{ $warnings }
build-failed = Không tạo được trang: { $counts }; bản trang đã xuất bản trước đó vẫn giữ nguyên
failed-io = lỗi: { $error }
new-site-has-errors = Chưa ghi tệp nào: hãy sửa các lỗi của trang trước ({ $counts })

## blocpress explain

explain-unknown = Không có mã “{ $code }”: mã viết như trong thông báo, ví dụ E012 hoặc W003 (xem docs/errors.md)
explain-wrong = Viết sai:
explain-right = Viết đúng:
explain-fix = Cách sửa:
