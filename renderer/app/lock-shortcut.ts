/**
 * Ctrl+L (⌘L on a Mac) locks the vault. Matched on the physical key (`code`), not the character, so it
 * works the same with the Ukrainian layout active, where that key types «д».
 */
import { useEffect } from 'react';

export function isApplePlatform(nav: Pick<Navigator, 'platform'> | undefined): boolean {
  return /Mac|iPhone|iPad|iPod/u.test(nav?.platform ?? '');
}

/** How the shortcut is written for a person on this platform. */
export function lockShortcutLabel(nav: Pick<Navigator, 'platform'> | undefined): string {
  return isApplePlatform(nav) ? '⌘L' : 'Ctrl+L';
}

/** The `aria-keyshortcuts` value: both modifiers are accepted, the platform's own first. */
export function lockShortcutAria(nav: Pick<Navigator, 'platform'> | undefined): string {
  return isApplePlatform(nav) ? 'Meta+L Control+L' : 'Control+L Meta+L';
}

export function isLockShortcut(event: Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return event.code === 'KeyL' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
}

/** Listens for the shortcut on the whole window while mounted. */
export function useLockShortcut(onLock: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!isLockShortcut(event)) return;
      // Ctrl+L would otherwise move focus to the address bar in a browser.
      event.preventDefault();
      onLock();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
    };
  }, [onLock]);
}
