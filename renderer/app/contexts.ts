/**
 * The React contexts the app provides and the hooks features use to reach them. Features import these
 * hooks (through app/hooks.ts), never the providers' internals.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { DeskApi } from '../platform/types';
import type { UiState, UiStore } from './ui-store';

export const PlatformContext = createContext<DeskApi | null>(null);
export const UiStoreContext = createContext<UiStore | null>(null);

/** The DeskApi the app runs on (Electron, browser or in-memory). */
export function usePlatform(): DeskApi {
  const platform = useContext(PlatformContext);
  if (platform === null) throw new Error('usePlatform needs a PlatformProvider above it');
  return platform;
}

/** A slice of the UI store; re-renders only when the selected value changes. */
export function useUi<T>(selector: (state: UiState) => T): T {
  const store = useContext(UiStoreContext);
  if (store === null) throw new Error('useUi needs a UiStoreProvider above it');
  return useStore(store, selector);
}
