/** Debian's Chromium driven by playwright-core, for the end-to-end UI tests. */

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** CI installs chromium (`apt-get install chromium`); elsewhere the browser tests skip and say why. */
export const chromiumMissing: string | undefined = existsSync(CHROMIUM_PATH)
  ? undefined
  : `${CHROMIUM_PATH} is missing: install Debian's chromium (apt-get install chromium) to run the browser tests`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** Where screenshots go (gitignored): test-output/screenshots/. */
export async function screenshotPath(name: string): Promise<string> {
  const dir = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));
  await mkdir(dir, { recursive: true });
  return `${dir}${name}`;
}
