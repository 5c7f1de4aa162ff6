/**
 * The growing delay after wrong passphrases (DESIGN.md §6).
 *
 * Schedule, as a function of the number of consecutive failures n (after the failure just made):
 *
 *   n = 1, 2   → no delay (typos happen; a caps-lock slip must not punish)
 *   n ≥ 3      → 2^(n−2) seconds: 2 s, 4 s, 8 s, 16 s, … capped at 5 minutes (reached at n = 11)
 *
 * The next attempt is accepted at `lastFailureAt + delay(n)`. Attempts before then are refused with
 * `retry-later` *before* the KDF runs, and do not count as failures (nothing was tried).
 *
 * What the delay is and is not: it slows a person guessing at the keyboard and makes repeated guessing
 * visible (the count reaches the audit log at the next unlock). It does not stop an attacker who copies
 * the vault files: the counter is unsealed (it must be writable when no key exists), so such an attacker
 * simply resets it or runs Argon2id elsewhere. Against that attacker the protection is the Argon2id cost
 * and the passphrase's strength, not this schedule.
 *
 * Clock changes: if the wall clock moved backwards after a failure, `lastFailureAt + delay` could lie far
 * in the future; the wait is therefore never longer than the delay counted from now.
 */

export const DELAY_FREE_FAILURES = 2;
export const MAX_DELAY_MS = 5 * 60 * 1000;

/** Delay in ms after the n-th consecutive failure. */
export function failureDelayMs(failures: number): number {
  if (!Number.isFinite(failures) || failures <= DELAY_FREE_FAILURES) return 0;
  // 2^(n-2) s; the exponent is clamped first so a huge tampered count cannot overflow to Infinity.
  const exponent = Math.min(failures - DELAY_FREE_FAILURES, 20);
  return Math.min(2 ** exponent * 1000, MAX_DELAY_MS);
}

export interface FailureCounter {
  readonly count: number;
  readonly lastFailureAt: string | null;
}

/**
 * When the next attempt is accepted, or null when there were no failures. A malformed stored time (the
 * row is unsealed and could be edited) counts as "now", so tampering can only shorten the wait to one
 * delay, never lock the user out indefinitely.
 */
export function retryAtMs(counter: FailureCounter, nowMs: number): number | null {
  if (counter.count <= 0) return null;
  const delay = failureDelayMs(counter.count);
  const last = counter.lastFailureAt === null ? Number.NaN : Date.parse(counter.lastFailureAt);
  const from = Number.isFinite(last) ? last : nowMs;
  return Math.min(from + delay, nowMs + delay);
}

export function retryAtIso(counter: FailureCounter, nowMs: number): string | null {
  const at = retryAtMs(counter, nowMs);
  return at === null ? null : new Date(at).toISOString();
}
