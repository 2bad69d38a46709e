## Issue 17: độ tin cậy — hai lần tạo trang cùng lúc, mẫu chạy không dứt, ký tự XML cấm, dạng Unicode.

E600 = đang có một lần tạo trang khác ghi vào thư mục này (khóa { $lock }); đã chờ { $seconds } giây mà chưa xong. Hãy đợi lần kia chạy xong (hoặc tắt cửa sổ đang chạy blocpress build) rồi chạy lại
E601 = có ký tự điều khiển { $char } ở phần thông tin đầu tệp (tiêu đề, ngày, thẻ…); ký tự này không hiện ra nhưng làm hỏng tệp tin tức atom.xml. Thường do Shift+Enter trong Word hoặc dán từ Word: hãy xóa chỗ đó và gõ lại
W600 = { $count ->
    [one] đã thay ký tự điều khiển { $char } trong bài bằng dấu cách
   *[other] đã thay { $count } ký tự điều khiển (đầu tiên là { $char }) trong bài bằng dấu cách
  } (thường do Shift+Enter trong Word); nên xóa trong tệp cho sạch
