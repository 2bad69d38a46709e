## The words of the screens an editor meets (issue 29): the workspace's history page.
## Codes of this file, if any: E770–E779.

# One change, as the history page says it: the action, then what it changed (`history-kind`),
# then the item's name in quotes.
history-action = { $action ->
    [add] Thêm
    [delete] Xoá
    [upload] Tải lên
    [restore] Khôi phục
    [form-issued] Tải biểu mẫu
    [form-imported] Nhập biểu mẫu
   *[edit] Sửa
}
history-kind = { $kind ->
    [news] tin
    [page] trang
    [period] bài sơ kết, tổng kết
    [meeting] biên bản họp
    [profile] thông tin hội
    [figures] số liệu
    [registration] đăng ký thi đua
    [scoring] bảng chấm điểm
    [awards] đề nghị khen thưởng
    [photo] ảnh
   *[file] tệp
}
# A change of many files: their list is folded under this.
history-files-count = { $count } tệp

## The workspace's home page.
# Beside the publish button: the page of the latest publishing.
home-publish-status = Xem lần xuất bản gần nhất
