/**
 * Installs the benchmark hook (bench-api.ts) while the vault is unlocked, in benchmark builds only: the
 * mode test is replaced by a constant when the app is built, so a production build drops the branch
 * and never contains the hook or the bulk generator.
 */
import { useEffect } from 'react';
import { useVaultSession } from './session';

export function useBenchApi(): void {
  const session = useVaultSession();
  useEffect(() => {
    if (import.meta.env.MODE === 'benchmark') {
      let uninstall: (() => void) | undefined;
      let cancelled = false;
      void import('./bench-api').then(({ installBenchApi }) => {
        if (!cancelled) uninstall = installBenchApi(window, session);
      });
      return () => {
        cancelled = true;
        uninstall?.();
      };
    }
    return undefined;
  }, [session]);
}
