/**
 * A clock for component tests: time stands still until the test moves it, and timers run in order as
 * it passes them. Implements the app's `Clock` (renderer/app/session/clock.ts).
 */
import type { Clock } from '../../renderer/app/session';

export interface FakeClock extends Clock {
  /** Moves time forward, running every timer that falls due on the way, in order. */
  advance(ms: number): void;
  /** How many timers are waiting. */
  readonly pending: number;
}

export const FAKE_EPOCH = Date.parse('2025-06-02T09:30:00.000Z');

export function createFakeClock(start = FAKE_EPOCH): FakeClock {
  let now = start;
  let nextHandle = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const handle = nextHandle;
      nextHandle += 1;
      timers.set(handle, { at: now + Math.max(0, ms), callback });
      return handle;
    },
    clearTimeout(handle) {
      if (typeof handle === 'number') timers.delete(handle);
    },
    advance(ms) {
      const target = now + ms;
      for (;;) {
        let due: [number, { at: number; callback: () => void }] | undefined;
        for (const entry of timers) if (entry[1].at <= target && (due === undefined || entry[1].at < due[1].at)) due = entry;
        if (due === undefined) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].callback();
      }
      now = target;
    },
    get pending() {
      return timers.size;
    },
  };
}
