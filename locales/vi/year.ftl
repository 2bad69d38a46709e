## Cả năm của Khối: chấm điểm chéo, chấm điểm đang chuẩn bị, khen thưởng, đăng ký danh hiệu, họp Khối
## (E700–E779, W700–W719).

E700 = combine: “{ $value }” không phải cách tổng hợp điểm chấm chéo; ghi mean (trung bình cộng), median (trung vị) hoặc trimmed_mean (bỏ điểm cao nhất và thấp nhất)
E702 = { $association } đã có điểm thống nhất trong scores, lại được { $scorer } chấm trong cross_scores; mỗi đơn vị chỉ chấm theo một cách: xoá một trong hai
E703 = { $association } được chấm trong cross_scores nhưng lại có tên trong absent; xoá một trong hai
E704 = phiếu chấm của { $scorer } chưa có điểm của { $association } ở tiêu chí { $ids }: tiêu chí nào cũng phải có điểm
W700 = combine: trimmed_mean bỏ điểm cao nhất và thấp nhất của từng tiêu chí nên cần ít nhất ba phiếu chấm; các đơn vị sau có ít hơn nên điểm được tính bằng trung bình cộng: { $associations }
W701 = { $association } tự chấm mình trong cross_scores; theo exclude_self (mặc định) phiếu đơn vị tự chấm mình không được tính
W702 = bảng điểm kỳ { $period } chưa được công bố: { $associations } chưa có điểm chấm chéo và không có tên trong absent (tệp được giữ như bảng điểm đang chuẩn bị)
E720 = “{ $name }” không phải là năm: đặt tên tệp khen thưởng theo năm, ví dụ content/awards/2013.yaml
E721 = { $association } được đề nghị “{ $award }”, danh hiệu chỉ dành cho đơn vị dẫn đầu Khối, nhưng đơn vị này xếp thứ { $rank } trong { $scoring }
E722 = { $association } được đề nghị “{ $award }”, danh hiệu chỉ dành cho đơn vị dẫn đầu Khối, nhưng đang đồng hạng nhất với { $others } trong { $scoring }; cần phân định thứ hạng trước (tie_break, hoặc biểu quyết tại hội nghị)
E723 = “{ $award }” được đề nghị { $count } lần trong năm { $year } ({ $collectives } tập thể, { $individuals } cá nhân) nhưng chỉ tiêu trong limits là { $limit }
E724 = limits: chỉ tiêu của “{ $award }” phải là số nguyên lớn hơn 0, không phải “{ $value }”
E725 = { $association } được đề nghị “{ $award }”, danh hiệu chỉ dành cho đơn vị dẫn đầu Khối, nhưng { $scoring } không có điểm của đơn vị này
E726 = đề nghị cho { $association } chưa ghi hình thức khen thưởng: ghi award, ví dụ award: Bằng khen của Chủ tịch UBND tỉnh
E727 = cá nhân thứ { $n } chưa có họ tên: ghi đầy đủ họ và tên
W720 = { $association } được đề nghị “{ $award }” nhưng trong bản đăng ký năm { $year } { $registered }
W721 = { $association } được đề nghị “{ $award }”, danh hiệu chỉ dành cho đơn vị dẫn đầu Khối, nhưng chưa có bảng điểm năm { $year } để xác định đơn vị dẫn đầu
year-registered = đã đăng ký “{ $title }”
year-registered-none = chưa đăng ký danh hiệu nào
E740 = titles: danh hiệu đăng ký của { $association } đang để trống; ghi danh hiệu đơn vị đăng ký, ví dụ Cờ thi đua của UBND tỉnh
E741 = “{ $value }” không phải giờ trong ngày; ghi giờ và phút, ví dụ "08:00" hoặc "14:30"
E742 = { $associations } là thành viên Khối năm { $year } nhưng không có tên trong present (có mặt) hay absent (vắng mặt); thêm từng đơn vị vào present, hoặc vào absent kèm lý do
E743 = biểu quyết “{ $subject }” có { $ballots } phiếu nhưng chỉ có { $present } đơn vị có mặt; kiểm tra lại số tán thành, không tán thành và không biểu quyết
E744 = { $association } vừa có tên trong present vừa có tên trong absent; xoá một trong hai
E746 = giờ kết thúc { $end } không sau giờ bắt đầu { $start }; kiểm tra lại start và end
E747 = period: “{ $value }” không phải là kỳ; ghi 2013-h1, 2013-h2 hoặc 2013
E748 = “{ $name }” không dùng được làm địa chỉ trang: đặt tên tệp cuộc họp bằng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ { $slug }.md
E750 = { $key }: “{ $value }” không phải số phiếu; ghi số nguyên (ghi 0 nếu không có phiếu nào)
E751 = { $file }: phiếu chấm chéo có cột “{ $kind }”, nhưng phiếu chấm chéo chỉ có cột điểm chấm (và bảng điểm của Khối không có cột điểm chấm chéo): trang ẩn “blocpress” đã bị sửa; chỉ nhập đúng phiếu đã phát
W740 = { $association } có tên trong present nhưng không phải thành viên Khối năm { $year } (xem joined và left trong hồ sơ đơn vị)

## Chữ trên trang và văn bản của cả năm (không phải thông báo lỗi).


combine-mean = lấy trung bình cộng
combine-median = lấy trung vị (điểm ở giữa khi xếp các điểm theo thứ tự)
combine-trimmed_mean = lấy trung bình cộng sau khi bỏ một điểm cao nhất và một điểm thấp nhất
combined-note = Điểm thống nhất của mỗi tiêu chí được tính từ phiếu chấm chéo của { $scorers } đơn vị, { $how }.
combined-note-exclude = Điểm thống nhất của mỗi tiêu chí được tính từ phiếu chấm chéo của { $scorers } đơn vị (không tính phiếu đơn vị tự chấm mình), { $how }.

## Lệnh `new meeting`, `new awards` (không phải thông báo lỗi).

new-meeting-created = Đã tạo bản nháp biên bản họp (địa chỉ: /meetings/{ $slug }/): điền giờ họp, thành phần, biểu quyết và diễn biến, rồi sửa thành `draft: false` để đăng
new-awards-created = Đã tạo tệp đề nghị khen thưởng năm { $year }: ghi các tập thể và cá nhân được đề nghị, số và ngày tờ trình
new-awards-bad-year = “{ $year }” không phải là năm: ghi bốn chữ số, ví dụ blocpress new awards 2013
help-new-meeting = Một tệp biên bản họp Khối mới, có sẵn danh sách đơn vị thành viên của năm
help-new-awards = Tệp đề nghị khen thưởng của một năm (tập thể, cá nhân, chỉ tiêu khen thưởng)
help-new-meeting--title = Tên cuộc họp, ví dụ "Hội nghị tổng kết công tác thi đua năm 2013"
help-new-awards--year = Năm đề nghị khen thưởng, ví dụ 2013
help-value-year = năm

## Phiếu chấm chéo (`sheet export --scoring KỲ --cross`), không phải thông báo lỗi.

help-sheet-export--cross = Cùng với --scoring: mỗi đơn vị một phiếu chấm chéo các đơn vị khác (cross_scores)
sheet-cross-title = PHIẾU CHẤM ĐIỂM CHÉO — { $period } — Đơn vị chấm: { $scorer }
sheet-cross-instructions = Hướng dẫn: mỗi cột là một đơn vị được chấm; đơn vị chấm ghi điểm của mình cho từng tiêu chí. Chỉ điền vào các ô nền vàng, điểm không vượt quá điểm tối đa của tiêu chí. Đơn vị chưa chấm thì để trống cả cột. Không thêm, xoá, di chuyển dòng, cột.
sheet-col-cross = Điểm chấm
sheet-field-cross = phiếu chấm chéo của { $scorer }
