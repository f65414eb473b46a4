/**
 * One side of the extraction bench, in its own process so its peak RSS is its own. The parent sends
 * `{ path, name }` over IPC, one page at a time; this process answers `{ ms, cpuMs, ok, quotes }` and so the
 * event loop turns between documents, as it would between jobs (jsdom frees closed windows only then).
 *
 * Sides: `verbatim` = extractDocument + extractQuotes(document.text) (the capture's whole per-page work);
 * `plain` = new JSDOM(bytes) + new Readability(document).parse(), the naive way.
 */

import { performance } from 'node:perf_hooks';
import { pageUrl, readPage } from './corpus.ts';

type Side = 'verbatim' | 'plain';
const side = process.argv[2] as Side;

interface Request {
  path: string;
  name: string;
}

async function load(): Promise<(bytes: Buffer, url: string) => { ok: boolean; quotes: number; error?: string }> {
  if (side === 'verbatim') {
    const { extractDocument } = await import('../../shared/extract/extract.ts');
    const { extractQuotes } = await import('../../shared/quotes/extract-quotes.ts');
    return (bytes, url) => {
      try {
        const document = extractDocument({ bytes, url });
        return { ok: true, quotes: extractQuotes(document.text).length };
      } catch (error) {
        return { ok: false, quotes: 0, error: (error as Error).name + ': ' + (error as Error).message.slice(0, 120) };
      }
    };
  }
  const { JSDOM, VirtualConsole } = await import('jsdom');
  const { Readability } = await import('@mozilla/readability');
  const quiet = new VirtualConsole();
  return (bytes, url) => {
    const dom = new JSDOM(bytes, { url, virtualConsole: quiet });
    try {
      const article = new Readability(dom.window.document).parse();
      return { ok: Boolean(article), quotes: 0 };
    } catch (error) {
      return { ok: false, quotes: 0, error: (error as Error).message.slice(0, 120) };
    } finally {
      dom.window.close();
    }
  };
}

const work = await load();
process.on('message', (request: Request | 'done') => {
  if (request === 'done') {
    process.send!({ maxRssKb: process.resourceUsage().maxRSS }, () => process.exit(0));
    return;
  }
  const bytes = readPage(request.path);
  const url = pageUrl(request.name);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = work(bytes, url);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  // CPU time (all threads of the process, GC helpers included) is steadier than wall time on a busy machine.
  process.send!({ ms, cpuMs: (used.user + used.system) / 1000, ...result });
});
process.send!({ ready: true });
