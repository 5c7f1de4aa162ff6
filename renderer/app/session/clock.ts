/**
 * Time as the session sees it: the idle timer and the retry countdown ask this object, never `Date` or
 * `setTimeout` directly, so tests can drive them with a clock of their own. The system clock reads the
 * globals at each call, so a clock installed into the page (Playwright's `page.clock`) is honoured too.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  setTimeout: (callback: () => void, ms: number): unknown => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle: unknown) => {
    globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>);
  },
});
