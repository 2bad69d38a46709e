## Issue 17: độ tin cậy — hai lần tạo trang cùng lúc, mẫu chạy không dứt, ký tự XML cấm, dạng Unicode.

E600 = đang có một lần tạo trang khác ghi vào thư mục này (khóa { $lock }); đã chờ { $seconds } giây mà chưa xong. Hãy đợi lần kia chạy xong (hoặc tắt cửa sổ đang chạy blocpress build) rồi chạy lại
