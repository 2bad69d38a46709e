// Vietnamese phrases Decap CMS 3.16.3 lacks (its own `vi` covers 171 of 248 keys): merged into
// the built-in `vi` before CMS.init(). tests/cms checks that every English key has a Vietnamese one.
(function () {
  var extra = {
    auth: { loginWithAzure: 'Đăng nhập bằng Azure', loginWithForgejo: 'Đăng nhập bằng Forgejo' },
    collection: {
      collectionTop: {
        viewAsList: 'Xem dạng danh sách',
        viewAsGrid: 'Xem dạng lưới',
        groupBy: 'Nhóm theo',
      },
      entries: { unpublishedHeader: 'Bài chưa xuất bản' },
      groups: { other: 'Khác', negateLabel: 'Không phải %{label}' },
    },
    editor: {
      editorControl: { field: { widgetLabel: 'Trường %{widgetLabel}' } },
      editorControlPane: {
        i18n: {
          writingInLocale: 'Đang viết bằng %{locale}',
          copyFromLocale: 'Chép nội dung từ ngôn ngữ khác',
          copyFromLocaleConfirm:
            'Chép nội dung từ ngôn ngữ %{locale}?\nToàn bộ nội dung hiện có sẽ bị thay thế.',
        },
      },
      editorInterface: {
        toggleI18n: 'Bật/tắt đa ngôn ngữ',
        togglePreview: 'Bật/tắt xem trước',
        toggleScrollSync: 'Cuộn đồng thời',
        toggleNotes: 'Bật/tắt ghi chú',
      },
      editorNotesPane: {
        title: 'Ghi chú',
        emptyState: 'Chưa có ghi chú nào. Thêm ghi chú đầu tiên ở dưới để trao đổi với người cùng biên tập.',
        addNote: 'Thêm ghi chú',
        addPlaceholder: 'Viết ghi chú...',
        editPlaceholder: 'Sửa ghi chú...',
        save: 'Lưu',
        cancel: 'Huỷ',
        edit: 'Sửa',
        delete: 'Xoá',
        resolve: 'Đánh dấu đã xử lý',
        unresolve: 'Mở lại',
        confirmDelete: 'Xoá ghi chú này?',
        shortcut: 'Mẹo: bấm Ctrl+Enter để thêm ghi chú nhanh',
      },
      editorToolbar: {
        statusInfoTooltipDraft:
          'Bài đang ở trạng thái bản nháp. Khi viết xong, chuyển sang “Chờ duyệt” để gửi duyệt.',
        statusInfoTooltipInReview:
          'Bài đang chờ duyệt, không cần làm gì thêm. Trong lúc chờ vẫn có thể sửa tiếp.',
      },
      editorWidgets: {
        markdown: {
          bold: 'Chữ đậm',
          italic: 'Chữ nghiêng',
          strikethrough: 'Gạch ngang',
          code: 'Mã',
          link: 'Liên kết',
          linkPrompt: 'Nhập địa chỉ của liên kết',
          headings: 'Tiêu đề mục',
          quote: 'Trích dẫn',
          bulletedList: 'Danh sách gạch đầu dòng',
          numberedList: 'Danh sách đánh số',
          addComponent: 'Thêm thành phần',
          toggleMode: {
            rich: 'Chuyển sang chế độ soạn thảo trực quan',
            markdown: 'Chuyển sang chế độ Markdown',
          },
        },
        image: {
          chooseMultiple: 'Chọn ảnh',
          chooseUrl: 'Chèn từ địa chỉ web',
          replaceUrl: 'Thay bằng địa chỉ web',
          promptUrl: 'Nhập địa chỉ của ảnh',
          addMore: 'Thêm ảnh',
          removeAll: 'Bỏ tất cả ảnh',
        },
        file: {
          chooseUrl: 'Chèn từ địa chỉ web',
          chooseMultiple: 'Chọn tệp',
          replaceUrl: 'Thay bằng địa chỉ web',
          promptUrl: 'Nhập địa chỉ của tệp',
          addMore: 'Thêm tệp',
          removeAll: 'Bỏ tất cả tệp',
        },
        datetime: { setToNow: 'Đặt %{fieldLabel} là bây giờ' },
        list: { add: 'Thêm %{item}', addType: 'Thêm %{item}' },
        object: { expand: 'Mở rộng', collapse: 'Thu gọn' },
      },
    },
    mediaLibrary: {
      mediaLibraryCard: {
        copy: 'Sao chép',
        copyUrl: 'Sao chép địa chỉ',
        copyPath: 'Sao chép đường dẫn',
        copyName: 'Sao chép tên',
        copied: 'Đã sao chép',
      },
      mediaLibraryModal: { close: 'Đóng' },
    },
    ui: {
      settingsDropdown: { account: 'Tuỳ chọn tài khoản' },
      toast: {
        noteAdded: 'Đã thêm ghi chú',
        onFailToAddNote: 'Không thêm được ghi chú: %{details}',
        noteUpdated: 'Đã sửa ghi chú',
        onFailToUpdateNote: 'Không sửa được ghi chú: %{details}',
        noteDeleted: 'Đã xoá ghi chú',
        onFailToDeleteNote: 'Không xoá được ghi chú: %{details}',
        noteResolved: 'Đã đánh dấu ghi chú là đã xử lý',
        noteReopened: 'Đã mở lại ghi chú',
        onFailToToggleNote: 'Không đổi được trạng thái ghi chú: %{details}',
      },
    },
  };
  function merge(into, from) {
    Object.keys(from).forEach(function (key) {
      var value = from[key];
      if (value && typeof value === 'object') {
        if (!into[key] || typeof into[key] !== 'object') into[key] = {};
        merge(into[key], value);
      } else if (into[key] === undefined) {
        into[key] = value;
      }
    });
    return into;
  }
  var vi = merge(JSON.parse(JSON.stringify(window.CMS.getLocale('vi') || {})), extra);
  // Decap's own words replaced: a button in words rather than a sign some fonts lack, and the
  // phrases that read as a machine translation, in the words a provincial office uses.
  vi.collection.collectionTop.newButton = 'Thêm %{collectionLabel}';
  var office = {
    app: {
      header: { media: 'Ảnh và tệp' },
      app: { waitingBackend: 'Đang kết nối với máy chủ...' },
    },
    collection: {
      sidebar: { collections: 'Mục nội dung', allCollections: 'Tất cả mục nội dung' },
      collectionTop: { viewAs: 'Xem dạng' },
      entries: { noEntries: 'Chưa có bài nào' },
    },
    editor: {
      editor: {
        onLeavePage: 'Rời trang này? Những gì chưa lưu sẽ mất.',
        onPublishing: 'Lưu và đưa bài này lên trang?',
        onDeletePublishedEntry: 'Xoá bài này khỏi trang?',
      },
      editorToolbar: {
        backCollection: 'Đang soạn: %{collectionLabel}',
        status: 'Trạng thái: %{status}',
        unsavedChanges: 'Có thay đổi chưa lưu',
        changesSaved: 'Đã lưu',
        publish: 'Lưu',
        publishing: 'Đang lưu...',
        publishNow: 'Lưu và đưa lên trang',
        publishAndCreateNew: 'Lưu rồi viết bài mới',
        publishAndDuplicate: 'Lưu rồi sao thành bài mới',
        deleteEntry: 'Xoá bài này',
        deletePublishedEntry: 'Xoá bài này',
      },
    },
    mediaLibrary: {
      mediaLibrary: { onDelete: 'Xoá tệp này?' },
      mediaLibraryModal: {
        mediaAssets: 'Ảnh và tệp',
        chooseSelected: 'Dùng ảnh đã chọn',
        deleteSelected: 'Xoá ảnh đã chọn',
        upload: 'Tải ảnh lên',
        noAssetsFound: 'Chưa có ảnh hay tệp nào.',
        noImagesFound: 'Chưa có ảnh nào.',
      },
    },
    ui: {
      toast: {
        entrySaved: 'Đã lưu vào tệp',
        entryPublished: 'Đã lưu; trang đang được cập nhật',
        missingRequiredField: 'Còn ô bắt buộc chưa điền. Điền đủ rồi lưu lại.',
      },
    },
  };
  (function replace(into, from) {
    Object.keys(from).forEach(function (key) {
      if (from[key] && typeof from[key] === 'object') replace(into[key] = into[key] || {}, from[key]);
      else into[key] = from[key];
    });
  })(vi, office);
  window.CMS.registerLocale('vi', vi);
})();
