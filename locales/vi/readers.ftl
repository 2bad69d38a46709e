## Bạn đọc: địa chỉ cũ (aliases), ngày cập nhật (updated).

E500 = địa chỉ cũ “{ $alias }” không dùng được: hãy viết đường dẫn trong trang, bắt đầu bằng “/”, chỉ gồm chữ, số và dấu “-”, ví dụ /news/ten-tin-cu/
E501 = địa chỉ cũ “{ $alias }” trùng với trang { $page } đang có: hãy xoá dòng này khỏi “aliases”, vì trang đó sẽ bị thay bằng trang chuyển hướng
E502 = địa chỉ cũ “{ $alias }” đã được khai báo trong { $other }: mỗi địa chỉ cũ chỉ chuyển về một tin, hãy xoá ở một trong hai tệp
E503 = ngày cập nhật “{ $value }” không đúng: hãy viết theo dạng NĂM-THÁNG-NGÀY, ví dụ 2013-06-25
E504 = ngày cập nhật { $updated } sớm hơn ngày đăng { $date }: hãy kiểm tra lại, ngày cập nhật phải bằng hoặc sau ngày đăng
