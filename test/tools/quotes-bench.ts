/**
 * Times extractQuotes per article. Not a test: run by hand.
 *
 *   npx tsx test/tools/quotes-bench.ts [ARTICLES.jsonl ...]
 *
 * Each input line needs a "text" field (the PolNeAR gold files and the batch input lists both do). With no
 * argument it times the golden fixtures. Every article is run three times to warm up, then timed over several
 * rounds; the figure per article is its median round, and the report gives p50/p95/max over articles.
 */

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { extractQuotes } from '../../shared/quotes/extract-quotes.ts';
import { FIXTURE_DIR, loadQuoteFixtures } from '../unit/quotes/load-fixtures.ts';

const ROUNDS = 9;

function readTexts(paths: readonly string[]): string[] {
  if (paths.length === 0) return loadQuoteFixtures(FIXTURE_DIR).map((f) => f.input);
  return paths.flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => (JSON.parse(line) as { text: string }).text),
  );
}

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

const texts = readTexts(process.argv.slice(2));
for (let warm = 0; warm < 3; warm++) for (const text of texts) extractQuotes(text);
const perArticle = texts.map((text) => {
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    extractQuotes(text);
    rounds.push(performance.now() - t0);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] ?? 0;
});
const sorted = [...perArticle].sort((a, b) => a - b);
const chars = texts.reduce((n, t) => n + t.length, 0);
process.stdout.write(
  `${texts.length} articles, ${Math.round(chars / texts.length)} chars on average, median of ${ROUNDS} rounds each\n` +
    `p50 ${quantile(sorted, 0.5).toFixed(2)} ms  p95 ${quantile(sorted, 0.95).toFixed(2)} ms  max ${(sorted[sorted.length - 1] ?? 0).toFixed(2)} ms\n`,
);
