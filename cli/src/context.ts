/** What every command gets: where to write, the environment, the terminal, the clock and a stopwatch. */
import type { Output } from './output';
import type { Terminal } from './passphrase';

export interface CliContext {
  readonly out: Output;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly terminal: Terminal;
  /** ms since the epoch. */
  readonly now: () => number;
  /** Named durations (ms), printed on stderr when TALLINN_DESK_TIMINGS=1 (the bench reads them). */
  readonly timings: Map<string, number>;
}

export const TIMINGS_ENV = 'TALLINN_DESK_TIMINGS';

export async function timed<T>(context: CliContext, name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    context.timings.set(name, (context.timings.get(name) ?? 0) + performance.now() - start);
  }
}

export function print(context: CliContext, text = ''): void {
  context.out.stdout.write(`${text}\n`);
}

/** Aligned "label: value" lines. */
export function printTable(context: CliContext, rows: readonly (readonly [string, string])[]): void {
  const width = Math.max(...rows.map(([label]) => label.length)) + 1;
  for (const [label, value] of rows) print(context, `${`${label}:`.padEnd(width + 1)}${value}`);
}
