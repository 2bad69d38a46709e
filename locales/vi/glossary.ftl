## Bảng thuật ngữ: mỗi khái niệm một tên, dùng chung cho trang web, văn bản Word, bảng tính
## Excel và biểu mẫu (SPEC Phần 3, "One truth in every output"). Sửa một thuật ngữ ở đây là
## sửa ở mọi nơi.

# Số liệu của kỳ báo cáo
term-number = STT
term-member = Đơn vị
term-metric = Chỉ tiêu
term-unit = Đơn vị tính
term-value = Kết quả
term-previous = Kỳ trước
term-change = Tăng, giảm
term-vs-previous = So với kỳ trước
term-year-earlier = Cùng kỳ năm trước
term-vs-year-earlier = So với cùng kỳ năm trước
term-target = Kế hoạch
term-target-next = Kế hoạch kỳ sau
term-target-percent = Tỷ lệ đạt kế hoạch
term-year-target = Kế hoạch năm
term-year-target-percent = Tỷ lệ đạt kế hoạch năm
term-sum = Cộng
term-mean = Bình quân
term-qualifier = Số gần đúng
term-sample = Số liệu mẫu
term-sample-short = mẫu
term-sample-values = Giá trị là số liệu mẫu
term-this-period = kỳ này
term-increase = tăng
term-decrease = giảm
term-unchanged = không đổi
term-percentage-points = điểm phần trăm
term-percentage-points-short = điểm %
term-note = Ghi chú
term-not-reported = Chưa báo cáo
term-not-reported-members = Đơn vị chưa báo cáo
term-highlights = Điểm nổi bật
# Chấm điểm
term-group = Nhóm
term-criterion = Tiêu chí
term-max = Điểm tối đa
term-subtotal = Cộng
term-self = Tự chấm
term-agreed = Khối chấm
term-difference = Chênh lệch
term-adjustments = Điểm thưởng (+), điểm trừ (−)
term-reason = Lý do
term-total-score = Tổng điểm
term-rank = Xếp hạng
term-tied = đồng hạng
term-award = Khen thưởng
term-award-proposed = Đề nghị tặng
term-award-granted = Được tặng
term-decision = Quyết định khen thưởng
term-points = điểm
term-tie-break = Khi bằng tổng điểm, xét lần lượt điểm của
# Các phần của báo cáo (đánh số như nhau trên trang web và văn bản Word)
term-bloc-results = Tổng hợp các chỉ tiêu chung của Khối
term-members-results = Kết quả của các đơn vị thành viên
term-scoring-results = Kết quả chấm điểm thi đua
term-common-tasks = Nhiệm vụ chung của Khối
term-members-tasks = Nhiệm vụ của các đơn vị thành viên
# Vai trò trong Khối
term-leader = Khối trưởng
term-deputy = Khối phó
