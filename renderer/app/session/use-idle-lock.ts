/**
 * Locks after a stretch without keyboard, pointer or wheel input (DESIGN.md §6). Activity only moves a
 * timestamp; one timer at a time checks whether the idle time has passed and, if input came in the
 * meantime, waits for the rest of it. So a moving mouse costs an assignment, not a timer per event.
 */
import { useEffect, useRef } from 'react';
import type { Clock } from './clock';

/** The events that count as a person at the keyboard. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

export interface IdleLockOptions {
  /** Minutes without input before `onIdle`; nothing is scheduled when undefined. */
  readonly minutes: number | undefined;
  readonly onIdle: () => void;
  readonly clock: Clock;
  /** Where input is listened for (the window by default). */
  readonly target?: EventTarget;
}

export function useIdleLock({ minutes, onIdle, clock, target }: IdleLockOptions): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    if (minutes === undefined || !(minutes > 0)) return undefined;
    const where = target ?? window;
    const limit = minutes * 60_000;
    let lastActivity = clock.now();
    let handle: unknown;
    let fired = false;

    const check = (): void => {
      const idle = clock.now() - lastActivity;
      if (idle >= limit) {
        fired = true;
        onIdleRef.current();
        return;
      }
      handle = clock.setTimeout(check, limit - idle);
    };
    const onActivity = (): void => {
      if (!fired) lastActivity = clock.now();
    };

    for (const type of ACTIVITY_EVENTS) where.addEventListener(type, onActivity, { capture: true, passive: true });
    handle = clock.setTimeout(check, limit);
    return () => {
      clock.clearTimeout(handle);
      for (const type of ACTIVITY_EVENTS) where.removeEventListener(type, onActivity, { capture: true });
    };
  }, [minutes, clock, target]);
}
