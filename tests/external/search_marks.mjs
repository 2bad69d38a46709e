// Types each query into the search page in headless Chromium and prints, as JSON, the results
// as the page shows them: title, href, and the snippet's HTML (to check <mark> and escaping).
// Usage: node search_marks.mjs SEARCH_PAGE_URL "query one" ...
import { chromium } from "playwright-core";

const [url, ...queries] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
const out = { __errors: [] };
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  page.on("pageerror", (e) => out.__errors.push(String(e)));
  await page.goto(url, { waitUntil: "load" });
  for (const query of queries) {
    await page.fill("#search-q", "");
    await page.type("#search-q", query, { delay: 10 });
    await page.press("#search-q", "Enter");
    await page.waitForFunction(() => document.getElementById("search-status").textContent.length > 0);
    out[query] = await page.$$eval("#search-results li", (lis) => lis.map((li) => ({
      title: li.querySelector("a").textContent,
      href: li.querySelector("a").getAttribute("href"),
      snippet: li.querySelector("p") ? li.querySelector("p").innerHTML : "",
    })));
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
