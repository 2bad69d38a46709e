// Issue 29's browser editor, as a secretary meets it (run by tests/cms_browser.rs): a new news
// item is not said to be saved; the date field has no "UTC", takes and shows day/month/year
// and stores YYYY-MM-DD; a photo chosen before the first save shows in the field and in the
// preview; the preview uses the site's stylesheet. Prints one JSON object.
// Arguments: BASE ROOT IMAGE [SHOTS]
import fs from 'node:fs';
import path from 'node:path';
import { isolated, launch } from './harness.mjs';

const [base, root, image, shots] = process.argv.slice(2);
const result = { outside: [], pageErrors: [], steps: [] };
const step = name => result.steps.push(name);
const browser = await launch();
const { page } = await isolated(browser, base, result, { viewport: { width: 1280, height: 900 } });
const shot = async name => {
  if (!shots) return;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
};
// The toolbar's words as the page holds them (innerText would give the CSS capitals).
const toolbarText = () => page.evaluate(() => document.body.textContent);

try {
  await page.goto(base + '/admin/');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Mục nội dung').waitFor();
  step('login');

  // A new news item: nothing is saved yet, and the page says so.
  await page.goto(base + '/admin/#/collections/news/new');
  await page.locator('[data-slate-editor="true"]').first().waitFor({ timeout: 40000 });
  await page.waitForTimeout(1000);
  const fresh = await toolbarText();
  result.newEntry = {
    saysNew: fresh.includes('Bài mới, chưa lưu'),
    saysSaved: /Đã lưu|Thay đổi đã được lưu/i.test(fresh.replace('Bài mới, chưa lưu', '')),
  };
  await shot('new-news');
  step('new entry');

  // The date field: no UTC, day/month/year in and out.
  result.dateFieldText = await page.evaluate(() => {
    const input = document.querySelector('input[data-date-vi]') || document.querySelector('input[type="date"]');
    let box = input;
    for (let i = 0; i < 4 && box.parentElement; i++) box = box.parentElement;
    return box.textContent;
  });
  const date = page.locator('input[data-date-vi]');
  await date.fill('12/3/2026');
  await date.blur();
  result.dateShown = await date.inputValue();
  await page.locator('label', { hasText: 'Tiêu đề' }).first().click();
  await page.keyboard.type('Hội Cựu chiến binh ra quân làm đường');
  await page.waitForFunction(t => document.activeElement && document.activeElement.value === t, 'Hội Cựu chiến binh ra quân làm đường', { timeout: 40000 });
  step('date typed');

  // A photo chosen before the first save: its thumbnail and its preview load.
  await page.getByText('Chọn một hình').click();
  await page.locator('input[type="file"]').first().setInputFiles(image);
  await page.getByText(path.basename(image)).waitFor();
  await page.getByRole('button', { name: 'Dùng ảnh đã chọn' }).click();
  await page.locator('[data-slate-editor="true"]').first().click();
  await page.keyboard.type('Nội dung tin có ảnh.');
  await page.waitForTimeout(1500);
  result.thumbnails = await page.evaluate(() =>
    [...document.images].filter(i => i.closest('form, [class*="ControlContainer"], div')).map(i => i.naturalWidth));
  const frame = page.frames().find(f => f.url() === 'about:srcdoc');
  result.preview = frame ? await frame.evaluate(() => ({
    images: [...document.images].map(i => i.naturalWidth),
    sheets: [...document.styleSheets].map(s => {
      let rules = 0;
      try { rules = s.cssRules.length; } catch (e) { rules = -1; }
      return { href: s.href, rules };
    }),
  })) : null;
  await shot('photo-before-save');
  step('photo shown');

  await page.getByRole('button', { name: 'Lưu', exact: true }).first().click();
  await page.getByText('Lưu và đưa lên trang').click();
  const file = path.join(root, 'content/news/2026/2026-03-12-hoi-cuu-chien-binh-ra-quan-lam-duong.md');
  for (let i = 0; i < 400 && !fs.existsSync(file); i++) await page.waitForTimeout(100);
  result.saved = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  await page.waitForFunction(() => !/\/new(\?|$)/.test(location.hash), null, { timeout: 40000 });
  await page.waitForTimeout(1000);
  result.afterSave = (await toolbarText()).includes('Đã lưu');
  step('saved');

  // Opened again: the stored 2026-03-12 is shown 12/03/2026.
  await page.reload();
  await page.locator('input[data-date-vi]').waitFor({ timeout: 40000 });
  await page.waitForTimeout(500);
  result.dateReopened = await page.locator('input[data-date-vi]').inputValue();
  await shot('saved-news');
  step('reopened');

  // The figures of a member, and the list of reviews: named by their time only.
  await page.goto(base + '/admin/#/collections/periods');
  await page.getByText('6 tháng đầu năm 2013').first().waitFor({ timeout: 40000 });
  await shot('periods');
  await page.goto(base + '/admin/#/collections/figures-hoi-luat-gia');
  await page.getByText('6 tháng đầu năm 2013').first().click();
  await page.getByText('HỘI VIÊN MỚI KẾT NẠP', { exact: false }).first().waitFor({ timeout: 40000 });
  await page.waitForTimeout(800);
  await shot('figures');
  step('figures');

  // Figures of a period the member has not written yet: the form is empty and not "saved".
  await page.goto(base + '/admin/#/collections/figures-hoi-luat-gia/entries/2026');
  await page.getByText('HỘI VIÊN MỚI KẾT NẠP', { exact: false }).first().waitFor({ timeout: 40000 });
  await page.waitForTimeout(1000);
  const unwritten = await toolbarText();
  result.unwrittenFigures = {
    saysUnwritten: unwritten.includes('Chưa lưu lần nào'),
    saysSaved: /Đã lưu|Thay đổi đã được lưu/i.test(unwritten),
  };
  // Written figures of an earlier period are saved.
  await page.goto(base + '/admin/#/collections/figures-hoi-luat-gia/entries/2013-h1');
  await page.getByText('HỘI VIÊN MỚI KẾT NẠP', { exact: false }).first().waitFor({ timeout: 40000 });
  await page.waitForTimeout(1000);
  result.writtenFiguresSaved = (await toolbarText()).includes('Đã lưu');
  step('unwritten figures');
} catch (e) {
  result.error = String(e && e.stack || e);
  if (shots) await page.screenshot({ path: path.join(shots, 'editor-failure.png') });
}
await browser.close();
console.log(JSON.stringify(result));
