// Headless Chromium against a running `blocpress serve`: open pages reload by themselves after a
// news file is saved, a broken file shows the error overlay (file and line) over the last good
// page, and the fix clears it. Prints the measured save → reloaded times as JSON.
//
// Usage: node live_reload.mjs SITE_URL SITE_ROOT
//   SITE_URL   the address `blocpress serve` printed (http://127.0.0.1:PORT/)
//   SITE_ROOT  the site folder it serves; the script edits content/news/2013-06-21-so-ket.md
// Environment: CHROME_PATH (default /usr/bin/chromium).
import { chromium } from "playwright-core";
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [siteUrl, siteRoot] = process.argv.slice(2);
if (!siteUrl || !siteRoot) {
  console.error("usage: node live_reload.mjs SITE_URL SITE_ROOT");
  process.exit(2);
}
const NEWS = "content/news/2013-06-21-so-ket.md";
const newsPath = join(siteRoot, NEWS);
const original = readFileSync(newsPath, "utf8");
const TIMEOUT = 15000;

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/// Saves like an editor: a temporary file beside it, renamed over.
function save(text) {
  const temp = join(siteRoot, "content/news/.so-ket.md.tmp");
  writeFileSync(temp, text);
  renameSync(temp, newsPath);
}

function withTitle(title) {
  return original.replace(/^title: .*$/m, `title: ${title}`);
}

async function waitConnected(page) {
  await page.waitForFunction(() => window.__blocpressLiveReload?.connected === true, null, {
    timeout: TIMEOUT,
  });
}

/// Marks the document: a reload replaces it, so the mark is gone.
async function mark(page) {
  await page.evaluate(() => {
    window.__notReloaded = true;
  });
}

async function reloaded(page) {
  return page.evaluate(() => window.__notReloaded !== true);
}

const profile = mkdtempSync(join(tmpdir(), "blocpress-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
const result = { reload_ms: [], overlay_ms: null };
const pageErrors = [];
try {
  // Two open pages: the news item and the home page, which lists it.
  const news = await context.newPage();
  const home = await context.newPage();
  for (const page of [news, home]) page.on("pageerror", (e) => pageErrors.push(String(e)));
  await news.goto(new URL("news/so-ket/", siteUrl).href, { waitUntil: "load" });
  await home.goto(siteUrl, { waitUntil: "load" });
  await waitConnected(news);
  await waitConnected(home);

  // 1. Save an edit: both pages reload by themselves and show it.
  for (let round = 1; round <= 3; round++) {
    const title = `Sơ kết thi đua, bản sửa ${round}`;
    await mark(news);
    await mark(home);
    const newsLoaded = news.waitForEvent("load", { timeout: TIMEOUT });
    const homeLoaded = home.waitForEvent("load", { timeout: TIMEOUT });
    const saved = performance.now();
    save(withTitle(title));
    await newsLoaded;
    result.reload_ms.push(Math.round(performance.now() - saved));
    await homeLoaded;
    check(await reloaded(news), "the news page reloaded by itself");
    check(await reloaded(home), "the home page reloaded by itself");
    const h1 = await news.textContent("h1");
    check(h1 === title, `the news page shows the new title, got ${JSON.stringify(h1)}`);
    check((await home.content()).includes(title), "the home page lists the new title");
    await waitConnected(news);
    await waitConnected(home);
  }
  const lastGood = await news.textContent("h1");

  // 2. Break the file: the overlay names the file and line; the page stays the last good one.
  await mark(news);
  const broken = performance.now();
  save(original.replace("date: 2013-06-21", "date: 21/06/2013"));
  const overlay = news.locator("#blocpress-overlay li");
  await overlay.first().waitFor({ timeout: TIMEOUT });
  result.overlay_ms = Math.round(performance.now() - broken);
  const overlayText = await overlay.first().textContent();
  check(overlayText.includes(`${NEWS}:3:7`), `the overlay names file and line: ${overlayText}`);
  check(overlayText.includes("not a valid date"), `the overlay says what is wrong: ${overlayText}`);
  check(!(await reloaded(news)), "a broken file does not reload the page");
  check((await news.textContent("h1")) === lastGood, "the last good page stays");
  // The other open page shows it too, and a page opened now as well.
  await home.locator("#blocpress-overlay li").first().waitFor({ timeout: TIMEOUT });
  const third = await context.newPage();
  await third.goto(new URL("news/", siteUrl).href, { waitUntil: "load" });
  await third.locator("#blocpress-overlay li").first().waitFor({ timeout: TIMEOUT });
  await third.close();

  // 3. Fix it: the page reloads with the fix and the overlay is gone.
  const fixedLoaded = news.waitForEvent("load", { timeout: TIMEOUT });
  save(withTitle("Sơ kết thi đua, đã sửa lỗi"));
  await fixedLoaded;
  await waitConnected(news);
  check((await news.textContent("h1")) === "Sơ kết thi đua, đã sửa lỗi", "the fix is shown");
  check((await news.locator("#blocpress-overlay").count()) === 0, "the overlay is gone");

  check(pageErrors.length === 0, `no script errors: ${pageErrors.join("; ")}`);
} finally {
  save(original);
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
