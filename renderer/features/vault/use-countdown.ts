/** Whole seconds left until an ISO date (a `retryAt`), ticking once a second on the app's clock. */
import { useEffect, useState } from 'react';
import { useClock } from '../../app/hooks';

export function useSecondsUntil(until: string | null | undefined): number {
  const clock = useClock();
  const target = until === null || until === undefined ? Number.NaN : Date.parse(until);
  const [now, setNow] = useState(() => clock.now());

  useEffect(() => {
    if (Number.isNaN(target)) return undefined;
    let handle: unknown;
    const tick = (): void => {
      const at = clock.now();
      setNow(at);
      const left = target - at;
      // Wake on the next whole-second boundary so the number shown changes when it should.
      if (left > 0) handle = clock.setTimeout(tick, left % 1000 === 0 ? 1000 : left % 1000);
    };
    handle = clock.setTimeout(tick, 0);
    return () => {
      clock.clearTimeout(handle);
    };
  }, [target, clock]);

  return Number.isNaN(target) ? 0 : Math.max(0, Math.ceil((target - now) / 1000));
}
