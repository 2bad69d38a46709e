// Live-preview speed of `blocpress serve`: save a file, then measure
//   save → rebuild done   the server's /__blocpress/status reports a new version (polled every 2 ms)
//   save → page reloaded  headless Chromium, showing the newest news item, fires `load` on the
//                         reloaded page (and the page shows the change)
// for several saves (the first, which warms caches, is left out), and prints one JSON line.
//
// Usage: node bench/serve/bench.mjs --binary PATH --site DIR [--runs N] [--label NAME]
//                                   [--change news|template|new]
//   --change news      (default) edit the title of the newest news item: an incremental rebuild
//   --change template  override the theme's news.html: every page is rendered again
//   --change new       add a news file: the site is loaded again
// The site folder is edited and put back afterwards; use a copy.
// playwright-core comes from tests/browser (`npm ci` there); CHROME_PATH picks the browser.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import {
  mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "../../tests/browser/package.json"));
const { chromium } = require("playwright-core");

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith("--")) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const binary = resolve(args.binary ?? "target/release/blocpress");
const site = resolve(args.site ?? ".");
const runs = Number(args.runs ?? 10);
const label = args.label ?? basename(site);
const change = args.change ?? "news";
if (!["news", "template", "new"].includes(change)) throw new Error(`unknown --change ${change}`);

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (name.endsWith(".md") && !name.startsWith(".")) yield path;
  }
}

// The newest published news item: the home page, the first list page, the feed, its tags' first
// pages and the search index show it, so the most pages depend on it.
const newsFiles = [...walk(join(site, "content/news"))].filter(
  (f) => !/^draft:\s*true/m.test(readFileSync(f, "utf8")),
);
// Newest date first; on the same day blocpress orders by slug.
const dateOf = (f) => basename(f).match(/^\d{4}-\d{2}-\d{2}/)?.[0] ?? "";
newsFiles.sort((a, b) => dateOf(b).localeCompare(dateOf(a)) || basename(a).localeCompare(basename(b)));
const newsFile = newsFiles[0];
const original = readFileSync(newsFile, "utf8");
// Its URL name, derived the way blocpress derives one from a Vietnamese file name.
const slugify = (text) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
const slug =
  original.match(/^slug:\s*"?([a-z0-9-]+)"?\s*$/m)?.[1] ??
  slugify(basename(newsFile, ".md").replace(/^\d{4}-\d{2}-\d{2}-/, ""));

const templateFile = join(site, "themes/default/templates/news.html");
const builtinTemplate = readFileSync(join(here, "../../themes/default/templates/news.html"), "utf8");
let siteTemplate = null;
try {
  siteTemplate = readFileSync(templateFile, "utf8");
} catch {}
const created = [];

function save(file, text) {
  const temp = join(dirname(file), `.${basename(file)}.tmp`);
  writeFileSync(temp, text);
  renameSync(temp, file);
}

/// Makes the change of run `i`; returns a check that the reloaded page shows it.
function makeChange(i, title) {
  if (change === "template") {
    mkdirSync(dirname(templateFile), { recursive: true });
    save(templateFile, (siteTemplate ?? builtinTemplate).replace("<h1>", `<h1 data-run="${title}">`));
    return async (page) => (await page.getAttribute("h1", "data-run")) === title;
  }
  if (change === "new") {
    const file = join(site, "content/news", `bench-new-${i}.md`);
    created.push(file);
    save(file, `---\ntitle: "${title}"\ndate: 2099-01-01\n---\nTin thêm để đo.\n`);
    return async () => (await fetch(new URL(`news/bench-new-${i}/`, url))).status === 200;
  }
  save(newsFile, original.replace(/^title:.*$/m, `title: "${title}"`));
  return async (page) => (await page.textContent("h1")) === title;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};

const server = spawn(binary, ["serve", "--root", site, "--port", "0"], {
  stdio: ["ignore", "ignore", "pipe"],
});
let log = "";
const started = performance.now();
const url = await new Promise((resolveUrl, reject) => {
  server.stderr.setEncoding("utf8");
  server.stderr.on("data", (chunk) => {
    log += chunk;
    const found = log.match(/serving .* at (http:\/\/\S+)/);
    if (found) resolveUrl(found[1]);
  });
  server.on("exit", (code) => reject(new Error(`blocpress serve exited with ${code}:\n${log}`)));
});
const startup_ms = Math.round(performance.now() - started);
const initial = log.match(/built (\d+) files in (\d+) ms/);

async function version() {
  const response = await fetch(new URL("/__blocpress/status", url));
  return (await response.json()).version;
}

const profile = mkdtempSync(join(tmpdir(), "blocpress-bench-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const rebuild = [];
const reload = [];
try {
  const page = await context.newPage();
  await page.goto(new URL(`news/${slug}/`, url).href, { waitUntil: "load" });
  for (let i = 0; i <= runs; i++) {
    await page.waitForFunction(() => window.__blocpressLiveReload?.connected === true);
    const before = await version();
    const title = `Bản sửa số ${i} – ${Date.now()}`;
    const loaded = page.waitForEvent("load", { timeout: 60000 });
    const t0 = performance.now();
    const shows = makeChange(i, title);
    let rebuilt = null;
    while (rebuilt === null) {
      if ((await version()) !== before) rebuilt = performance.now() - t0;
      else await new Promise((r) => setTimeout(r, 2));
    }
    await loaded;
    const reloaded = performance.now() - t0;
    if (!(await shows(page))) throw new Error(`run ${i}: the reloaded page does not show the change`);
    if (i > 0) {
      rebuild.push(Math.round(rebuilt));
      reload.push(Math.round(reloaded));
    }
  }
} finally {
  save(newsFile, original);
  for (const file of created) rmSync(file, { force: true });
  if (change === "template") {
    if (siteTemplate === null) rmSync(templateFile, { force: true });
    else writeFileSync(templateFile, siteTemplate);
  }
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  server.kill("SIGINT");
}
const serverRebuilds = [
  ...log.matchAll(/(?:re-rendered (?:all )?|rebuilt the site, )(\d+) files in (\d+) ms/g),
].map((m) => Number(m[2]));
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
console.log(
  JSON.stringify({
    site: label,
    change,
    news: newsFiles.length,
    files: Number(initial?.[1]),
    initial_build_ms: Number(initial?.[2]),
    startup_ms,
    edited: change === "news" ? slug : change,
    runs,
    save_to_rebuild_ms: stats(rebuild),
    save_to_reload_ms: stats(reload),
    server_rebuild_ms: stats(serverRebuilds.slice(1)),
    samples: { rebuild, reload },
  }),
);
