// Every page of `blocpress workspace` on a phone (run by tests/workspace_browser.rs): the
// secretary `thuky` and the member `luatgia` open the login page, the home page, the forms, the
// preview, the history, the publishing page and the browser editor at 390×844; none may scroll
// sideways. Screenshots at 390 and 1280 px go to SHOTS when given. Prints one JSON object.
// Arguments: BASE PASSWORD [SHOTS]
import path from 'node:path';
import { PHONE, isolated, launch, sideways } from './harness.mjs';

const [base, password, shots] = process.argv.slice(2);
const result = { outside: [], pageErrors: [], pages: [] };
const browser = await launch();

async function phone() {
  return (await isolated(browser, base, result, PHONE)).page;
}

// The page's width against the screen's, and what sticks out on the right.
async function measure(page, who, name) {
  const m = await page.evaluate(sideways);
  result.pages.push({ who, name, ...m });
  if (shots) {
    await page.screenshot({ path: path.join(shots, `ws-${who}-${name}-390.png`), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shots, `ws-${who}-${name}-1280.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
  }
}

async function visit(who) {
  const page = await phone();
  await page.goto(base + '/login');
  await measure(page, who, 'login');
  await page.getByLabel('Tên đăng nhập').fill(who);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(base + '/');
  await measure(page, who, 'home');
  for (const [name, where] of [['forms', '/forms/'], ['history', '/history/'], ['publish', '/publish/'], ['preview', '/preview/']]) {
    const response = await page.goto(base + where);
    if (response.status() === 403) continue;
    await page.waitForLoadState('load');
    await measure(page, who, name);
  }
  await page.goto(base + '/admin/');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Mục nội dung').first().waitFor({ timeout: 60000 });
  await page.waitForTimeout(800);
  await measure(page, who, 'admin');
}

try {
  await visit('thuky');
  await visit('luatgia');
} catch (e) {
  result.error = String(e && e.stack || e);
}
await browser.close();
console.log(JSON.stringify(result));
