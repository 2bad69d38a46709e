// Drives the Decap CMS at /admin/ of `blocpress serve` in headless Chromium (run by
// tests/cms_browser.rs): edits a news body and saves, fills a member's figures and saves,
// checks the Vietnamese phrases are complete, and records every request that would leave
// the server (none may) and every page error (none may). Prints one JSON object.
import fs from 'node:fs';
import path from 'node:path';
import { isolated, launch } from './harness.mjs';

const [base, root, shots, image] = process.argv.slice(2);
const result = { outside: [], pageErrors: [], consoleErrors: [], steps: [] };
const step = name => result.steps.push(name);

const browser = await launch();
const { context, page } = await isolated(browser, base, result, { viewport: { width: 1280, height: 900 } });
page.on('console', m => {
  if (m.type() === 'error' || m.type() === 'warning') {
    result.consoleErrors.push(`${m.type()}: ${m.text()} @ ${m.location().url}`);
  }
});

const newsRel = 'content/news/2013-05-30-trao-qua-cho-hoc-sinh-phong-tho.md';
const newsFile = path.join(root, newsRel);
const before = fs.readFileSync(newsFile, 'utf8');

try {
  await page.goto(base + '/admin/');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Mục nội dung').waitFor();
  step('login');
  if (shots) await page.bringToFront(), await page.screenshot({ path: path.join(shots, 'admin-collections.png') });

  // Vietnamese: every English phrase has a Vietnamese one.
  result.missingVi = await page.evaluate(() => {
    const missing = [];
    const walk = (en, vi, at) => {
      for (const [k, v] of Object.entries(en)) {
        const p = at ? `${at}.${k}` : k;
        if (v && typeof v === 'object') walk(v, (vi || {})[k], p);
        else if (!vi || vi[k] === undefined) missing.push(p);
      }
    };
    walk(window.CMS.getLocale('en'), window.CMS.getLocale('vi'), '');
    return missing;
  });

  // The preview page of the news item, open in another tab: it must reload after the save.
  const preview = await context.newPage();
  preview.on('pageerror', e => result.pageErrors.push('preview: ' + e.message));
  await preview.goto(base + '/news/trao-qua-cho-hoc-sinh-phong-tho/');
  await preview.evaluate(() => { window.__notReloaded = true; });

  // 1. Edit a news body and save.
  await page.getByRole('link', { name: 'Tin bài' }).first().click();
  await page.getByText('Hội Chữ thập đỏ tỉnh trao quà cho học sinh huyện Phong Thổ').click();
  const body = page.locator('[data-slate-editor="true"]').first();
  await body.waitFor();
  // Tags: one already in use, picked from the buttons, and a new one typed.
  await page.getByRole('button', { name: '+ Hiến pháp' }).click();
  await page.getByPlaceholder('Gõ thẻ mới rồi bấm Enter').fill('Kiểm thử');
  await page.getByPlaceholder('Gõ thẻ mới rồi bấm Enter').press('Enter');
  // A photo uploaded through the media library, saved with the entry.
  await page.getByText('Chọn một hình').click();
  await page.locator('input[type="file"]').first().setInputFiles(image);
  await page.getByText(path.basename(image)).waitFor();
  await page.getByRole('button', { name: 'Dùng ảnh đã chọn' }).click();
  await body.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Câu thêm từ trang quản trị để kiểm thử.');
  if (shots) await page.bringToFront(), await page.screenshot({ path: path.join(shots, 'admin-news.png') });
  await page.getByRole('button', { name: 'Lưu', exact: true }).first().click();
  await page.getByText('Lưu và đưa lên trang').click();
  await page.getByText('Đã lưu', { exact: true }).or(page.getByText('ĐÃ LƯU', { exact: true })).first().waitFor({ timeout: 40000 });
  for (let i = 0; i < 50 && fs.readFileSync(newsFile, 'utf8') === before; i++) {
    await page.waitForTimeout(100);
  }
  result.newsAfter = fs.readFileSync(newsFile, 'utf8');
  step('news saved');
  await preview.waitForFunction(() => !window.__notReloaded, null, { timeout: 40000 });
  await preview.getByText('Câu thêm từ trang quản trị để kiểm thử.').waitFor({ timeout: 40000 });
  result.previewReloaded = true;
  step('preview reloaded');

  // 2. Fill a member's figures for a period and save.
  await page.goto(base + '/admin/#/collections/figures-hoi-luat-gia');
  await page.getByText('6 tháng đầu năm 2013').first().click();
  const field = label => page.getByLabel(label, { exact: false });
  await page.getByText('HỘI VIÊN MỚI KẾT NẠP', { exact: false }).first().waitFor();
  const input = label =>
    page.locator('div', { has: page.getByText(label, { exact: false }) })
      .locator('input[type="number"]').last();
  // Numbers typed the way a Vietnamese office writes them (issue 21: Decap's own number
  // widget stored `12.500.000` đồng as 12.5).
  const typeInto = async (label, text) => {
    await page.locator('label', { hasText: label }).first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text);
  };
  await typeInto('Hội viên mới kết nạp', '12');
  await typeInto('Giá trị quà, hỗ trợ đã trao', '4.500.000');
  await typeInto('Tỷ lệ cán bộ, CNVC-LĐ đăng ký thi đua', '95,5');
  if (shots) await page.bringToFront(), await page.screenshot({ path: path.join(shots, 'admin-figures.png') });
  await page.getByRole('button', { name: 'Lưu', exact: true }).first().click();
  await page.getByText('Lưu và đưa lên trang').click();
  await page.getByText('Đã lưu', { exact: true }).or(page.getByText('ĐÃ LƯU', { exact: true })).first().waitFor({ timeout: 40000 });
  await page.waitForTimeout(500);
  step('figures saved');
  // 3. A new news item: its file is named after its date and title.
  await page.goto(base + '/admin/#/collections/news');
  await page.getByText('Thêm tin').click();
  await page.locator('[data-slate-editor="true"]').first().waitFor({ timeout: 40000 });
  await page.locator('label', { hasText: 'Tiêu đề' }).first().click();
  await page.keyboard.type('Hội Nông dân tập huấn kỹ thuật trồng chè');
  await page.waitForFunction(t => document.activeElement && document.activeElement.value === t, 'Hội Nông dân tập huấn kỹ thuật trồng chè', { timeout: 40000 });
  await page.locator('input[data-date-vi]').fill('12/03/2014');
  await page.locator('[data-slate-editor="true"]').first().click();
  await page.keyboard.type('Nội dung tin mới.');
  await page.getByRole('button', { name: 'Lưu', exact: true }).first().click();
  await page.getByText('Lưu và đưa lên trang').click();
  await page.getByText('Đã lưu', { exact: true }).or(page.getByText('ĐÃ LƯU', { exact: true })).first().waitFor({ timeout: 40000 });
  step('news created');
  // Errors so far; the refused save below makes Decap log its own.
  result.errorsBeforeRefusal = { pageErrors: [...result.pageErrors], consoleErrors: [...result.consoleErrors] };

  // 4. A save that `check` would refuse: a page whose address is taken by the site ("search").
  await page.goto(base + '/admin/#/collections/pages/new');
  // On a loaded machine the form mounts late, and keys typed before it are lost (then Decap
  // refuses the entry for its empty title instead of sending it): wait for the body editor,
  // and check the title holds what was typed.
  const pageBody = page.locator('[data-slate-editor="true"]').first();
  await pageBody.waitFor({ timeout: 40000 });
  await page.locator('label', { hasText: 'Tiêu đề' }).first().click();
  await page.keyboard.type('Search');
  await page.waitForFunction(() => document.activeElement && document.activeElement.value === 'Search', null, { timeout: 40000 });
  await pageBody.click();
  await page.keyboard.type('Trang thử.');
  await page.getByRole('button', { name: 'Lưu', exact: true }).first().click();
  await page.getByText('Lưu và đưa lên trang').click();
  const toast = page.getByText('Chưa lưu, vì', { exact: false }).first();
  await toast.waitFor({ timeout: 40000 });
  result.refusal = await toast.innerText();
  await page.waitForTimeout(500);
  if (shots) await page.bringToFront(), await page.screenshot({ path: path.join(shots, 'admin-refused.png') });
  result.refusedPageWritten = fs.existsSync(path.join(root, 'content/pages/search.md'));
  step('refused');
  // 5. A fraction in an amount in đồng: refused in the form, with its coded message.
  page.on('dialog', dialog => dialog.accept());
  await page.goto(base + '/admin/#/collections/figures-hoi-luat-gia');
  await page.getByText('6 tháng đầu năm 2013').first().click();
  await page.getByText('HỘI VIÊN MỚI KẾT NẠP', { exact: false }).first().waitFor();
  const figuresFile = path.join(root, 'content/associations/hoi-luat-gia/2013-h1.yaml');
  const figuresSaved = fs.readFileSync(figuresFile, 'utf8');
  await typeInto('Giá trị quà, hỗ trợ đã trao', '12,5');
  await page.getByRole('button', { name: 'Lưu', exact: true }).first().click();
  const publishNow = page.getByText('Lưu và đưa lên trang');
  if (await publishNow.isVisible().catch(() => false)) await publishNow.click();
  const numberError = page.getByText('[E482]', { exact: false }).first();
  await numberError.waitFor({ timeout: 40000 });
  result.numberRefusal = await numberError.textContent();
  if (shots) await page.bringToFront(), await page.screenshot({ path: path.join(shots, 'admin-number-refused.png') });
  await page.waitForTimeout(500);
  result.figuresUnchanged = fs.readFileSync(figuresFile, 'utf8') === figuresSaved;
  step('number refused');
} catch (e) {
  result.error = String(e && e.stack || e);
  if (shots) await page.bringToFront(), await page.screenshot({ path: path.join(shots, 'admin-failure.png') });
}
await browser.close();
console.log(JSON.stringify(result));
