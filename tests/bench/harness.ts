/**
 * The benchmark harness behind `npm run bench`: each benchmark returns its samples, the harness takes
 * medians, prints one table and writes bench-results.json as `[{name, median, unit, runs, params}]`.
 * A benchmark is a measurement, not a test: targets are printed beside the figures, never asserted.
 */
export type Unit = 'ms' | 'MB' | 'ratio';

export interface BenchContext {
  /** How many measured runs each benchmark makes (at least 5). */
  readonly runs: number;
  /** Base URL of the built app served exactly as `npm run web` serves it. */
  readonly appUrl: string;
}

export interface BenchOutcome {
  readonly samples: readonly number[];
  /** What the figure was measured with (KDF parameters, record counts…). */
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface Benchmark {
  readonly name: string;
  readonly unit: Unit;
  /** The target, shown beside the median ("< 1500"). */
  readonly target?: string;
  run(context: BenchContext): Promise<BenchOutcome>;
}

export interface BenchResult {
  name: string;
  median: number;
  unit: Unit;
  runs: number;
  params: Record<string, unknown>;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function formatTable(rows: readonly (BenchResult & { target?: string | undefined })[]): string {
  const header = ['benchmark', 'median', 'unit', 'runs', 'target'];
  const body = rows.map((r) => [r.name, r.median.toFixed(r.unit === 'ratio' ? 2 : 1), r.unit, String(r.runs), r.target ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 1 || i === 3 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
