// Loads blocpress's `number_vi` widget (widgets.js) with the messages a server generated
// (messages.js) in a stub of the browser, and prints what each typed text becomes:
// `node number_vi.cjs messages.js widgets.js` → one JSON object { typed: {value} | {error} }.
const fs = require('fs');
const [messagesFile, widgetsFile] = process.argv.slice(2);
const widgets = {};
global.window = {
  addEventListener: () => {},
  requestAnimationFrame: () => {},
  location: { hash: '' },
  h: () => null,
  createClass: spec => spec,
  CMS: { registerWidget: (name, control) => { widgets[name] = control; } },
};
// The photo rescue and the new-entry status in widgets.js watch the page: a page without
// anything on it will do.
global.document = {
  addEventListener: () => {},
  querySelectorAll: () => [],
  documentElement: {},
};
global.MutationObserver = class { observe() {} };
eval(fs.readFileSync(messagesFile, 'utf8'));
eval(fs.readFileSync(widgetsFile, 'utf8'));
const control = widgets.number_vi;
const field = spec => ({ get: key => spec[key] });
const fields = {
  dong: field({ value_type: 'int', dong: true, min: 0, label: 'Giá trị hỗ trợ (đồng)' }),
  count: field({ value_type: 'int', min: 0, label: 'Hội viên mới' }),
  percent: field({ value_type: 'float', min: 0, max: 100, label: 'Tỷ lệ (%)' }),
  decimal: field({ value_type: 'float', min: 1, max: 10, label: 'Điểm' }),
};
const cases = JSON.parse(process.argv[4]);
const out = {};
for (const [kind, typed] of cases) {
  const state = { text: '' };
  const instance = Object.assign({}, control, { props: { field: fields[kind] }, state });
  let stored;
  instance.setState = next => Object.assign(state, next);
  instance.props.onChange = value => { stored = value; };
  instance.onChange({ target: { value: typed } });
  const valid = instance.isValid();
  out[`${kind} ${typed}`] = valid === true ? { value: stored } : { error: valid.error.message };
}
console.log(JSON.stringify(out));
