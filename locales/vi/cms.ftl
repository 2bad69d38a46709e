## Soạn thảo trên trình duyệt (/admin/): thiết lập `cms:` và lưu từ trang quản trị.

E450 = cms.backend “{ $value }” chưa được hỗ trợ: hiện chỉ dùng được `backend: github`
E451 = cms.repo “{ $value }” chưa đúng dạng: ghi tên kho trên GitHub theo dạng CHỦ-SỞ-HỮU/TÊN-KHO, ví dụ `khoi-thi-dua/trang-khoi`
E452 = cms.branch “{ $value }” không phải tên nhánh hợp lệ: ghi tên nhánh như `main`
E453 = Không ghi được tệp của trang quản trị: { $error }
E454 = Trang quản trị không được đọc hoặc ghi “{ $path }”: chỉ được sửa tin, trang, sơ kết, số liệu, hồ sơ hội, giao ước, chấm điểm và ảnh trong static/images/ (ảnh dạng png, jpg, gif, webp, avif hoặc tệp pdf)
E455 = Chưa có hội “{ $member }” trong content/associations/: tạo thư mục hồ sơ của hội trước rồi mới nhập số liệu
E456 = Tệp tải lên lớn hơn { $limit } MB: thu nhỏ ảnh (chiều rộng khoảng 1600 điểm ảnh là đủ) rồi tải lên lại
E457 = Tệp lớn hơn { $limit } MB: chia nội dung thành nhiều tệp nhỏ hơn
E458 = Yêu cầu gửi đến trang quản trị thiếu hoặc sai mục “{ $param }”: tải lại trang quản trị (F5) rồi làm lại
E459 = “{ $value }” không phải một ngày có thật: gõ theo dạng ngày/tháng/năm, ví dụ { $example }

## Thông báo của trang quản trị (không phải lỗi nội dung).

cms-not-saved = Chưa lưu, vì tệp sẽ bị lỗi khi kiểm tra. Sửa các mục sau rồi bấm Lưu lại:
cms-no-config = Chưa tạo được cấu hình trang quản trị vì site.yaml đang có lỗi: chạy `blocpress check` để xem và sửa.
cms-loopback-only = Chỉ soạn thảo được trên chính máy chạy blocpress serve (mở http://127.0.0.1:… trên máy đó).
cms-foreign-origin = Yêu cầu không đến từ trang quản trị của máy này nên bị từ chối.
cms-not-json = Yêu cầu gửi đến trang quản trị không đúng định dạng JSON.
