## Ghi vào nội dung của trang: một cách ghi duy nhất, có sổ ghi (journal), lưu có kiểm phiên bản (E460–E499, W460–W469).

E460 = tệp này đã được lưu (ở cửa sổ khác hoặc bởi người khác) sau khi được mở để sửa, nên lần lưu này chưa được ghi, để không xoá mất thay đổi kia. Hãy chép lại phần vừa sửa, tải lại trang (F5) để xem bản mới nhất rồi sửa và lưu lại
E461 = đã có tệp này nên không lưu đè lên: một mục mới hoặc một mục đổi tên không được thay cho mục đã có. Hãy đặt tiêu đề (hoặc tên) khác rồi lưu lại
E462 = trang quản trị chưa biết bạn đang sửa bản nào của tệp này (có thể blocpress serve vừa được khởi động lại), nên chưa ghi để không đè mất bản mới hơn. Hãy chép lại phần vừa sửa, tải lại trang (F5) rồi sửa và lưu lại
E463 = blocpress không ghi vào đường dẫn này: đường dẫn ra ngoài thư mục trang, đi qua một liên kết tắt (symlink) hoặc là tệp ẩn
E464 = đang có một lần ghi khác vào trang (khoá { $lock }); đã chờ { $seconds } giây mà chưa xong. Hãy đợi lần kia xong rồi làm lại
E465 = không ghi được ({ $error }); chưa tệp nào bị thay đổi. Hãy kiểm tra ổ đĩa còn chỗ trống và quyền ghi rồi làm lại
E466 = không ghi hết được ({ $error }); lần chạy blocpress tiếp theo sẽ ghi nốt phần còn lại. Hãy kiểm tra ổ đĩa và quyền ghi rồi chạy `blocpress check`
E467 = không đọc được sổ ghi dở dang này ({ $error }); hãy xem các tệp trong sổ, sửa tay nếu cần, rồi xoá tệp sổ này
E468 = { $count ->
    [one] chưa xoá tệp này
   *[other] chưa xoá { $count } tệp (đầu tiên là tệp này)
  }, vì nếu xoá thì trang sẽ có lỗi khi kiểm tra (thường do tin hoặc trang khác còn dẫn tới, hoặc còn dùng ảnh này). Sửa các chỗ nêu dưới đây trước rồi mới xoá
E469 = “{ $key }: { $value }” là số tiền tính bằng đồng nên không có phần lẻ; { $fix }
E470 = không chép được trang mới vào thư mục kết quả ({ $error }); trang đang xuất bản vẫn giữ nguyên như cũ, không tệp nào bị thay. Hãy giải phóng chỗ trống (cần đủ chỗ cho cả bản cũ và bản mới trong lúc thay) rồi chạy lại
E471 = không thay được các tệp của thư mục kết quả ({ $error }); đã đưa trang cũ về nguyên vẹn. Hãy kiểm tra quyền ghi và chỗ trống rồi chạy lại
E472 = không thay được các tệp của thư mục kết quả ({ $error }) và cũng không đưa hết được trang cũ về; lần chạy blocpress build tiếp theo sẽ đưa trang cũ về trước khi tạo trang. Hãy sửa nguyên nhân rồi chạy lại ngay
W460 = lần ghi trước bị ngắt giữa chừng sau khi đã kiểm tra xong: đã ghi nốt { $count ->
    [one] tệp { $files }
   *[other] { $count } tệp: { $files }
  }
W461 = lần ghi trước bị ngắt giữa chừng trước khi ghi: đã huỷ, { $count ->
    [one] tệp { $files } giữ nguyên như cũ
   *[other] { $count } tệp giữ nguyên như cũ: { $files }
  }
W462 = tệp này đã được sửa tay sau khi lần ghi trước bị ngắt, nên giữ nguyên bản sửa tay, không ghi đè phần của lần ghi bị ngắt
W463 = lưu từ trang quản trị: các dòng ghi chú (# …) trong phần “{ $key }” không giữ được vì phần này phải viết lại; các phần khác của tệp giữ nguyên ghi chú

## Số gõ theo kiểu Việt Nam (12.500.000; 95,5) trong trang quản trị: đọc đúng như người gõ muốn, hoặc từ chối kèm lý do.

fix-write-digits = nếu là { $digits } đồng thì viết liền, không dấu chấm: { $digits }
fix-write-whole-dong = viết đủ số đồng, không dấu chấm, không phần thập phân, ví dụ 12500000 (mười hai triệu rưỡi)
E480 = “{ $value }” không phải là số: gõ chữ số, dấu chấm ngăn cách hàng nghìn và dấu phẩy trước phần thập phân, ví dụ 12.500.000 hoặc 95,5
E481 = “{ $value }” có thể hiểu là { $thousands } hoặc { $decimal }: gõ { $thousands } (không dấu chấm) hoặc { $decimal } (dấu phẩy trước phần thập phân)
E482 = { $label } chỉ nhận số nguyên: “{ $value }” có phần lẻ{ $dong ->
    [yes] {" "}(tiền tính bằng đồng thì không có phần lẻ)
   *[no] {""}
  }. Gõ số nguyên, ví dụ 12.500.000
E483 = “{ $value }” nằm ngoài khoảng cho phép của { $label }: từ { $min } đến { $max }
