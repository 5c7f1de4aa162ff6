/**
 * Sealed rows carry UTF-8 JSON (except the delegation secrets, which are binary so that no immutable
 * string ever holds a key; shared/crypto identity). One pair of helpers so every row is encoded the same way.
 */
import { utf8Decode, utf8Encode } from '@shared/crypto';

export function encodeJson(value: unknown): Uint8Array {
  return utf8Encode(JSON.stringify(value));
}

/** Throws SyntaxError on malformed JSON; callers turn it into `vault-corrupt` naming the row. */
export function decodeJson(bytes: Uint8Array): unknown {
  return JSON.parse(utf8Decode(bytes)) as unknown;
}

/** Malformed JSON as `null`, for callers whose schema check then names the row as corrupt. */
export function decodeJsonOrNull(bytes: Uint8Array): unknown {
  try {
    return decodeJson(bytes);
  } catch {
    return null;
  }
}
