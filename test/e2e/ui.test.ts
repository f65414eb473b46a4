import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium, screenshotPath } from '../helpers/browser.ts';
import { startFixtureSite, type FixtureSite } from '../helpers/fixture-site.ts';
import { startLocalProcess, waitForTerminal, type LocalProcess } from '../helpers/local-process.ts';

function article(title: string, paragraphs: string[]): string {
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${title} | The Coastline Courier</title>
<meta name="author" content="Maria Okafor"><meta property="og:site_name" content="The Coastline Courier">
<meta property="article:published_time" content="2024-03-05T09:30:00+00:00"></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>${title}</h1><p class="byline">By <a rel="author" href="/staff/maria-okafor">Maria Okafor</a></p>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article></main><footer><p>© The Coastline Courier.</p></footer></body></html>`;
}

const VOTE = article('Harbour council approves tidal barrier after decade of debate', [
  'The harbour council voted on Tuesday night to build a tidal barrier across the mouth of the estuary, ending a decade of argument over how to protect the old town from rising seas and winter storms.',
  '“We have waited long enough,” said Ruth Penhale, the council leader. “Every winter we fill sandbags and hope.”',
  '“The barrier will change the tides our boats depend on,” said Tom Hicks, a fisherman who has worked the estuary for thirty years.',
  'Penhale said: “Now we can plan.”',
  'Hicks added: “We will fight it.”',
  'Construction is due to begin next spring, once the final designs have been approved by the environment agency and the harbour commissioners.',
]);

const BUDGET_V1 = article('Barrier budget set', [
  'The council has set the budget for the tidal barrier at a little over forty million pounds, most of it from a national flood-defence fund, officials said on Wednesday.',
  'Opponents on the council argued that the money would be better spent on moving the most exposed homes inland, away from the harbour front.',
  'Construction is due to begin next spring, once the final designs have been approved by the environment agency and the harbour commissioners.',
]);

// The same page a day later: a figure changed and a sentence gone, with no correction notice.
const BUDGET_V2 = article('Barrier budget set', [
  'The council has set the budget for the tidal barrier at a little over sixty million pounds, most of it from a national flood-defence fund, officials said on Wednesday.',
  'Construction is due to begin next spring, once the final designs have been approved by the environment agency and the harbour commissioners.',
]);

let site: FixtureSite;
let dataDir: string;
let app: LocalProcess;
let browser: Browser;
let budget = BUDGET_V1;
const pageErrors: Error[] = [];

// Skipped, saying why, only where the browser is not installed (CI installs it).
if (chromiumMissing) console.warn(`skipping the browser tests: ${chromiumMissing}`);

describe.skipIf(chromiumMissing !== undefined)('web UI in Chromium, end to end', () => {
  beforeAll(async () => {
    site = await startFixtureSite({
      '/news/harbour-vote': { body: VOTE },
      '/news/budget': { handle: (_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(budget) },
    });
    dataDir = await mkdtemp(join(tmpdir(), 'verbatim-ui-'));
    // Archived bytes on their own origin (a second port), as in production: the snapshot frame crosses origins.
    app = await startLocalProcess({ VERBATIM_DATA_DIR: dataDir, VERBATIM_ALLOW_PRIVATE_HOSTS: '127.0.0.1', VERBATIM_ARCHIVE_PORT: '0' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    expect(pageErrors).toEqual([]);
    await browser?.close();
    await app?.stop();
    await site?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /**
   * A whole-page screenshot. The sandboxed snapshot frame renders in its own process, which Chromium's
   * fullPage capture can leave blank: grow the viewport to the page instead, and wait for the frame.
   */
  async function screenshot(page: Page, name: string): Promise<void> {
    const width = page.viewportSize()!.width;
    // Twice: the frame's height follows the viewport's (vh), so the page grows once more.
    for (let i = 0; i < 2; i++) await page.setViewportSize({ width, height: await page.evaluate(() => document.documentElement.scrollHeight) });
    if (await page.locator('iframe.snapshot').count()) {
      await expect.poll(() => page.frameLocator('iframe.snapshot').locator('body').textContent(), { timeout: 10_000 }).toContain('Harbour council');
      await page.waitForTimeout(300);
    }
    await page.screenshot({ path: await screenshotPath(name) });
  }

  async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error));
    return page;
  }

  it('submits a URL in the form, waits for done, shows the capture and filters quotes by speaker', async () => {
    const page = await newPage();
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(`${app.url}/`);
    // A wrong key is refused, and the page says why.
    await page.locator('#url').fill(site.url('/news/harbour-vote'));
    await page.locator('#key').fill('not-a-key');
    await page.locator('#key').press('Enter');
    await expect.poll(() => page.locator('#submit-status').textContent()).toMatch(/^Not submitted: .*not valid/);
    await screenshot(page, 'home-refused-key.png');
    await page.setViewportSize({ width: 1280, height: 900 });

    const submitted = page.waitForRequest((request) => request.url().endsWith('/v1/captures') && request.method() === 'POST');
    // Keyboard only: type into the fields and press Enter.
    await page.locator('#url').fill(site.url('/news/harbour-vote'));
    await page.locator('#key').fill(app.apiKey);
    await page.locator('#key').press('Enter');
    const request = await submitted;
    expect(request.headers()['authorization']).toBe(`Bearer ${app.apiKey}`);
    expect(JSON.parse(request.postData()!)).toEqual({ url: site.url('/news/harbour-vote') });

    await page.waitForURL(/\/captures\/[0-9A-Z]{26}$/);
    // The page polls while queued and reloads itself when the capture finishes.
    await page.locator('.banner .status-done').waitFor({ timeout: 30_000 });
    expect(await page.locator('h1').textContent()).toContain('Harbour council approves tidal barrier');
    const banner = (await page.locator('section.banner').textContent())!;
    expect(banner).toContain(site.url('/news/harbour-vote'));
    expect(banner).toMatch(/SHA-256 snapshot\s*[0-9a-f]{64}/);

    const frame = page.locator('iframe.snapshot');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(new URL((await frame.getAttribute('src'))!).origin).not.toBe(new URL(app.url).origin);
    await expect.poll(() => page.frameLocator('iframe.snapshot').locator('body').textContent(), { timeout: 10_000 }).toContain('Every winter we fill sandbags and hope.');

    await expect.poll(() => page.locator('#quotes li').count()).toBe(5);
    await page.locator('#speaker').selectOption('Tom Hicks');
    await expect.poll(() => page.locator('#quotes li:visible').count()).toBe(2);
    expect(await page.locator('#quotes li:visible blockquote').allTextContents()).toEqual(['“The barrier will change the tides our boats depend on,”', '“We will fight it.”']);
    expect(new URL(page.url()).searchParams.get('speaker')).toBe('Tom Hicks');
    expect(await page.locator('#quote-count').textContent()).toBe('2 quotes by Tom Hicks');
    await page.locator('details.cite summary').click();
    expect(await page.locator('#cite-apa').textContent()).toContain('Okafor, M. (2024, March 5). Harbour council approves tidal barrier');
    await screenshot(page, 'capture-page.png');
    await page.locator('#speaker').selectOption('');
    await expect.poll(() => page.locator('#quotes li:visible').count()).toBe(5);

    const phone = await newPage({ width: 390, height: 844 });
    await phone.goto(page.url());
    await expect.poll(() => phone.frameLocator('iframe.snapshot').locator('body').textContent(), { timeout: 10_000 }).toContain('Every winter');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(phone, 'capture-page-phone.png');
    expect(cspViolations).toEqual([]);
  });

  it('filters quotes without script too, through the query parameter', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    const link = await page.locator('#recent a').first().getAttribute('href');
    await page.goto(`${app.url}${link}?speaker=ruth+penhale`);
    expect(await page.locator('#quotes li:visible').count()).toBe(3);
    expect(await page.locator('#quote-count').textContent()).toBe('3 quotes by Ruth Penhale');
    await context.close();
  });

  it('opens a diff between two captures of a page whose text changed', async () => {
    const submit = async () => {
      const response = await fetch(`${app.url}/v1/captures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${app.apiKey}` },
        body: JSON.stringify({ url: site.url('/news/budget') }),
      });
      return waitForTerminal(app.url, ((await response.json()) as { id: string }).id);
    };
    budget = BUDGET_V1;
    expect((await submit()).status).toBe('done');
    budget = BUDGET_V2;
    expect((await submit()).status).toBe('done');

    const page = await newPage();
    await page.goto(`${app.url}/history?url=${encodeURIComponent(site.url('/news/budget'))}`);
    expect(await page.locator('#captures > li').count()).toBe(2);
    await page.locator('a[data-diff]').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/diff\//);
    expect(await page.locator('#diff del').allTextContents()).toContain('forty');
    expect(await page.locator('#diff ins').allTextContents()).toContain('sixty');
    expect((await page.locator('#diff del').allTextContents()).join(' ')).toContain('Opponents on the council argued');
    expect(await page.locator('#diff-summary').textContent()).toMatch(/\d+ words? inserted, \d+ words? deleted/);
    await screenshot(page, 'diff.png');

    const phone = await newPage({ width: 390, height: 844 });
    await phone.goto(page.url());
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, 'diff-phone.png');
  });
});

