/**
 * A hostile article, captured and opened through the API in real Chromium: no script runs, no dialog
 * opens, no request leaves for the attacker's host. The sanitizer strips active content before storage;
 * the CSP sandbox on the way out stops whatever might slip through.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLocalConfig } from '../../shared/config.ts';
import { startVerbatim, type LocalVerbatim } from '../../shared/local/start.ts';
import { systemClock } from '../../shared/ports.ts';
import { runCapture } from '../../shared/usecases/run-capture.ts';
import { submitCapture } from '../../shared/usecases/submit-capture.ts';
import { chromiumMissing, launchChromium } from '../helpers/browser.ts';
import { startFixtureSite, type FixtureSite } from '../helpers/fixture-site.ts';

let attacker: FixtureSite;
let site: FixtureSite;
let local: LocalVerbatim;
let dataDir: string;
let browser: Browser | undefined;

function hostilePage(evil: string): string {
  const ping = (tag: string) => `${evil}/hit?via=${tag}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Council publishes harbour accounts</title>
<meta http-equiv="refresh" content="0;url=${ping('meta-refresh')}">
<base href="${evil}/">
<link rel="stylesheet" href="${ping('stylesheet')}">
<style>@import url("${ping('css-import')}"); body { background: url("${ping('css-background')}"); }</style>
<script>fetch(${JSON.stringify(ping('head-script'))}); alert('head');</script>
</head><body>
<article>
<h1>Council publishes harbour accounts</h1>
<p>The harbour council published its accounts on Monday, showing a surplus for the third year running, which the treasurer said would go towards the tidal barrier fund and the repair of the north quay.</p>
<p onmouseover="fetch('${ping('onmouseover')}')">Opposition members asked for an independent review of the figures, saying the surplus depended on one-off grants that would not recur, and that the council had delayed maintenance to reach it.</p>
<script>document.body.innerHTML += '<img src="${ping('inline-script')}">'; alert(1)</script>
<img src="x" onerror="fetch('${ping('onerror')}');alert(2)">
<img src="${ping('tracking-pixel')}" alt="">
<svg onload="fetch('${ping('svg-onload')}')"><circle r="4"/></svg>
<a href="javascript:fetch('${ping('javascript-url')}')">Read the full accounts</a>
<iframe src="${ping('iframe')}"></iframe>
<iframe srcdoc="<script>parent.alert(3)</script>"></iframe>
<object data="${ping('object')}"></object>
<embed src="${ping('embed')}">
<form action="${ping('form')}" method="post"><input name="q" autofocus onfocus="fetch('${ping('autofocus')}')"><button>Go</button></form>
<math><mtext><table><mglyph><style><img src=x onerror="alert(4)"></style></mglyph></table></mtext></math>
<p>The accounts will be debated at the next full council meeting in April, when members will also vote on the budget for the coming year and on the proposal to raise mooring fees.</p>
</article></body></html>`;
}

beforeAll(async () => {
  attacker = await startFixtureSite({ '/hit': { status: 204 } });
  site = await startFixtureSite({ '/news/accounts': { body: hostilePage(attacker.origin) } });
  dataDir = await mkdtemp(join(tmpdir(), 'verbatim-xss-'));
  local = await startVerbatim(loadLocalConfig({ PORT: '0', VERBATIM_DATA_DIR: dataDir, VERBATIM_ALLOW_PRIVATE_HOSTS: '127.0.0.1' }));
  if (!chromiumMissing) browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await local?.close();
  await site?.close();
  await attacker?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe.skipIf(chromiumMissing && !process.env.CI)('an XSS-laden article in a real browser', () => {
  it('runs no script, opens no dialog and sends nothing to the attacker when the snapshot is opened', async () => {
    expect(chromiumMissing, chromiumMissing).toBeUndefined();
    const { record } = await submitCapture(
      { catalog: local.catalog, queue: { enqueue: async () => {} }, clock: systemClock },
      { url: site.url('/news/accounts') },
    );
    const done = await runCapture(local.captureDeps, record);
    expect(done?.status).toBe('done');
    attacker.requests.length = 0; // the capture itself fetched nothing from the attacker either, but start clean

    const page = await browser!.newPage();
    const dialogs: string[] = [];
    const attackerRequests: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    // Chromium reports requests the CSP then blocks; only responses show what actually went out.
    page.on('response', (response) => {
      if (response.url().startsWith(attacker.origin)) attackerRequests.push(response.url());
    });

    const response = await page.goto(`${local.url}/v1/captures/${record.id}/snapshot`);
    expect(response?.headers()['content-security-policy']).toMatch(/^sandbox/);
    expect(await page.locator('h1').count()).toBe(1);
    await page.mouse.move(200, 300);
    await page.locator('text=Opposition members').hover().catch(() => {});
    await page.waitForTimeout(1000);

    expect(dialogs).toEqual([]);
    expect(attackerRequests).toEqual([]);
    expect(attacker.requests).toEqual([]);
    const html = await page.content();
    expect(html).not.toMatch(/<script|onerror=|onload=|javascript:|<iframe|<object|<embed|<form/i);
    await page.close();
  });

  it('downloads the raw capture instead of rendering it', async () => {
    const { items } = await local.catalog.listByUrl(site.url('/news/accounts'));
    const page = await browser!.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const download = page.waitForEvent('download');
    await page.goto(`${local.url}/v1/captures/${items[0]!.id}/raw`).catch(() => {}); // navigation becomes a download
    expect((await download).suggestedFilename()).toMatch(/\.raw$/);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(attacker.requests).toEqual([]);
    await page.close();
  });
});
