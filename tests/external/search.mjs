// Types queries without diacritics into the built site's search page in headless Chromium and
// prints, as JSON, the result titles for each query.
// Usage: node search.mjs SEARCH_PAGE_URL "query one" "query two" ...
import { chromium } from "playwright-core";

const [url, ...queries] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const out = {};
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url, { waitUntil: "load" });
  for (const query of queries) {
    await page.fill("#search-q", "");
    await page.type("#search-q", query, { delay: 10 });
    await page.press("#search-q", "Enter");
    await page.waitForFunction(() => document.getElementById("search-status").textContent.length > 0);
    out[query] = await page.$$eval("#search-results li > a", (as) => as.map((a) => ({ title: a.textContent, href: a.getAttribute("href") })));
  }
  out.__errors = errors;
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
