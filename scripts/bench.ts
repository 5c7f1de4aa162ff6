/**
 * `npm run bench [-- --filter NAME] [-- --runs N]`: builds nothing itself (npm run bench builds first),
 * serves the built app as `npm run web` does, runs the benchmarks whose names contain NAME, prints a
 * table of medians and writes bench-results.json at the repository root (git-ignored).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startAppServer } from '../tests/bench/app-server';
import { formatTable, median, type BenchResult, type Benchmark } from '../tests/bench/harness';
import { bundleBenchmarks } from '../tests/bench/bundle.bench';
import { coordBenchmarks } from '../tests/bench/coord.bench';
import { exchangeBenchmarks } from '../tests/bench/exchange.bench';
import { syncBenchmarks } from '../tests/bench/sync.bench';
import { vaultBenchmarks } from '../tests/bench/vault.bench';

const ALL: Benchmark[] = [...vaultBenchmarks, ...syncBenchmarks, ...bundleBenchmarks, ...exchangeBenchmarks, ...coordBenchmarks];

const { values } = parseArgs({ options: { filter: { type: 'string' }, runs: { type: 'string' } }, strict: true });
const runs = Math.max(5, Number(values.runs ?? 5));
const selected = ALL.filter((b) => values.filter === undefined || b.name.includes(values.filter));
if (selected.length === 0) {
  process.stderr.write(`error: no benchmark matches '${values.filter ?? ''}'; known: ${ALL.map((b) => b.name).join(', ')}\n`);
  process.exit(2);
}

const server = await startAppServer();
const rows: (BenchResult & { target?: string | undefined })[] = [];
let failed = false;
try {
  for (const bench of selected) {
    process.stdout.write(`running ${bench.name} (${runs} runs)…\n`);
    try {
      const outcome = await bench.run({ runs, appUrl: server.url });
      rows.push({ name: bench.name, median: median(outcome.samples), unit: bench.unit, runs: outcome.samples.length, params: { ...outcome.params }, target: bench.target });
    } catch (error) {
      failed = true;
      process.stderr.write(`error: ${bench.name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
} finally {
  await server.stop();
}

process.stdout.write(`\n${formatTable(rows)}\n`);
const results: BenchResult[] = rows.map(({ name, median: m, unit, runs: n, params }) => ({ name, median: m, unit, runs: n, params }));
writeFileSync(resolve(import.meta.dirname, '../bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
process.exit(failed ? 1 : 0);
