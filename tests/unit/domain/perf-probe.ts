/**
 * Probe for coord.dashboard.100k (issue #5): coverage and every dashboard figure for 100,000 records
 * (40% needs, 48% offers, 8% deliveries, 4% acceptances) must take well under 300 ms. Not a test (no
 * timing assertions in tests); run it by hand:
 *
 *   npx tsx tests/unit/domain/perf-probe.ts [count] [runs]
 *
 * The records go through a JSON round trip first, as they arrive from the vault worker (structured
 * clone), so ids are flat strings and not the concatenations the generator built. Prints each run, the
 * median and the fastest: on a shared machine the fastest is the best estimate of the cost itself.
 * CPU time includes V8's parallel garbage-collection threads.
 */
import { computeDashboard, generateBulkRecords, type CoverageInput } from '@shared/domain';

const count = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 15);
const records = JSON.parse(JSON.stringify(generateBulkRecords(count))) as CoverageInput;

const wall: number[] = [];
let warnings = 0;
for (let run = 0; run < runs; run += 1) {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const dashboard = computeDashboard(records, { today: '2025-03-03' });
  const elapsed = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  wall.push(elapsed);
  warnings = dashboard.warnings.length;
  process.stdout.write(`run ${run + 1}: ${elapsed.toFixed(1)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(1)} ms CPU\n`);
}
const sorted = [...wall].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
process.stdout.write(
  `coord.dashboard.${count / 1000}k: median ${median.toFixed(1)} ms, fastest ${(sorted[0] ?? 0).toFixed(1)} ms over ${runs} runs ` +
    `(${records.needs.length} needs, ${records.offers.length} offers, ${records.deliveries.length} deliveries, ${records.acceptances.length} acceptances; ${warnings} warnings)\n`,
);
