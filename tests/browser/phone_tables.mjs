// Opens pages in headless Chromium at a phone's width (390 px) and reports, as JSON on stdout,
// where the rank, name and total of every scoring row and the label and value of every review
// figure are, against the viewport: none of them may need horizontal scrolling.
// Usage: node phone_tables.mjs BASE_URL [--screenshots DIR] path1 path2 ...
import { chromium } from "playwright-core";

const args = process.argv.slice(2);
const base = args.shift();
let shots = null;
if (args[0] === "--screenshots") {
  args.shift();
  shots = args.shift();
}
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const results = [];
try {
  for (const path of args) {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const response = await page.goto(base + path, { waitUntil: "load" });
    const found = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const box = (cell) => {
        if (!cell) return null;
        const r = cell.getBoundingClientRect();
        return { left: Math.round(r.left), right: Math.round(r.right), text: cell.textContent.trim() };
      };
      const inside = (b) => b !== null && b.left >= 0 && b.right <= width && b.right > b.left;
      const scoring = [...document.querySelectorAll("table.scoring tbody tr")].map((row) => {
        const cells = { rank: box(row.querySelector(".rank")), name: box(row.querySelector(".name")), total: box(row.querySelector(".total")) };
        return { ...cells, visible: inside(cells.rank) && inside(cells.name) && inside(cells.total), height: Math.round(row.getBoundingClientRect().height) };
      });
      const figures = [...document.querySelectorAll("table.figures tbody tr")].map((row) => {
        const label = box(row.querySelector("th"));
        const value = box(row.querySelector("td"));
        return { label, value, visible: inside(label) && inside(value) };
      });
      return { width, overflow: document.documentElement.scrollWidth - width, scoring, figures };
    });
    if (shots) {
      const name = path.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "home";
      await page.screenshot({ path: `${shots}/${name}-390.png`, fullPage: true });
    }
    results.push({ path, status: response.status(), ...found });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(results));
