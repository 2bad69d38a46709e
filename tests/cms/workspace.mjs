// Two people at once in `blocpress workspace` (run by tests/workspace_browser.rs), in headless
// Chromium: the member `luatgia` signs in, fills its figures in /admin/ and downloads its form
// in /forms/, while the secretary `thuky` signs in and edits a news item in /admin/; then the
// secretary publishes and waits for the publishing page to say it is done. Screenshots of the
// workspace's own pages at 1280 and 390 px go to SHOTS when given. Prints one JSON object.
import { isolated, launch } from './harness.mjs';
import path from 'node:path';

const [base, password, shots] = process.argv.slice(2);
const result = { outside: [], pageErrors: [], steps: [] };
const step = name => result.steps.push(name);

const browser = await launch();

async function person(name, width) {
  const { page } = await isolated(browser, base, result, { viewport: { width, height: 900 }, acceptDownloads: true }, name);
  await page.goto(base + '/login');
  if (shots) await page.screenshot({ path: path.join(shots, `login-${width}.png`), fullPage: true });
  await page.getByLabel('Tên đăng nhập').fill(name);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(base + '/');
  if (shots) await page.screenshot({ path: path.join(shots, `home-${name}-${width}.png`), fullPage: true });
  step(`${name} signed in`);
  return page;
}

async function openAdmin(page) {
  await page.goto(base + '/admin/');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Mục nội dung').waitFor({ timeout: 60000 });
}

async function save(page) {
  await page.getByRole('button', { name: 'Lưu', exact: true }).first().click();
  await page.getByText('Lưu và đưa lên trang').click();
  await page.getByText('Đã lưu', { exact: true }).or(page.getByText('ĐÃ LƯU', { exact: true })).first().waitFor({ timeout: 60000 });
  await page.waitForTimeout(500);
}

async function member() {
  const page = await person('luatgia', 390);
  await openAdmin(page);
  // Only its own collections.
  result.memberSeesOthers = await page.getByText('Số liệu: Hội Chữ thập đỏ').count();
  await page.goto(base + '/admin/#/collections/figures-hoi-luat-gia');
  await page.getByText('6 tháng đầu năm 2013').first().click();
  await page.getByText('HỘI VIÊN MỚI KẾT NẠP', { exact: false }).first().waitFor();
  await page.locator('label', { hasText: 'Hội viên mới kết nạp' }).first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('4321');
  await save(page);
  step('member saved its figures');
  await page.goto(base + '/forms/');
  if (shots) await page.screenshot({ path: path.join(shots, 'forms-390.png'), fullPage: true });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tải biểu mẫu' }).click();
  const downloaded = await download;
  result.formName = downloaded.suggestedFilename();
  step('member downloaded its form');
  // Sent back as it came: the preview says it changes nothing, and nothing is written.
  const saved = path.join(path.dirname(await downloaded.path()), result.formName);
  await downloaded.saveAs(saved);
  await page.locator('input[type="file"]').setInputFiles(saved);
  await page.getByRole('button', { name: 'Xem trước các thay đổi' }).click();
  await page.getByText('Biểu mẫu này không thay đổi gì').waitFor({ timeout: 60000 });
  step('member sent its form back');
}

async function secretary() {
  const page = await person('thuky', 1280);
  await openAdmin(page);
  await page.getByRole('link', { name: 'Tin bài' }).first().click();
  await page.getByText('Hội Chữ thập đỏ tỉnh trao quà cho học sinh huyện Phong Thổ').click();
  const body = page.locator('[data-slate-editor="true"]').first();
  await body.waitFor();
  await body.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Thư ký Khối bổ sung khi hội đang nhập số liệu.');
  await save(page);
  step('secretary saved the news');
  return page;
}

try {
  const [, page] = await Promise.all([member(), secretary()]);
  await page.goto(base + '/');
  await page.getByRole('button', { name: 'Xuất bản trang' }).click();
  for (let i = 0; i < 600; i++) {
    await page.goto(base + '/publish/');
    const state = await page.locator('#publish-state').getAttribute('data-state');
    if (state !== 'Running') { result.publish = state; break; }
    await page.waitForTimeout(200);
  }
  result.publishLog = await page.locator('#publish-log').textContent();
  step('published');
  if (shots) {
    await page.screenshot({ path: path.join(shots, 'publish-1280.png'), fullPage: true });
    await page.goto(base + '/history/');
    await page.screenshot({ path: path.join(shots, 'history-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 900 });
    await page.screenshot({ path: path.join(shots, 'history-390.png'), fullPage: true });
    await page.goto(base + '/forms/');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(shots, 'forms-1280.png'), fullPage: true });
  }
} catch (e) {
  result.error = String(e && e.stack || e);
}
await browser.close();
console.log(JSON.stringify(result));
