/**
 * The OS signals that lock the vault: a locked screen, suspend and a user switch come from powerMonitor
 * events; on Linux, where there is no lock-screen event, system-wide idle time and wall-clock jumps are
 * polled. A stand-in powerMonitor and an injected clock and timer make every path deterministic.
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LockReason } from '@shared/ipc/desk-api';
import {
  DEFAULT_IDLE_THRESHOLD_SECONDS,
  DEFAULT_POLL_INTERVAL_MS,
  startLockSignals,
  type LockSignalOptions,
} from '../../../electron/main/lock-signals';

class FakePowerMonitor extends EventEmitter {
  idleSeconds = 0;
  getSystemIdleTime(): number {
    return this.idleSeconds;
  }
}

function harness(options: Partial<LockSignalOptions> = {}) {
  const powerMonitor = new FakePowerMonitor();
  const sent: LockReason[] = [];
  let clock = 1_000_000;
  let tick: (() => void) | null = null;
  let intervalMs: number | null = null;
  const cleared: unknown[] = [];
  const dispose = startLockSignals({
    powerMonitor,
    send: (reason) => sent.push(reason),
    now: () => clock,
    setInterval: (callback, ms) => {
      tick = callback;
      intervalMs = ms;
      return 'timer-1';
    },
    clearInterval: (handle) => cleared.push(handle),
    platform: 'linux',
    ...options,
  });
  return {
    powerMonitor,
    sent,
    dispose,
    cleared,
    get intervalMs() {
      return intervalMs;
    },
    /** Advances the clock by `ms` and runs one poll, as the timer would. */
    advance(ms: number) {
      clock += ms;
      if (tick === null) throw new Error('no poll timer');
      tick();
    },
    get polling() {
      return tick !== null;
    },
  };
}

describe('lock signals from powerMonitor events', () => {
  it.each([
    ['lock-screen', 'screen-locked'],
    ['suspend', 'suspend'],
    ['user-did-resign-active', 'user-switch'],
  ])('%s sends %s', (event, reason) => {
    const h = harness({ platform: 'darwin' });
    h.powerMonitor.emit(event);
    expect(h.sent).toEqual([reason]);
  });

  it('stops listening when disposed', () => {
    const h = harness();
    h.dispose();
    h.powerMonitor.emit('lock-screen');
    h.powerMonitor.emit('suspend');
    expect(h.sent).toEqual([]);
    for (const event of ['lock-screen', 'suspend', 'user-did-resign-active']) expect(h.powerMonitor.listenerCount(event)).toBe(0);
    expect(h.cleared).toEqual(['timer-1']);
  });
});

describe('idle and clock polling', () => {
  it('polls on Linux only, unless asked', () => {
    expect(harness({ platform: 'linux' }).polling).toBe(true);
    expect(harness({ platform: 'darwin' }).polling).toBe(false);
    expect(harness({ platform: 'win32' }).polling).toBe(false);
    expect(harness({ platform: 'win32', poll: true }).polling).toBe(true);
  });

  it('uses a 10 minute idle threshold and a 15 second poll by default', () => {
    const h = harness();
    expect(DEFAULT_IDLE_THRESHOLD_SECONDS).toBe(600);
    expect(h.intervalMs).toBe(DEFAULT_POLL_INTERVAL_MS);
    h.powerMonitor.idleSeconds = 599;
    h.advance(DEFAULT_POLL_INTERVAL_MS);
    expect(h.sent).toEqual([]);
    h.powerMonitor.idleSeconds = 600;
    h.advance(DEFAULT_POLL_INTERVAL_MS);
    expect(h.sent).toEqual(['idle']);
  });

  it('follows an idle time that changes while it runs (the vault setting reported by the renderer)', () => {
    let minutes = 30;
    const h = harness({ idleThresholdSeconds: () => minutes * 60 });
    h.powerMonitor.idleSeconds = 20 * 60;
    h.advance(DEFAULT_POLL_INTERVAL_MS);
    expect(h.sent).toEqual([]);
    minutes = 15;
    h.advance(DEFAULT_POLL_INTERVAL_MS);
    expect(h.sent).toEqual(['idle']);
  });

  it('sends idle once per idle stretch and again after activity', () => {
    const h = harness({ idleThresholdSeconds: 60 });
    h.powerMonitor.idleSeconds = 61;
    h.advance(DEFAULT_POLL_INTERVAL_MS);
    h.powerMonitor.idleSeconds = 76;
    h.advance(DEFAULT_POLL_INTERVAL_MS);
    expect(h.sent).toEqual(['idle']);
    h.powerMonitor.idleSeconds = 1;
    h.advance(DEFAULT_POLL_INTERVAL_MS);
    h.powerMonitor.idleSeconds = 90;
    h.advance(DEFAULT_POLL_INTERVAL_MS);
    expect(h.sent).toEqual(['idle', 'idle']);
  });

  it('sends clock-jump when a tick arrives far too late or the clock goes backwards', () => {
    const h = harness({ clockSlackMs: 5_000 });
    h.advance(DEFAULT_POLL_INTERVAL_MS + 4_000);
    expect(h.sent).toEqual([]);
    h.advance(DEFAULT_POLL_INTERVAL_MS + 3_600_000);
    expect(h.sent).toEqual(['clock-jump']);
    h.advance(-3_600_000);
    expect(h.sent).toEqual(['clock-jump', 'clock-jump']);
    h.advance(DEFAULT_POLL_INTERVAL_MS);
    expect(h.sent).toEqual(['clock-jump', 'clock-jump']);
  });
});

describe('with the real timer functions', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('detects a wall-clock jump through setInterval and Date.now', () => {
    vi.useFakeTimers({ now: new Date('2025-01-01T00:00:00Z') });
    const powerMonitor = new FakePowerMonitor();
    const sent: LockReason[] = [];
    const dispose = startLockSignals({ powerMonitor, send: (r) => sent.push(r), platform: 'linux' });
    vi.advanceTimersByTime(DEFAULT_POLL_INTERVAL_MS * 4);
    expect(sent).toEqual([]);
    vi.setSystemTime(new Date('2025-01-01T06:00:00Z'));
    vi.advanceTimersByTime(DEFAULT_POLL_INTERVAL_MS);
    expect(sent).toEqual(['clock-jump']);
    dispose();
    vi.setSystemTime(new Date('2025-01-02T00:00:00Z'));
    vi.advanceTimersByTime(DEFAULT_POLL_INTERVAL_MS * 4);
    expect(sent).toEqual(['clock-jump']);
  });
});
