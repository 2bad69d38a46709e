// What the browser scripts under tests/cms share: Chromium started as the tests need it, pages
// that may load nothing from outside the server under test (anything else is recorded and
// refused), and the check that a page does not scroll sideways on a phone.
import { chromium } from 'playwright-core';

// The phone every script measures with (a common Android size; members open links from Zalo).
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
}

// A new context (with `options`) whose requests outside `base` go to `result.outside` and are
// aborted; returns it with its first page, whose script errors go to `result.pageErrors`
// (after `label: ` when given).
export async function isolated(browser, base, result, options = {}, label = '') {
  const context = await browser.newContext(options);
  await context.route('**/*', route => {
    const url = route.request().url();
    if (url.startsWith(base + '/') || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    result.outside.push(url);
    return route.abort();
  });
  const page = await watched(context, result, label);
  return { context, page };
}

// Another page of `context`, its script errors going to `result.pageErrors`.
export async function watched(context, result, label = '') {
  const page = await context.newPage();
  page.on('pageerror', e => result.pageErrors.push(label ? `${label}: ${e.message}` : e.message));
  return page;
}

// Runs in the page (pass it to `page.evaluate`): how wide the page is, and the elements sticking
// out past the viewport's right edge. One inside a scroller of its own that fits (a wide table)
// does not widen the page; one cut off by an `overflow: hidden` box would be lost, so it counts.
export function sideways() {
  const width = window.innerWidth;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
    let scroller = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if ((o === 'auto' || o === 'scroll') && p.getBoundingClientRect().right <= width + 1) { scroller = true; break; }
    }
    if (!scroller) wide.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} right=${Math.round(box.right)}`);
  }
  return {
    viewport: width,
    scrollWidth: document.documentElement.scrollWidth,
    bodyScrollWidth: document.body.scrollWidth,
    wide: wide.slice(0, 8),
  };
}
