/**
 * Keyboard hints for passphrase fields (DESIGN.md §6): Caps Lock, and which script the last typed
 * character came from, so a delegate who switches between the Ukrainian and an English layout notices
 * before a passphrase is typed in the wrong one. Only the script is kept, never the character.
 */
import { useCallback, useState, type KeyboardEvent } from 'react';

export type KeyboardScript = 'latin' | 'cyrillic';

/** The script of one typed character, or undefined for digits, punctuation and anything else. */
export function scriptOf(character: string): KeyboardScript | undefined {
  if (/^\p{Script=Latin}$/u.test(character)) return 'latin';
  if (/^\p{Script=Cyrillic}$/u.test(character)) return 'cyrillic';
  return undefined;
}

export interface KeyboardHints {
  readonly capsLock: boolean;
  readonly script: KeyboardScript | undefined;
  /** Attach to the field's onKeyDown and onKeyUp. */
  readonly onKey: (event: KeyboardEvent<HTMLElement>) => void;
}

export function useKeyboardHints(): KeyboardHints {
  const [capsLock, setCapsLock] = useState(false);
  const [script, setScript] = useState<KeyboardScript | undefined>(undefined);
  const onKey = useCallback((event: KeyboardEvent<HTMLElement>) => {
    setCapsLock(event.getModifierState('CapsLock'));
    // A printable key names one character; "Shift", "Backspace", "ArrowLeft" and the like do not.
    if (event.type === 'keydown' && /^.$/su.test(event.key)) {
      const typed = scriptOf(event.key);
      if (typed !== undefined) setScript(typed);
    }
  }, []);
  return { capsLock, script, onKey };
}
