// The browser editor on a phone (run by tests/cms_browser.rs): at 390×844, the list of news,
// a news item's editor, a new item's editor and a member's figures must not scroll sideways, and the title field and
// the Save button must be on screen. Members open /admin/ from a Zalo link on their phones.
// Prints one JSON object; screenshots at 390 and 1280 px go to SHOTS when given.
// Arguments: BASE [SHOTS]
import path from 'node:path';
import { PHONE, isolated, launch, sideways, watched } from './harness.mjs';

const [base, shots] = process.argv.slice(2);
const result = { outside: [], pageErrors: [], pages: {} };
const browser = await launch();
const isolatedPhone = await isolated(browser, base, result, PHONE);
const context = isolatedPhone.context;
let page = isolatedPhone.page;

const measure = () => page.evaluate(sideways);
// Whether an element's box is wholly inside the viewport (left, right and top; it may be lower
// than the screen only if the page scrolls to it vertically, so bottom is not required).
const onScreen = locator => locator.evaluate(el => {
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return box.width > 0 && box.height > 0 && box.left >= 0 && box.right <= window.innerWidth + 1
    && box.top >= 0 && box.top < window.innerHeight && style.visibility !== 'hidden';
}, null, { timeout: 5000 }).catch(() => 'missing');
const shot = async name => {
  if (!shots) return;
  await page.screenshot({ path: path.join(shots, `phone-${name}-390.png`), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(shots, `phone-${name}-1280.png`), fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(400);
};

try {
  await page.goto(base + '/admin/');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Mục nội dung').first().waitFor({ timeout: 60000 });

  // The list of news.
  await page.goto(base + '/admin/#/collections/news');
  await page.locator('a[href*="/collections/news/entries/"]').first().waitFor({ timeout: 60000 });
  await page.waitForTimeout(800);
  result.pages.list = await measure();
  result.pages.list.newButton = await onScreen(page.locator('a[href$="/collections/news/new"]').first());
  result.pages.list.firstEntry = await onScreen(page.locator('a[href*="/collections/news/entries/"]').first());
  await shot('list');

  // A news item's editor.
  const href = await page.locator('a[href*="/collections/news/entries/"]').first().getAttribute('href');
  await page.goto(base + '/admin/' + href);
  await page.locator('[data-slate-editor="true"]').first().waitFor({ timeout: 60000 });
  await page.waitForTimeout(1000);
  // Decap shows its Save button once the entry has a change: type into the title first.
  const editor = async () => {
    await page.locator('label', { hasText: 'Tiêu đề' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' mới');
    await page.waitForTimeout(500);
    await page.evaluate(() => window.scrollTo(0, 0));
    const m = await measure();
    const title = page.locator('label', { hasText: 'Tiêu đề' }).first();
    const titleInput = page.locator(`[id="${await title.getAttribute('for')}"]`);
    m.title = await onScreen(titleInput);
    m.titleWidth = await titleInput.evaluate(el => Math.round(el.getBoundingClientRect().width));
    m.save = await onScreen(page.getByRole('button', { name: 'Lưu', exact: true }).first());
    return m;
  };
  result.pages.entry = await editor();
  await shot('entry');

  // A new news item, in a new tab (the one before holds an unsaved change).
  page = await watched(context, result);
  await page.goto(base + '/admin/#/collections/news/new');
  await page.locator('[data-slate-editor="true"]').first().waitFor({ timeout: 60000 });
  await page.waitForTimeout(1000);
  result.pages.new = await editor();
  result.pages.new.typed = await page.evaluate(() => document.activeElement && document.activeElement.value);
  await shot('new');

  // A member's figures: number fields with their hints.
  page = await watched(context, result);
  await page.goto(base + '/admin/#/collections/figures-hoi-luat-gia/entries/2013-h1');
  await page.getByText('HỘI VIÊN MỚI KẾT NẠP', { exact: false }).first().waitFor({ timeout: 60000 });
  await page.waitForTimeout(800);
  result.pages.figures = await measure();
  await shot('figures');
} catch (e) {
  result.error = String(e && e.stack || e);
  if (shots) await page.screenshot({ path: path.join(shots, 'phone-failure.png') });
}
await browser.close();
console.log(JSON.stringify(result));
