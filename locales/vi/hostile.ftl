## Issue 22: tệp độc hại bị chặn (ảnh quá lớn, tệp chạy được, mẫu giao diện ăn bộ nhớ, lỗi hệ thống). Mã E610–E659, W610–W629.

E610 = ảnh này ghi kích thước { $width }×{ $height } điểm ảnh (khoảng { $megapixels } megapixel), vượt giới hạn 100 megapixel và 20000 điểm ảnh mỗi cạnh: ảnh như vậy không phải ảnh chụp bình thường, có thể là tệp hỏng hoặc tệp cố ý làm treo máy. Hãy thu nhỏ ảnh (dưới 8000 điểm ảnh mỗi cạnh là đủ) hoặc thay bằng ảnh khác
E611 = xử lý ảnh này cần khoảng { $needed } MB bộ nhớ, nhiều hơn mức dành cho ảnh ({ $budget } MB, khoá images.memory trong site.yaml). Hãy thu nhỏ ảnh, hoặc tăng images.memory nếu máy đủ bộ nhớ (ví dụ images: {"{"} memory: 1 GB {"}"})
E612 = ảnh định dạng { $format } chưa đăng được: blocpress không xoá được thông tin đi kèm trong loại ảnh này (có thể có vị trí GPS nơi chụp). Hãy chuyển ảnh sang JPEG, PNG hoặc WebP (mở ảnh rồi lưu lại), rồi sửa đuôi tên ảnh trong bài
E613 = images.memory “{ $value }” không dùng được: hãy ghi số megabyte, ít nhất { $min }, ví dụ 256 MB hoặc 1 GB
E614 = { $error }
E620 = ảnh SVG này có { $what } ({ $element }): mở riêng trong trình duyệt, nó sẽ chạy như một trang web (có thể sửa số liệu qua trình biên tập). Hãy xoá phần đó khỏi tệp, hoặc lưu hình thành PNG
E621 = ảnh SVG này không phải XML đúng cú pháp ở chỗ này: trình duyệt sẽ báo lỗi thay vì hiện hình, và blocpress không kiểm tra được bên trong. Hãy xuất lại tệp SVG từ chương trình vẽ, hoặc lưu hình thành PNG
E622 = tệp này là loại trình duyệt mở ra như một trang web hoặc chạy như chương trình (.html, .xhtml, .shtml, .js, XML có định dạng…): tệp đặt cạnh bài không được đăng, vì nó có thể điều khiển trình biên tập. Nếu thật sự cần, hãy đặt vào static/ (người quản lý trang chịu trách nhiệm); nếu là văn bản, hãy lưu thành PDF
E623 = ảnh SVG nén (.svgz) không kiểm tra được bên trong nên không được đăng: hãy lưu thành .svg thường (hoặc PNG)
E624 = tên tệp hoặc thư mục này có ký tự điều khiển { $char } (ở đây hiện là �): ký tự này không nhìn thấy nhưng làm hỏng địa chỉ trang và tệp atom.xml, nên tệp không được đọc. Hãy đổi tên tệp, gõ lại tên cho sạch
E630 = mẫu giao diện { $template } dùng quá { $mib } MiB bộ nhớ khi tạo trang { $page } nên đã bị dừng: trong mẫu có giá trị lớn dần không dứt (ví dụ nối một chuỗi với chính nó trong vòng lặp). Hãy sửa vòng lặp đó trong mẫu; trang đã xuất bản trước đó vẫn giữ nguyên
W610 = thẻ “{ $tag }” chỉ khác thẻ “{ $shown }” ở chữ hoa, chữ thường hoặc dấu nên được gộp làm một thẻ “{ $shown }”: hãy viết thẻ giống nhau ở mọi bài cho khỏi nhầm

image-truncated = tệp ảnh bị cắt cụt, có lẽ chép hoặc tải về chưa xong
image-corrupt = dữ liệu bên trong ảnh bị hỏng
image-not-an-image = tệp không phải ảnh JPEG, PNG, WebP hay GIF, dù tên có đuôi như ảnh
image-wrong-name = đuôi tên tệp không khớp loại ảnh (ảnh GIF phải có đuôi .gif và chỉ ảnh GIF mới có đuôi này)
image-encoder = không ghi được bản thu nhỏ của ảnh

io-reason-not-found = không có tệp hoặc thư mục này
io-reason-permission = không có quyền đọc hoặc ghi
io-reason-no-space = ổ đĩa đã đầy
io-reason-read-only = ổ đĩa chỉ cho đọc, không cho ghi
io-reason-busy = tệp hoặc thư mục đang được chương trình khác dùng
io-reason-name-too-long = tên tệp quá dài
io-reason-is-folder = đây là một thư mục, không phải tệp
io-reason-not-folder = một phần của đường dẫn là tệp, không phải thư mục
io-reason-exists = đã có tệp hoặc thư mục trùng tên
io-reason-truncated = tệp bị cắt cụt
io-reason-invalid-data = dữ liệu trong tệp không đọc được
io-reason-cross-device = không chuyển được tệp sang ổ đĩa khác
io-reason-link-loop = lối tắt (symlink) trỏ vòng quanh
io-reason-too-many-open = đang mở quá nhiều tệp cùng lúc
io-reason-device = lỗi đọc ghi của ổ đĩa
io-reason-system = lỗi hệ thống số { $code }
io-reason-unknown = lỗi đọc ghi không rõ nguyên nhân

svg-active-element = một phần tử chạy mã hoặc chứa cả một trang
svg-active-handler = một lệnh chạy khi có sự kiện (on…)
svg-active-reference = một liên kết tới thứ nằm ngoài tệp
svg-unreadable = chỗ không đọc được

serve-runaway = đã bỏ dở lần tạo lại trang này: một mẫu giao diện chạy không dứt hoặc dùng quá nhiều bộ nhớ (lỗi bên dưới). Trang đang xem vẫn là bản tốt gần nhất; lần lưu tệp tiếp theo sẽ tạo lại toàn bộ trang

io-cannot-read-file = không đọc được { $path }
io-cannot-remove = không xoá được { $path }
io-cannot-create-lock = không tạo được tệp khoá { $path }
io-cannot-lock = không khoá được { $path }
