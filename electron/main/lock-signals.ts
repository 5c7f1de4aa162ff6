/**
 * Tells the renderer to lock the vault when the operating system says the user has stepped away. The
 * renderer does the locking (it owns the keys); main only notices. macOS and Windows report a locked
 * screen; Linux does not, so there the system-wide idle time is polled instead. The same poll watches the
 * wall clock: a tick that arrives far later than scheduled (or before the previous one) means the machine
 * slept or someone moved the clock, and either is a reason to lock.
 */
import type { LockReason } from '@shared/ipc/desk-api';

/** The slice of Electron's powerMonitor this module uses, so tests can pass an EventEmitter. */
export interface PowerMonitorLike {
  on(event: 'lock-screen' | 'suspend' | 'user-did-resign-active', listener: () => void): unknown;
  removeListener(event: 'lock-screen' | 'suspend' | 'user-did-resign-active', listener: () => void): unknown;
  getSystemIdleTime(): number;
}

export interface LockSignalOptions {
  powerMonitor: PowerMonitorLike;
  send: (reason: LockReason) => void;
  /** Poll idle time and the clock; defaults to Linux only, where no lock-screen event exists. */
  poll?: boolean;
  /**
   * System-wide idle time after which the vault locks, read at every poll so the vault's setting
   * applies as soon as the renderer reports it. Default 10 minutes.
   */
  idleThresholdSeconds?: number | (() => number);
  /** How often to poll. Default 15 seconds. */
  pollIntervalMs?: number;
  /** How late a tick may be before it counts as a clock jump. Default 60 seconds. */
  clockSlackMs?: number;
  now?: () => number;
  setInterval?: (callback: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  platform?: NodeJS.Platform;
}

export const DEFAULT_IDLE_THRESHOLD_SECONDS = 10 * 60;
export const DEFAULT_POLL_INTERVAL_MS = 15_000;
export const DEFAULT_CLOCK_SLACK_MS = 60_000;

/** Starts listening; returns a function that stops everything it started. */
export function startLockSignals(options: LockSignalOptions): () => void {
  const { powerMonitor, send } = options;
  const platform = options.platform ?? process.platform;
  const poll = options.poll ?? platform === 'linux';
  const threshold = options.idleThresholdSeconds ?? DEFAULT_IDLE_THRESHOLD_SECONDS;
  const idleThreshold = typeof threshold === 'function' ? threshold : () => threshold;
  const interval = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const slack = options.clockSlackMs ?? DEFAULT_CLOCK_SLACK_MS;
  const now = options.now ?? Date.now;
  const startTimer = options.setInterval ?? ((callback, ms) => setInterval(callback, ms).unref());
  const stopTimer =
    options.clearInterval ??
    ((handle) => {
      clearInterval(handle as NodeJS.Timeout);
    });

  const events: [event: 'lock-screen' | 'suspend' | 'user-did-resign-active', reason: LockReason][] = [
    ['lock-screen', 'screen-locked'],
    ['suspend', 'suspend'],
    // macOS fast user switching: another user's session takes the screen.
    ['user-did-resign-active', 'user-switch'],
  ];
  const listeners = events.map(([event, reason]) => {
    const listener = (): void => {
      send(reason);
    };
    powerMonitor.on(event, listener);
    return [event, listener] as const;
  });

  let timer: unknown = null;
  if (poll) {
    let last = now();
    // Fire once per idle stretch: re-arm only after the user has been active again.
    let idleReported = false;
    timer = startTimer(() => {
      const current = now();
      const elapsed = current - last;
      last = current;
      if (elapsed > interval + slack || elapsed < 0) send('clock-jump');
      const idle = powerMonitor.getSystemIdleTime();
      if (idle >= idleThreshold()) {
        if (!idleReported) send('idle');
        idleReported = true;
      } else {
        idleReported = false;
      }
    }, interval);
  }

  return () => {
    for (const [event, listener] of listeners) powerMonitor.removeListener(event, listener);
    if (timer !== null) stopTimer(timer);
  };
}
