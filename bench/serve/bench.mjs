// Live-preview speed of `blocpress serve`: save a file, then measure
//   save → rebuild done   the server's /__blocpress/status reports a new version (polled every 2 ms)
//   save → page reloaded  headless Chromium, showing the newest news item, fires `load` on the
//                         reloaded page (and the page shows the change)
// for several saves (the first, which warms caches, is left out), and prints one JSON line.
//
// Usage: node bench/serve/bench.mjs --binary PATH --site DIR [--runs N] [--label NAME]
//                                   [--change news|template|new|delete|data]
//   --change news      (default) edit the title of the newest news item
//   --change template  override the theme's news.html: every page is rendered again
//   --change new       add a news file (newest of all)
//   --change delete    delete the second newest news file (put back, unmeasured, after each run)
//   --change data      edit a figure of an association's 2013-h1 achievements (the review of
//                      2013-h1 is the open page)
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
if (!["news", "template", "new", "delete", "data"].includes(change)) {
  throw new Error(`unknown --change ${change}`);
}

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
// A news file's URL name, derived the way blocpress derives one from a Vietnamese file name.
const slugify = (text) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
const slugOf = (file) =>
  readFileSync(file, "utf8").match(/^slug:\s*"?([a-z0-9-]+)"?\s*$/m)?.[1] ??
  slugify(basename(file, ".md").replace(/^\d{4}-\d{2}-\d{2}-/, ""));
const slug = slugOf(newsFile);

// --change data: a figure of 2013-h1, in the file of hoi-luat-gia (or the first association
// that reports that period), and the first metric key of that file.
const dataPeriod = "2013-h1";
let data = null;
if (change === "data") {
  const dir = join(site, "content/associations");
  const members = readdirSync(dir)
    .filter((s) => {
      try {
        return statSync(join(dir, s, `${dataPeriod}.yaml`)).isFile();
      } catch {
        return false;
      }
    })
    .sort();
  const member = members.includes("hoi-luat-gia") ? "hoi-luat-gia" : members[0];
  const file = join(dir, member, `${dataPeriod}.yaml`);
  const text = readFileSync(file, "utf8");
  const key = text.match(/^metrics:[^\n]*\n\s+([a-z0-9_]+):/m)?.[1];
  if (!key) throw new Error(`${file}: no metric to edit`);
  data = { member, file, text, key };
}
// --change delete: the file deleted by the current run, put back before the next one.
let deleted = null;

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
  if (change === "data") {
    const value = 700000 + i;
    const pattern = new RegExp(`^(\\s+${data.key}:)[^#\\n]*`, "m");
    save(data.file, data.text.replace(pattern, `$1 ${value}`));
    return async () => {
      const json = await (await fetch(new URL(`reports/${dataPeriod}/data.json`, url))).json();
      return json.associations.find((a) => a.slug === data.member)?.metrics?.[data.key] === value;
    };
  }
  if (change === "delete") {
    const file = newsFiles[1];
    const gone = slugOf(file);
    deleted = [file, readFileSync(file, "utf8")];
    rmSync(file);
    return async () => (await fetch(new URL(`news/${gone}/`, url))).status === 404;
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

// The log is read in English whatever the site's language (a Vietnamese site logs in
// Vietnamese by default).
const server = spawn(binary, ["serve", "--root", site, "--port", "0"], {
  stdio: ["ignore", "ignore", "pipe"],
  env: { ...process.env, BLOCPRESS_LANG: "en" },
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
const serverRebuilds = [];
// The time the server reports for the rebuild whose log line follows `mark`.
const rebuildLine = /(?:re-rendered (?:all )?|rebuilt the site, )(\d+) files in (\d+) ms/;
async function serverRebuild(mark) {
  for (let tries = 0; tries < 500; tries++) {
    const found = log.slice(mark).match(rebuildLine);
    if (found) return Number(found[2]);
    await new Promise((r) => setTimeout(r, 2));
  }
  return null;
}
try {
  const page = await context.newPage();
  const opened = change === "data" ? `reports/${dataPeriod}/` : `news/${slug}/`;
  await page.goto(new URL(opened, url).href, { waitUntil: "load" });
  for (let i = 0; i <= runs; i++) {
    await page.waitForFunction(() => window.__blocpressLiveReload?.connected === true);
    const before = await version();
    const title = `Bản sửa số ${i} – ${Date.now()}`;
    const loaded = page.waitForEvent("load", { timeout: 60000 });
    const mark = log.length;
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
    const server_ms = await serverRebuild(mark);
    if (i > 0) {
      rebuild.push(Math.round(rebuilt));
      reload.push(Math.round(reloaded));
      if (server_ms !== null) serverRebuilds.push(server_ms);
    }
    if (deleted) {
      // Put the file back (not measured) and let the page reload before the next run.
      const [file, text] = deleted;
      deleted = null;
      const back = await version();
      const reloadedAgain = page.waitForEvent("load", { timeout: 60000 });
      save(file, text);
      while ((await version()) === back) await new Promise((r) => setTimeout(r, 5));
      await reloadedAgain;
    }
  }
} finally {
  save(newsFile, original);
  if (deleted) save(...deleted);
  if (data) save(data.file, data.text);
  for (const file of created) rmSync(file, { force: true });
  if (change === "template") {
    if (siteTemplate === null) rmSync(templateFile, { force: true });
    else writeFileSync(templateFile, siteTemplate);
  }
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  server.kill("SIGINT");
}
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
console.log(
  JSON.stringify({
    site: label,
    change,
    news: newsFiles.length,
    files: Number(initial?.[1]),
    initial_build_ms: Number(initial?.[2]),
    startup_ms,
    edited:
      change === "news"
        ? slug
        : change === "data"
          ? `${data.member}/${dataPeriod}.yaml ${data.key}`
          : change,
    runs,
    save_to_rebuild_ms: stats(rebuild),
    save_to_reload_ms: stats(reload),
    server_rebuild_ms: stats(serverRebuilds),
    samples: { rebuild, reload, server: serverRebuilds },
  }),
);
