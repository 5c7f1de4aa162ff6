/**
 * Every cap of the bundle reader, as named constants (DESIGN.md §5 "Limits"; docs/bundle-format.md §8).
 * Each is checked BEFORE the work it bounds, so a hostile file costs time and memory bounded by its size:
 * a file is never read past its cap, a header never scanned past its cap, a stream never inflated past
 * its cap, JSON never parsed past its caps.
 *
 * Worst cases on the reference machine (Node 20, 2 vCPU): BLAKE2b-512 of 256 MiB ≈ 0.35 s (hash-wasm),
 * age decryption of 256 MiB ≈ 3.5 s, Ed25519 verification ≈ 10 ms per signature with tweetnacl (so the
 * signature caps below bound the verification work of one bundle to ~20 s at the very worst, and real
 * bundles carry a few dozen signatures).
 */
import { MINISIGN_LIMITS } from '../crypto/minisign';

export const MIB = 1024 * 1024;

export const BUNDLE_LIMITS = {
  /** `.tdesk.age` file size, checked with stat before reading (DESIGN.md §5). */
  fileBytes: 256 * MIB,
  /** `.minisig` file size: four lines at minisign's own line limits. */
  signatureFileBytes: MINISIGN_LIMITS.signatureFileBytes,
  /** The signed trusted comment text: minisign's own limit (8,192-byte line buffer). */
  trustedCommentBytes: MINISIGN_LIMITS.trustedCommentBytes,
  /** Recipients of one bundle (signed list and age stanzas). */
  recipients: 64,
  /** The age header (version line, stanzas, MAC line): 64 X25519 stanzas take about 6.5 KiB. */
  ageHeaderBytes: 16 * 1024,
  /** One line of the age header (the longest legal X25519 line is 53 bytes). */
  ageHeaderLineBytes: 256,
  /** Decrypted payload: 32-byte salt + compressed JSON; bounded by the file size anyway. */
  /** Decompressed JSON (DESIGN.md §5). */
  decompressedBytes: 256 * MIB,
  /** Compressed input pushed into the inflater per step: one step inflates at most ~1032 × this. */
  inflateChunkBytes: 16 * 1024,
  /** JSON nesting depth (a change-set needs about 8; operation values are the only free-form part). */
  jsonDepth: 64,
  /** Keys of one JSON object. */
  jsonObjectKeys: 4096,
  /** JSON values (objects, arrays, strings, numbers, literals) in one payload: bounds memory of the parse. */
  jsonValues: 8_000_000,
  /** Change-sets in one bundle. */
  changeSets: 200_000,
  /** Signed checkpoints in one bundle (each costs one signature verification). */
  checkpoints: 1024,
  /** Key event logs in one bundle. */
  keyEventLogs: 64,
  /** Key events over all logs of one bundle (each costs one signature verification when its delegation is known). */
  keyEventsTotal: 1024,
  /** Content-missing requests in one bundle. */
  contentMissing: 200_000,
  /** Devices in the sender's version vector. */
  versionVectorEntries: 16_384,
  /** A contact card file. */
  cardFileBytes: 1 * MIB,
} as const;

export type BundleLimits = { -readonly [K in keyof typeof BUNDLE_LIMITS]: number };
