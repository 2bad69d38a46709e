// blocpress's own Decap widget, registered before CMS.init(): `tags`, the news tags as chips. An
// editor picks the tags already in use (the buttons under the box, from `options`) or types a
// new one and presses Enter (or a comma). The value is saved as a YAML list of strings.
(function () {
  var h = window.h;
  function list(value) {
    if (!value) return [];
    if (typeof value.toArray === 'function') return value.toArray().map(String);
    if (Array.isArray(value)) return value.map(String);
    return String(value).split(',').map(function (t) { return t.trim(); }).filter(Boolean);
  }
  var chip = {
    display: 'inline-flex', alignItems: 'center', gap: '4px', margin: '2px 6px 2px 0',
    padding: '2px 8px', borderRadius: '4px', fontSize: '14px', lineHeight: '22px',
  };
  var TagsControl = window.createClass({
    getInitialState: function () { return { text: '' }; },
    current: function () { return list(this.props.value); },
    add: function (text) {
      var tags = this.current();
      text.split(',').map(function (t) { return t.trim(); }).forEach(function (tag) {
        if (tag && tags.indexOf(tag) < 0) tags = tags.concat([tag]);
      });
      this.props.onChange(tags);
      this.setState({ text: '' });
    },
    remove: function (tag) {
      this.props.onChange(this.current().filter(function (t) { return t !== tag; }));
    },
    onKeyDown: function (event) {
      if (event.key === 'Enter' || event.key === ',') {
        event.preventDefault();
        this.add(this.state.text);
      } else if (event.key === 'Backspace' && !this.state.text) {
        var tags = this.current();
        if (tags.length) this.remove(tags[tags.length - 1]);
      }
    },
    render: function () {
      var self = this;
      var tags = this.current();
      var options = list(this.props.field.get('options'));
      var unused = options.filter(function (o) { return tags.indexOf(o) < 0; });
      return h('div', { className: this.props.classNameWrapper },
        h('div', { 'data-tags': 'chosen' }, tags.map(function (tag) {
          return h('span', { key: tag, style: Object.assign({ background: '#dfe5ee' }, chip) },
            tag,
            h('button', {
              type: 'button', 'aria-label': 'Bỏ thẻ ' + tag,
              style: { border: 0, background: 'none', cursor: 'pointer', fontSize: '16px' },
              onClick: function () { self.remove(tag); },
            }, '×'));
        })),
        h('input', {
          id: this.props.forID, type: 'text', value: this.state.text,
          placeholder: 'Gõ thẻ mới rồi bấm Enter',
          style: { border: 0, outline: 'none', width: '100%', padding: '6px 0', fontSize: '15px' },
          onChange: function (event) { self.setState({ text: event.target.value }); },
          onKeyDown: this.onKeyDown,
          onBlur: function () { if (self.state.text.trim()) self.add(self.state.text); },
          onFocus: this.props.setActiveStyle,
        }),
        unused.length ? h('div', { 'data-tags': 'in-use' },
          h('span', { style: { fontSize: '13px', color: '#5a6270', marginRight: '6px' } }, 'Thẻ đang dùng:'),
          unused.map(function (tag) {
            return h('button', {
              key: tag, type: 'button',
              style: Object.assign({ border: '1px solid #c5ccd6', background: '#fff', cursor: 'pointer' }, chip),
              onClick: function () { self.add(tag); },
            }, '+ ' + tag);
          })) : null);
    },
  });
  var TagsPreview = function (props) { return h('p', null, list(props.value).join(', ')); };
  window.CMS.registerWidget('tags', TagsControl, TagsPreview);
})();

// A text box for a value typed the way offices write it and stored the way blocpress reads it
// (`number_vi`, `date_vi` below): `show(value)` gives the text, `read(text, field)` gives
// `{ value }` or `{ error }`. What cannot be read is kept as typed, and isValid refuses the save
// with the coded message (the server would refuse the text too); a readable value is shown in
// its written form once the box is left.
(function () {
  var h = window.h;
  window.blocpressTypedInput = function (show, read, errorType, attributes) {
    return window.createClass({
      getInitialState: function () { return { text: show(this.props.value), own: this.props.value }; },
      componentDidUpdate: function () {
        // A value set from outside (an entry loaded, a reset): show it.
        if (this.props.value !== this.state.own && !(this.props.value === '' && this.state.own === undefined)) {
          this.setState({ text: show(this.props.value), own: this.props.value });
        }
      },
      onChange: function (event) {
        var text = event.target.value;
        var read_ = read(text, this.props.field);
        var value = read_.error ? text : read_.value;
        this.setState({ text: text, own: value });
        this.props.onChange(value);
      },
      onBlur: function () {
        var read_ = read(this.state.text, this.props.field);
        if (!read_.error) this.setState({ text: show(read_.value) });
        if (this.props.setInactiveStyle) this.props.setInactiveStyle();
      },
      isValid: function () {
        var read_ = read(this.state.text, this.props.field);
        return read_.error ? { error: { type: errorType, message: read_.error } } : true;
      },
      render: function () {
        return h('input', Object.assign({
          id: this.props.forID, type: 'text', autoComplete: 'off',
          className: this.props.classNameWrapper, value: this.state.text,
          onChange: this.onChange, onFocus: this.props.setActiveStyle, onBlur: this.onBlur,
        }, attributes));
      },
    });
  };
})();

// `number_vi`: the metrics' number fields. People in Vietnamese offices type `12.500.000` and
// `95,5`; Decap's own number widget read the first as 12.5 (a different number, silently). This
// one reads what is typed as the person meant it, shows stored numbers the same way, and
// refuses, with a coded message from the catalogue (messages.js), what it cannot read for sure.
// The value saved is a plain number (12500000, 95.5), as a text editor would write it.
(function () {
  var h = window.h;
  var messages = window.BLOCPRESS_MESSAGES || {};
  function say(code, args) {
    var text = messages[code] || code;
    Object.keys(args || {}).forEach(function (k) { text = text.split('{' + k + '}').join(String(args[k])); });
    return text;
  }
  var format = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6, useGrouping: true });
  function show(value) {
    if (value === '' || value === null || value === undefined) return '';
    if (typeof value === 'number') return format.format(value);
    return String(value);
  }
  // Reads `text` for a field; `{ value }` (a number, or '' for empty) or `{ error }`.
  function read(text, field) {
    var whole = field.get('value_type') === 'int';
    var label = field.get('label') || field.get('name');
    var t = String(text).replace(/[\s\u00a0\u202f]/g, '');
    if (t === '') return { value: '' };
    var sign = 1;
    if (t[0] === '-' || t[0] === '\u2212') { sign = -1; t = t.slice(1); }
    var value;
    if (!whole && /^\d{1,3}\.\d{3}$/.test(t)) {
      // 1.500: one thousand five hundred, or one point five? Not guessed.
      return {
        error: say('E481', {
          value: text,
          thousands: format.format(sign * Number(t.replace('.', ''))),
          decimal: format.format(sign * Number(t)),
        }),
      };
    }
    if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) {
      value = Number(t.replace(/\./g, '').replace(',', '.')); // 12.500.000 / 1.250,5
    } else if (/^\d+(,\d+)?$/.test(t)) {
      value = Number(t.replace(',', '.')); // 1080 / 95,5
    } else if (/^\d{1,3}(,\d{3}){2,}(\.\d+)?$/.test(t)) {
      value = Number(t.replace(/,/g, '')); // 12,500,000: English grouping, unambiguous
    } else if (/^\d+\.\d+$/.test(t)) {
      value = Number(t); // 8.25 or 95.5: a decimal point, the English way (not three digits)
    } else {
      return { error: say('E480', { value: text }) };
    }
    value = sign * value;
    if (!isFinite(value)) return { error: say('E480', { value: text }) };
    if (whole && Math.round(value) !== value) {
      return { error: say(field.get('dong') ? 'E482_dong' : 'E482', { value: text, label: label }) };
    }
    var min = field.get('min'), max = field.get('max');
    if ((typeof min === 'number' && value < min) || (typeof max === 'number' && value > max)) {
      return {
        error: say('E483', {
          value: text, label: label,
          min: typeof min === 'number' ? format.format(min) : '−∞',
          max: typeof max === 'number' ? format.format(max) : '∞',
        }),
      };
    }
    return { value: value };
  }
  var NumberControl = window.blocpressTypedInput(show, read, 'blocpress-number', { inputMode: 'decimal' });
  var NumberPreview = function (props) { return h('p', null, show(props.value)); };
  window.CMS.registerWidget('number_vi', NumberControl, NumberPreview);
})();

// `date_vi`: the date fields. Vietnamese offices write 12/03/2026 (day first); Decap's own date
// widget showed the browser's order (mm/dd/yyyy on an English system) and a "UTC" label. This
// one takes and shows day/month/year and stores YYYY-MM-DD, the form blocpress reads. A date
// that is not in the calendar (31/11/2026) is refused with its coded message (E459).
(function () {
  var h = window.h;
  var messages = window.BLOCPRESS_MESSAGES || {};
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function daysIn(year, month) { return new Date(Date.UTC(year, month, 0)).getUTCDate(); }
  function show(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value || ''));
    return m ? m[3] + '/' + m[2] + '/' + m[1] : String(value || '');
  }
  // `{ value }` (YYYY-MM-DD, or '' for empty) or `{ error }`.
  function read(text) {
    var t = String(text).trim();
    if (t === '') return { value: '' };
    var day, month, year, m;
    if ((m = /^(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})$/.exec(t))) {
      day = +m[1]; month = +m[2]; year = +m[3];
    } else if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) {
      year = +m[1]; month = +m[2]; day = +m[3];
    }
    if (!year || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
      var example = year && month >= 1 && month <= 12
        ? pad(daysIn(year, month)) + '/' + pad(month) + '/' + year : '12/03/2026';
      var message = (messages.E459 || 'E459: {value}').split('{value}').join(t).split('{example}').join(example);
      return { error: message };
    }
    return { value: year + '-' + pad(month) + '-' + pad(day) };
  }
  var DateControl = window.blocpressTypedInput(show, read, 'blocpress-date', {
    inputMode: 'numeric', placeholder: 'ngày/tháng/năm', 'data-date-vi': 'true',
  });
  var DatePreview = function (props) { return h('p', null, show(props.value)); };
  window.CMS.registerWidget('date_vi', DateControl, DatePreview);
  // Under Decap's own name too: Decap takes a news item's {{year}}-{{month}}-{{day}} for its file
  // name only from a `datetime` field, so this one replaces Decap's.
  window.CMS.registerWidget('datetime', DateControl, DatePreview);
})();

// A photo chosen in the media library stays in the browser until the entry is saved, but Decap
// shows it by its address on the site (/images/anh.jpg), which has nothing there yet: a broken
// thumbnail and preview (Decap issues 3612, 7587). Each file the page makes a blob address for
// is remembered by its name, and an image under that name that fails to load gets the blob.
(function () {
  var blobs = {};
  function key(name) {
    return String(name).normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd')
      .toLowerCase().replace(/[^a-z0-9.]+/g, '-');
  }
  var create = URL.createObjectURL;
  URL.createObjectURL = function (object) {
    var url = create.apply(URL, arguments);
    if (object && object.name) blobs[key(object.name)] = url;
    return url;
  };
  function rescue(img) {
    if (!img || img.tagName !== 'IMG' || !img.src || img.src.indexOf('blob:') === 0) return;
    var name = img.src.split(/[?#]/)[0].split('/').pop();
    try { name = decodeURIComponent(name); } catch (e) { /* keep it as written */ }
    var blob = blobs[key(name)];
    if (blob) img.src = blob;
  }
  function watch(doc) {
    if (!doc || doc.__blocpressPhotos) return;
    doc.__blocpressPhotos = true;
    doc.addEventListener('error', function (event) { rescue(event.target); }, true);
  }
  function failed(doc) {
    Array.prototype.forEach.call(doc.images || [], function (img) {
      if (img.complete && img.naturalWidth === 0) rescue(img);
    });
  }
  watch(document);
  // The preview pane is a frame with a document of its own, made and remade by Decap.
  new MutationObserver(function () {
    Array.prototype.forEach.call(document.querySelectorAll('iframe'), function (frame) {
      try {
        if (!frame.__blocpressPhotos) {
          frame.__blocpressPhotos = true;
          frame.addEventListener('load', function () { watch(frame.contentDocument); failed(frame.contentDocument); });
        }
        watch(frame.contentDocument);
        failed(frame.contentDocument);
      } catch (e) { /* a frame of another origin: not Decap's preview */ }
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();

// A new, empty entry is not saved: Decap's toolbar says "changes saved" for any entry without
// changes, a new one too, and the figures of a period whose file is not written yet (the proxy
// answers such a file with no version). On such an entry's page, until it is edited, the words
// say what is true. Only a text node's words change, so React goes on updating the same node;
// and what was changed is put back when the page is left (React still holds "saved" there and
// would not rewrite it).
(function () {
  var NEW_ENTRY = 'Bài mới, chưa lưu';
  var UNWRITTEN = 'Chưa lưu lần nào';
  var changed = [];
  var edited = false;
  // Files the server said do not exist yet (answered with no version), by their path.
  var unwritten = {};
  var original = window.fetch;
  window.fetch = function (input, init) {
    var answer = original.apply(this, arguments);
    var request = null;
    try { request = JSON.parse(init && typeof init.body === 'string' ? init.body : ''); } catch (e) { /* not the API */ }
    var action = request && request.action;
    var params = (request && request.params) || {};
    if (action === 'persistEntry') {
      [params.entry].concat(params.dataFiles || []).forEach(function (file) {
        if (file) { delete unwritten[file.path]; delete unwritten[file.newPath]; }
      });
    }
    if (action !== 'getEntry' && action !== 'entriesByFiles') return answer;
    return answer.then(function (response) {
      response.clone().json().then(function (entries) {
        [].concat(entries).forEach(function (entry) {
          var file = entry && entry.file;
          if (!file || !file.path) return;
          if (file.id === null) unwritten[file.path] = true; else delete unwritten[file.path];
        });
        fix();
      }, function () {});
      return response;
    });
  };
  // Whether this page's entry is a file not written yet: an entry of a list of files (a
  // period's figures, a year's registration) is named like its file, in its collection's folder
  // (`figures-hoi-a` → `content/associations/hoi-a/`).
  function isUnwritten() {
    var m = /^#\/collections\/([^/]+)\/entries\/([^/?]+)$/.exec(window.location.hash);
    if (!m) return false;
    var folder = decodeURIComponent(m[1]).replace(/^figures-/, '');
    var slug = decodeURIComponent(m[2]);
    return Object.keys(unwritten).some(function (path) {
      var parts = path.split('/');
      return parts[parts.length - 1].replace(/\.[^.]*$/, '') === slug && parts.indexOf(folder) >= 0;
    });
  }
  function toolbar(key) {
    var said = [];
    ['vi', 'en'].forEach(function (lang) {
      var locale = window.CMS.getLocale(lang);
      var words = locale && locale.editor && locale.editor.editorToolbar && locale.editor.editorToolbar[key];
      if (words) said.push(words.trim());
    });
    return said;
  }
  function isNew() { return /\/new(\?|$)/.test(window.location.hash); }
  function restore() {
    changed.forEach(function (item) {
      if (item.node.nodeValue === item.now) item.node.nodeValue = item.was;
    });
    changed = [];
  }
  function fix() {
    var words = isNew() ? NEW_ENTRY : isUnwritten() ? UNWRITTEN : null;
    if (!words) { restore(); return; }
    var saved = toolbar('changesSaved');
    var unsaved = toolbar('unsavedChanges');
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var text = node.nodeValue.trim();
      if (unsaved.indexOf(text) >= 0) edited = true;
      if (!edited && saved.indexOf(text) >= 0) {
        changed.push({ node: node, was: node.nodeValue, now: words });
        node.nodeValue = words;
      }
    }
  }
  window.addEventListener('hashchange', function () { edited = false; restore(); fix(); });
  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; fix(); });
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
})();
