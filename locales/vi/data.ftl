## Số liệu, vai trò, đăng ký, chấm điểm (E200–E299, W200–W299).

E200 = “{ $key }: { $value }” là chỉ tiêu đếm (số nguyên) nhưng YAML đọc thành số thập phân vì dấu chấm; không dùng dấu chấm phân cách hàng nghìn, viết: { $key }: { $right }
E201 = “{ $key }: { $value }” là chỉ tiêu đếm nên phải là số nguyên; bỏ phần thập phân, hoặc đặt kind: decimal cho chỉ tiêu này trong metrics
E202 = “{ $key }: { $value }” nhỏ hơn mức thấp nhất cho phép ({ $min }); kiểm tra lại số liệu, hoặc đặt min cho chỉ tiêu này trong metrics nếu số âm là đúng
E203 = “{ $key }: { $value }” lớn hơn mức cao nhất cho phép ({ $max }); tỷ lệ phần trăm ghi từ 0 đến 100, nếu được vượt thì đặt max cho chỉ tiêu này
E204 = kế hoạch “{ $key }: { $value }” phải lớn hơn 0; nếu chưa đăng ký chỉ tiêu này thì xoá dòng này
E205 = “{ $key }: { $value }” là chữ chứ không phải số (vì có dấu ngoặc kép); viết không có ngoặc kép: { $key }: { $right }
E206 = chỉ tiêu “{ $key }” có scale nhưng không phải kind: amount; scale (nghìn, triệu, tỷ) chỉ dùng cho số tiền: thêm kind: amount hoặc bỏ scale
E207 = chỉ tiêu “{ $key }” có min ({ $min }) lớn hơn max ({ $max }); sửa lại cho min nhỏ hơn max
E208 = giá trị gần đúng của “{ $key }” ghi sai ở “{ $field }”: viết dạng {"{"} value: 40000000, qualifier: over {"}"}
E209 = “{ $value }” không phải cách ghi gần đúng của “{ $key }”; dùng một trong: over (hơn), about (khoảng), nearly (gần), under (dưới)
E210 = “{ $year }” trong bloc.roles không phải là năm; ghi năm bằng 4 chữ số, ví dụ 2014
E211 = “{ $field }: { $value }” không phải là năm; ghi năm bằng 4 chữ số, ví dụ { $field }: 2014
E212 = năm rời Khối ({ $left }) trước năm gia nhập ({ $joined }); sửa lại joined hoặc left
E213 = năm { $year }: { $role } “{ $association }” không phải là đơn vị nào của Khối{ $hint } (tên đơn vị là tên thư mục trong content/associations/)
E214 = năm { $year }: khối trưởng và khối phó là cùng một đơn vị; ghi hai đơn vị khác nhau
E220 = tệp đăng ký thi đua phải đặt tên theo năm, ví dụ content/registrations/2014.yaml, không phải “{ $name }”
E221 = “{ $association }” không phải là đơn vị nào của Khối{ $hint } (tên đơn vị là tên thư mục trong content/associations/)
E222 = “{ $key }” không phải chỉ tiêu mà { $association } báo cáo{ $hint }; khai báo chỉ tiêu trong metrics của site.yaml hoặc của profile.yaml
E230 = đơn vị { $association } là thành viên Khối trong kỳ { $period } nhưng chưa có điểm: thêm điểm vào scores, hoặc ghi vào absent kèm lý do không chấm
E231 = { $association } vừa có điểm vừa có tên trong absent; xoá một trong hai
E232 = tie_break thứ { $position }: “{ $id }” không phải mã nhóm hay mã tiêu chí nào{ $hint }
E233 = mã nhóm “{ $id }” dùng hai lần; mỗi nhóm tiêu chí cần một mã riêng
E234 = điểm tự chấm của { $association } thiếu tiêu chí { $criteria }; đơn vị tự chấm thì ghi đủ mọi tiêu chí
E235 = danh hiệu đề nghị cho { $association } ghi sai ({ $error }); viết tên danh hiệu, hoặc {"{"} title: …, status: granted, decision: … {"}"}
E236 = trạng thái “{ $value }” của danh hiệu { $association } không đúng; dùng proposed (đề nghị) hoặc granted (đã được tặng)
W210 = { $association } có số liệu năm { $year } nhưng năm đó chưa (hoặc không còn) là thành viên Khối theo joined/left trong profile.yaml; số liệu này không được đưa vào báo cáo của Khối

## Nothing to suggest (an empty hint).

