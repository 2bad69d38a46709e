// Loads /admin/ of `blocpress serve` on a site (run by tests/cms_browser.rs) and opens every
// collection and the first entry of each: the generated configuration must load in Decap with
// no error or warning in the console, and no request may leave the server. Prints JSON.
import { isolated, launch } from './harness.mjs';

const [base, shots] = process.argv.slice(2);
const result = { outside: [], pageErrors: [], console: [], collections: [], opened: [], empty: [] };
const browser = await launch();
const { page } = await isolated(browser, base, result, { viewport: { width: 1280, height: 900 } });
page.on('console', m => {
  if (m.type() === 'error' || m.type() === 'warning') {
    result.console.push(`${m.type()}: ${m.text()} @ ${m.location().url}`);
  }
});
try {
  await page.goto(base + '/admin/');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Mục nội dung').waitFor();
  const links = page.locator('a[href^="#/collections/"]');
  const hrefs = await links.evaluateAll(as => [...new Set(as.map(a => a.getAttribute('href')))]
    .filter(h => /^#\/collections\/[^/]+$/.test(h)));
  result.collections = hrefs;
  for (const href of hrefs) {
    for (const which of ['first', 'last']) {
      await page.goto(base + '/admin/' + href);
      const entries = page.locator('a[href*="/entries/"]');
      // A collection the site has nothing in yet (meetings, awards) lists no entry.
      const listed = await entries.first().waitFor({ timeout: 15000 }).then(() => true, () => false);
      if (!listed) {
        result.empty.push(href);
        break;
      }
      const entry = which === 'first' ? entries.first() : entries.last();
      const target = await entry.getAttribute('href');
      await entry.click();
      await page.locator('input, textarea').first().waitFor({ timeout: 15000 });
      await page.waitForTimeout(300);
      if (shots && target.endsWith('figures-hoi-a/entries/2024-h1')) {
        await page.screenshot({ path: shots + '/tour-figures.png' });
      }
      if (shots && target.endsWith('scoring/entries/2024')) {
        await page.screenshot({ path: shots + '/tour-scoring.png' });
      }
      result.opened.push(target);
    }
  }
} catch (e) {
  result.error = String((e && e.stack) || e);
}
await browser.close();
console.log(JSON.stringify(result));
