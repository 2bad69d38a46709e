// Opens pages of a built site in headless Chromium and reports, as JSON on stdout:
// - axe-core violations of impact "serious" or "critical" per page;
// - whether the print stylesheet hides navigation and keeps charts (for pages with charts).
// Usage: node check_pages.mjs BASE_URL path1 path2 ...
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [base, ...paths] = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const results = [];
try {
  for (const path of paths) {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      const page = await browser.newPage({ viewport });
      const errors = [];
      page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
      page.on("pageerror", (e) => errors.push(String(e)));
      const response = await page.goto(base + path, { waitUntil: "load" });
      await page.addScriptTag({ content: axeSource });
      const axe = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ["violations"] });
        return r.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
      });
      // Horizontal overflow of the page itself (tables scroll inside their wrapper instead).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      // The documents' filters (radio buttons and CSS, no JavaScript): rows shown before and
      // after choosing the first kind.
      let docFilter = null;
      if (await page.$(".doc-filters")) {
        const visible = () => page.evaluate(() => [...document.querySelectorAll(".doc-list .doc")].filter((d) => d.offsetParent !== null).length);
        const before = await visible();
        await page.click(".doc-filters fieldset label:nth-of-type(2)");
        docFilter = { before, after: await visible() };
      }
      await page.emulateMedia({ media: "print" });
      const print = await page.evaluate(() => ({
        navHidden: [...document.querySelectorAll("header.site-header, nav")].every((n) => getComputedStyle(n).display === "none"),
        charts: document.querySelectorAll("svg.chart").length,
        chartsVisible: [...document.querySelectorAll("svg.chart")].every((n) => getComputedStyle(n).display !== "none"),
      }));
      results.push({ path, viewport: viewport.width, status: response.status(), axe, errors, overflow, print, docFilter });
      await page.close();
    }
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(results));
