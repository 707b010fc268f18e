#!/usr/bin/env node
// Usage: node .ci/logbook-register.mjs TOOLS_DIR URL
// Drives the logbook register's script (internal/logbook/logbook.js) in
// headless Chromium, through the checkers' launcher in TOOLS_DIR
// (../shared/tools), on the register at URL, served under a strict
// Content-Security-Policy (script-src 'self'): sorting by each kind of
// column both ways with aria-sort, the search field and a facet's select
// with the count in the live region; and with JavaScript off, the table
// unchanged and no control drawn. Prints what it checked; exits 1 on a
// failure.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [tools, url] = process.argv.slice(2);
if (!tools || !url) { console.error('usage: logbook-register.mjs TOOLS_DIR URL'); process.exit(2); }
const { openBrowser } = await import(pathToFileURL(join(resolve(tools), 'browser.mjs')).href);

const failures = [];
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) failures.push(what); };
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

async function open(javaScriptEnabled) {
  const b = await openBrowser({ javaScriptEnabled });
  const page = await b.context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(e.message));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  await page.route('**/*', async route => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
  });
  const resp = await page.goto(url, { waitUntil: 'load' });
  if (!resp || resp.status() >= 400) throw new Error(`${url}: HTTP ${resp?.status()}`);
  return { b, page, errors };
}

// The sort keys of column col of the shown rows, as the checks read them:
// a cell's data-sort, else its <time datetime>, else its text.
const column = (page, col) => page.$$eval('table.register tbody tr:not([hidden])', (rows, col) => rows.map(r => {
  const c = r.cells[col];
  const d = c.getAttribute('data-sort');
  if (d !== null) return d !== '' && !isNaN(Number(d)) ? Number(d) : d;
  const t = c.querySelector('time[datetime]');
  return t ? Date.parse(t.getAttribute('datetime')) : c.textContent.trim();
}), col);
const cmp = (a, b) => typeof a === 'number' && typeof b === 'number' ? a - b
  : String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
const ordered = (xs, dir) => xs.every((x, i) => i === 0 || (dir === 'ascending' ? cmp(xs[i - 1], x) <= 0 : cmp(xs[i - 1], x) >= 0));

let code = 0;
try {
  {
    const { b, page, errors } = await open(true);
    const heads = await page.$$eval('table.register thead th', ths => ths.map(th => ({
      button: !!th.querySelector('button[type=button]'), sort: th.getAttribute('aria-sort'), text: th.textContent.trim() })));
    check(heads.length > 0 && heads.every(h => h.button), `every column header is a button (${heads.length})`);
    check(heads.filter(h => h.sort).length === 1 && heads[6].sort === 'descending', 'the register starts newest first: aria-sort descending on Detected');
    const total = await page.$$eval('table.register tbody tr', rs => rs.length);
    // Detected (a <time>), Duration (data-sort minutes), Severity (data-sort rank), Incident (text).
    for (const [col, name] of [[6, 'detected'], [8, 'duration'], [2, 'severity'], [0, 'incident']]) {
      const button = page.locator('table.register thead th').nth(col).locator('button');
      for (const dir of ['ascending', 'descending']) {
        await button.click(); // a first click ascends (Detected too, which starts descending), the next descends
        const sort = await page.locator('table.register thead th').nth(col).getAttribute('aria-sort');
        const others = await page.$$eval('table.register thead th[aria-sort]', ths => ths.length);
        const keys = await column(page, col);
        check(sort === dir && others === 1 && keys.length === total && ordered(keys, dir), `sorts by ${name} ${dir}: ${JSON.stringify(keys)}`);
      }
    }
    const search = page.getByRole('searchbox');
    const label = await search.evaluate(el => el.labels.length && el.labels[0].textContent);
    check(!!label, `the search field is labelled: ${label}`);
    const selects = await page.$$eval('.live-filter select', ss => ss.map(s => s.labels[0]?.textContent));
    check(selects.length >= 5 && selects.every(Boolean), `a labelled select per facet: ${selects.join(', ')}`);
    const status = page.locator('.live-filter [role=status]');
    const word = (await page.locator('table.register tbody tr th a').first().textContent()).split(/\s+/).find(w => w.length > 4);
    await search.fill(word);
    const shown = await page.$$eval('table.register tbody tr:not([hidden])', rs => rs.length);
    const said = await status.textContent();
    check(shown >= 1 && shown < total && said.includes(String(shown)) && said.includes(String(total)), `searching "${word}" shows ${shown} of ${total}: "${said}"`);
    await search.fill('');
    const select = page.locator('.live-filter select').nth(3); // visibility
    const value = await select.locator('option').nth(2).getAttribute('value');
    await select.selectOption(value);
    const facets = await page.$$eval('table.register tbody tr:not([hidden])', rs => rs.map(r => r.dataset.facets));
    check(facets.length > 0 && facets.length < total && facets.every(f => f.split(' ').includes(value)), `selecting ${value} shows only its ${facets.length} rows: "${await status.textContent()}"`);
    check(errors.length === 0, `no script error and no CSP violation under "${csp}"${errors.length ? ': ' + errors.join('; ') : ''}`);
    await b.close();
  }
  {
    const { b, page } = await open(false);
    const drawn = await page.$$eval('.live-filter, table.register thead th button', xs => xs.length);
    const hidden = await page.$$eval('table.register tbody tr[hidden]', xs => xs.length);
    const links = await page.$$eval('nav.facets a[href]', xs => xs.length);
    check(drawn === 0 && hidden === 0 && links > 0, `JavaScript off: no control drawn, every row shown, ${links} facet links`);
    await b.close();
  }
} catch (e) {
  console.error(`logbook-register failed: ${e.stack}`);
  code = 2;
}
if (failures.length && !code) code = 1;
process.exit(code);
