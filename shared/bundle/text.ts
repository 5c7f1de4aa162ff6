/**
 * Text helpers of the bundle layer: strict UTF-8 decoding (invalid sequences refused, not replaced) and
 * escaping of attacker-controlled text for display (control characters and bidirectional overrides would
 * otherwise let a file rewrite a terminal line or reorder what a checkpoint officer reads).
 */
import { BundleError, type BundleErrorCode } from './errors';

interface StrictDecoder {
  decode(bytes: Uint8Array): string;
}

const decoder: StrictDecoder = (() => {
  // TextDecoder exists in every runtime shared/ runs in (browsers, workers, Node); its type is DOM's.
  const Decoder = (globalThis as unknown as { TextDecoder: new (label: string, options: { fatal: boolean }) => StrictDecoder }).TextDecoder;
  return new Decoder('utf-8', { fatal: true });
})();

export function decodeUtf8Strict(bytes: Uint8Array, code: BundleErrorCode, what: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new BundleError(code, `${what} is not UTF-8 text.`);
  }
}

/** C0, DEL, C1, bidi embeddings/overrides/isolates, line/paragraph separators, zero-width and BOM. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu;

/** Does `text` hold a control, bidi, separator, zero-width or BOM character (the set escapeControl escapes)? */
export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found;
}

/** Replaces every unsafe character with a visible escape (`\x1b`, `\u202e`); backslashes are doubled. */
export function escapeControl(text: string): string {
  return text.replace(/\\/gu, '\\\\').replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
