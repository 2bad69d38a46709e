## Văn bản hành chính (.docx) và bảng tính (.xlsx): mã E300–E349, W300–W349.

E300 = ngày ký “{ $value }” không đúng: viết theo dạng NĂM-THÁNG-NGÀY, ví dụ signed: 2013-06-21
E301 = không tạo được tệp { $file }: { $error }
E302 = `extra.sample` của văn bản là { $value }, không rõ nghĩa: ghi `true` (cả văn bản là mẫu, không có thật), `false`, hoặc danh sách các mục là mẫu, ví dụ [number, date] (số và ngày văn bản do người nhập tự đặt)
W300 = chưa khai báo { $key } nên chưa tạo được văn bản Word (.docx) để tải về; bảng tính Excel vẫn được tạo. Hãy bổ sung mục documents: với issuer, place và signer (xem: blocpress explain W300)

## Links and labels of the downloads (non-diagnostic).

xlsx-sheet-figures = Số liệu
xlsx-sheet-scores = Bảng điểm
xlsx-sheet-criteria = Tiêu chí
xlsx-number = STT
xlsx-association = Đơn vị
xlsx-association-slug = Mã đơn vị
xlsx-metric = Chỉ tiêu
xlsx-metric-key = Mã chỉ tiêu
xlsx-unit = Đơn vị tính
xlsx-value = Kết quả
xlsx-previous = Kỳ trước
xlsx-target-next = Chỉ tiêu kỳ sau
xlsx-sample = Số liệu mẫu
xlsx-yes = có
xlsx-max = Điểm chuẩn
xlsx-adjustments = Điểm cộng, trừ
xlsx-total = Tổng điểm
xlsx-rank = Xếp hạng
xlsx-award = Khen thưởng
xlsx-group = Nhóm tiêu chí
xlsx-criterion-id = Mã tiêu chí
xlsx-criterion = Tiêu chí
