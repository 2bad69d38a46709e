## Ảnh và văn bản (issue 14): mã E400–E449, W400–W449.

E400 = liên kết hoặc ảnh “{ $target }” trỏ tới một tệp không có trong trang: hãy chép tệp vào thư mục { $folder }, hoặc sửa lại đường dẫn cho đúng tên tệp
E401 = mục “{ $field }” trỏ tới tệp “{ $target }” không có trong trang: hãy chép tệp vào thư mục static/ hoặc đặt cạnh tệp này, hoặc sửa lại đường dẫn cho đúng tên tệp
E402 = không đọc được ảnh này ({ $error }): tệp bị hỏng hoặc không phải ảnh JPEG, PNG, WebP, GIF; hãy mở ảnh bằng máy tính rồi lưu lại thành JPEG, hoặc thay bằng ảnh khác
E403 = không ghi được ảnh đã xử lý vào bộ nhớ đệm .blocpress-cache ({ $error }): hãy kiểm tra quyền ghi và dung lượng đĩa của thư mục trang
E404 = văn bản thiếu mục “{ $field }”: hãy thêm dòng “{ $field }: …” vào phần đầu tệp
E405 = ngày ban hành “{ $value }” không đúng: hãy viết theo dạng năm-tháng-ngày, ví dụ 2014-01-10
E406 = kỳ “{ $value }” không có trong trang: hãy viết đúng mã kỳ, ví dụ "2014" hoặc "2014-h1"
E407 = đơn vị “{ $value }” không có trong Khối: hãy viết đúng tên viết tắt (slug) của đơn vị, như tên thư mục trong content/associations/
E410 = “{ $target }” dẫn ra ngoài thư mục nội dung: tệp đặt cạnh nội dung phải nằm trong content/ (ảnh đặt cạnh tệp tin bài, hoặc trong một thư mục con); hãy chép tệp vào đó, hoặc đặt vào static/ và viết đường dẫn bắt đầu bằng /
E411 = tệp này sẽ được đăng ở { $url }, nơi đã có tệp { $other }: hãy đổi tên một trong hai tệp
E412 = ảnh định dạng { $format } chưa đăng được: trình duyệt trên máy tính không mở được loại ảnh này, và tệp còn giữ thông tin vị trí GPS; hãy chuyển ảnh sang JPEG (trên iPhone: Cài đặt > Camera > Định dạng > Tương thích nhất; ảnh gửi qua Zalo đã là JPEG), rồi sửa đuôi tên ảnh trong bài thành .jpg
W400 = ảnh gốc nặng { $size }, trên 5 MB: trang vẫn được tạo (ảnh được thu nhỏ tự động), nhưng nên chép ảnh nhỏ hơn để kho nội dung gọn nhẹ

## Tổng kết xử lý ảnh.

images-summary = Ảnh: { $processed } ảnh xử lý mới, { $cached } ảnh lấy lại từ bộ nhớ đệm

## Documents: names and places.

E408 = không tạo được địa chỉ trang từ tên tệp này: đổi tên tệp cho có chữ, hoặc ghi `slug:` ở phần thông tin đầu bài
E409 = một văn bản khác đã có địa chỉ /documents/{ $slug }/: đổi tên một trong hai tệp
W401 = thư mục content/documents/ chỉ đọc tệp `.md`; tệp này bị bỏ qua (tệp PDF đặt trong static/files/)
