// Types queries into a built site's search page in headless Chromium and reports, per query,
// the bytes transferred (gzipped bodies and headers of every request, the page itself and its
// scripts included) and the time from the last keystroke to the first result on screen.
// Usage: node measure.mjs SEARCH_PAGE_URL "query one" "query two" ...
// Each query runs in a fresh page (nothing cached), typed one key at a time like a reader.
import { chromium } from "playwright-core";

const [url, ...queries] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
const out = [];
try {
  for (const query of queries) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // Network events, not Resource Timing: Pagefind fetches from a Web Worker.
    const sizes = [];
    page.on("requestfinished", (request) => sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize).catch(() => 0)));
    await page.goto(url, { waitUntil: "load" });
    await page.evaluate(() => {
      window.__inputs = [];
      window.__renders = [];
      document.getElementById("search-q").addEventListener("input", () => window.__inputs.push(performance.now()));
      new MutationObserver(() => {
        if (document.querySelector("#search-results li")) window.__renders.push(performance.now());
      }).observe(document.getElementById("search-results"), { childList: true });
    });
    await page.click("#search-q");
    for (const ch of query) {
      await page.keyboard.type(ch);
      await page.waitForTimeout(80);
    }
    await page.waitForFunction(() => document.getElementById("search-status").textContent.length > 0, null, { timeout: 20000 });
    await page.waitForTimeout(300);
    const bytes = (await Promise.all(sizes)).reduce((n, b) => n + b, 0);
    const result = await page.evaluate(([bytes, requests]) => {
      const last = window.__inputs[window.__inputs.length - 1];
      const shown = window.__renders.find((t) => t >= last);
      return { requests, kb: +(bytes / 1024).toFixed(1), first_ms: shown === undefined ? null : +(shown - last).toFixed(1), results: document.querySelectorAll("#search-results li").length, status: document.getElementById("search-status").textContent };
    }, [bytes, sizes.length]);
    out.push({ query, ...result });
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(out, null, 1));
