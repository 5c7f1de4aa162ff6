/**
 * A faster engine for BLAKE2b-256, the hash behind every change-set, checkpoint and row binding.
 *
 * @noble/hashes is pure JavaScript and works everywhere (the UI thread's CSP forbids WebAssembly), but
 * it hashes ~25 MB/s here; hash-wasm's BLAKE2b (the same library as Argon2id) is ~10× faster. Importing
 * a bundle of 10,000 change-sets hashes every header and content twice over, so the difference is
 * hundreds of milliseconds.
 *
 * Both compute the same function (RFC 7693, 32-byte output, no key): `domainHash` gives identical bytes
 * with either (a property test checks it), so enabling the engine never changes a stored or signed value.
 * The vault worker (whose CSP allows 'wasm-unsafe-eval') and the CLI enable it at start-up; until the
 * WebAssembly module is compiled, and wherever it cannot be, hashing stays on @noble/hashes.
 *
 * The compiled hasher is cached in this module: a capability, like hash-wasm's own module cache, not
 * application state. It is used synchronously (init, update, digest with no await between), so two
 * callers can never interleave on it.
 */
import { createBLAKE2b, type IHasher } from 'hash-wasm';

interface Engine {
  hasher: IHasher | null;
  pending: Promise<boolean> | null;
}

const engine: Engine = { hasher: null, pending: null };

/** Compiles the WebAssembly BLAKE2b once; resolves false (and keeps @noble/hashes) if it cannot. */
export function enableFastHashing(): Promise<boolean> {
  engine.pending ??= createBLAKE2b(256).then(
    (hasher) => {
      engine.hasher = hasher;
      return true;
    },
    () => false,
  );
  return engine.pending;
}

/** Back to @noble/hashes (tests compare the two engines). */
export function disableFastHashing(): void {
  engine.hasher = null;
  engine.pending = null;
}

/** BLAKE2b-256 of the concatenation of `parts` with the WebAssembly engine, or null when it is not enabled. */
export function fastBlake2b256(parts: readonly Uint8Array[]): Uint8Array | null {
  const { hasher } = engine;
  if (hasher === null) return null;
  hasher.init();
  for (const part of parts) hasher.update(part);
  return hasher.digest('binary');
}
