## Bạn đọc: địa chỉ cũ (aliases), ngày cập nhật (updated).

E500 = địa chỉ cũ “{ $alias }” không dùng được: hãy viết đường dẫn trong trang, bắt đầu bằng “/”, chỉ gồm chữ, số và dấu “-”, ví dụ /news/ten-tin-cu/
E501 = địa chỉ cũ “{ $alias }” trùng với trang { $page } đang có: hãy xoá dòng này khỏi “aliases”, vì trang đó sẽ bị thay bằng trang chuyển hướng
E502 = địa chỉ cũ “{ $alias }” đã được khai báo trong { $other }: mỗi địa chỉ cũ chỉ chuyển về một tin, hãy xoá ở một trong hai tệp
E503 = ngày cập nhật “{ $value }” không đúng: hãy viết theo dạng NĂM-THÁNG-NGÀY, ví dụ 2013-06-25
E504 = ngày cập nhật { $updated } sớm hơn ngày đăng { $date }: hãy kiểm tra lại, ngày cập nhật phải bằng hoặc sau ngày đăng
E505 = địa chỉ cũ “{ $alias }” nằm ở chỗ blocpress dành riêng { $what }: hãy xoá dòng này khỏi “aliases”
E506 = địa chỉ cũ “{ $alias }” trùng với tệp { $file } của trang web: hãy xoá dòng này khỏi “aliases”, vì tệp đó sẽ bị thay bằng trang chuyển hướng

reserved-hidden = cho các tệp ẩn của thư mục kết quả (tên bắt đầu bằng dấu chấm, như .git, .nojekyll)
reserved-admin = cho trang soạn thảo /admin/
reserved-feed = cho bản tin Atom (atom.xml)
reserved-sitemap = cho sơ đồ trang (sitemap.xml)
reserved-robots = cho tệp robots.txt
reserved-notfound = cho trang báo không tìm thấy (404.html)
reserved-search = cho chức năng tìm kiếm /search/
