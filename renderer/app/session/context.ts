/** The session and the clock as React context, and the hooks features use to reach them. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { systemClock, type Clock } from './clock';
import type { SessionState, VaultSession } from './session';
import type { WorkingSetState } from './working-set';

export const VaultSessionContext = createContext<VaultSession | null>(null);
export const ClockContext = createContext<Clock>(systemClock);

/** The vault session's operations (unlock, lock, settings, …). */
export function useVaultSession(): VaultSession {
  const session = useContext(VaultSessionContext);
  if (session === null) throw new Error('useVaultSession needs a VaultSessionContext above it');
  return session;
}

/** A slice of the session state; re-renders only when it changes. */
export function useSession<T>(selector: (state: SessionState) => T): T {
  const session = useVaultSession();
  return useStore(session.store, (state) => selector(state.session));
}

/** The unlocked session's settings, or undefined while locked. */
export function useSettings() {
  return useSession((state) => (state.status === 'unlocked' ? state.settings : undefined));
}

/** The unlocked session's delegation profile, or undefined while locked. */
export function useProfile() {
  return useSession((state) => (state.status === 'unlocked' ? state.profile : undefined));
}

/** A slice of the decrypted working set; re-renders only when it changes. */
export function useWorkingSet<T>(selector: (state: WorkingSetState) => T): T {
  return useStore(useVaultSession().workingSet, selector);
}

export function useClock(): Clock {
  return useContext(ClockContext);
}
