## Issue 17: độ tin cậy — hai lần tạo trang cùng lúc, mẫu chạy không dứt, ký tự XML cấm, dạng Unicode.

E600 = đang có một lần tạo trang khác ghi vào thư mục này (khoá { $lock }); đã chờ { $seconds } giây mà chưa xong. Hãy đợi lần kia chạy xong (hoặc tắt cửa sổ đang chạy blocpress build) rồi chạy lại
E601 = có ký tự điều khiển { $char } ở phần thông tin đầu tệp (tiêu đề, ngày, thẻ…); ký tự này không hiện ra nhưng làm hỏng tệp tin tức atom.xml. Thường do Shift+Enter trong Word hoặc dán từ Word: hãy xoá chỗ đó và gõ lại
W600 = { $count ->
    [one] đã thay ký tự điều khiển { $char } trong bài bằng dấu cách
   *[other] đã thay { $count } ký tự điều khiển (đầu tiên là { $char }) trong bài bằng dấu cách
  } (thường do Shift+Enter trong Word); nên xoá trong tệp cho sạch
E602 = mẫu giao diện { $template } chạy quá { $ms } ms khi tạo trang { $page } nên đã bị dừng: trong mẫu có vòng lặp quá lớn hoặc không dứt (ví dụ hai vòng range lồng nhau). Hãy sửa vòng lặp đó trong mẫu; trang đã xuất bản trước đó vẫn giữ nguyên
E603 = mẫu giao diện { $template } viết ra hơn { $mib } MiB ({ $bytes } byte) cho trang { $page } nên đã bị dừng: trong mẫu có vòng lặp in ra quá nhiều. Hãy sửa vòng lặp đó trong mẫu; trang đã xuất bản trước đó vẫn giữ nguyên
E604 = mã tiêu chí { $id } viết không có dấu ngoặc kép nên bị đọc thành số (1.10 thành 1.1, trùng với 1.1): hãy viết trong dấu ngoặc kép, “{ $id }”
E605 = địa chỉ trang { $url } có tên đăng nhập hoặc mật khẩu (phần trước dấu @): nếu để vậy, mật khẩu sẽ hiện trên mọi trang và trong atom.xml. Hãy bỏ phần “tên:mật-khẩu@”, chỉ để địa chỉ như https://thidua.laichau.gov.vn/khoi/
E606 = tệp tĩnh này nằm trong thư mục kết quả { $output } (qua một liên kết tắt – symlink); nếu chép, mỗi lần tạo trang thư mục kết quả sẽ lồng vào chính nó thêm một tầng. Hãy xoá liên kết tắt đó trong static/
E607 = không đọc được tệp tĩnh này ({ $error }); hãy kiểm tra quyền đọc của tệp (hoặc chép lại tệp), rồi chạy lại
