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
