/**
 * Mantine's colour scheme kept in the UI store instead of localStorage (Mantine's default manager
 * writes there, and Web Storage is banned). The store is the single source of truth: the theme toggle
 * writes to the store, and this manager forwards every change to Mantine, which sets the
 * `data-mantine-color-scheme` attribute on <html>.
 */
import type { MantineColorScheme, MantineColorSchemeManager } from '@mantine/core';
import type { ColorScheme, UiStore } from './ui-store';

export function createStoreColorSchemeManager(store: UiStore, fallback: ColorScheme): MantineColorSchemeManager {
  let unsubscribe: (() => void) | undefined;
  const resolve = (value: MantineColorScheme): ColorScheme => (value === 'auto' ? fallback : value);

  return {
    get: () => store.getState().colorScheme,
    set: (value) => {
      store.getState().setColorScheme(resolve(value));
    },
    subscribe: (onUpdate) => {
      unsubscribe?.();
      unsubscribe = store.subscribe((state, previous) => {
        if (state.colorScheme !== previous.colorScheme) onUpdate(state.colorScheme);
      });
    },
    unsubscribe: () => {
      unsubscribe?.();
      unsubscribe = undefined;
    },
    clear: () => {
      store.getState().setColorScheme(fallback);
    },
  };
}
