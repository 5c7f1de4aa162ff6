/**
 * A delegation's keys (DESIGN.md §5) and this workstation's device id (§4):
 * - signing: Ed25519 (tweetnacl), signs key events, checkpoints and bundles;
 * - encryption: X25519 (tweetnacl box keys; the same 32-byte scalar is an age X25519 identity);
 * - next: the Ed25519 pre-rotation key. Only its digest is published (in the inception event); its seed
 *   goes on the printed recovery sheet, so it can later sign a revocation (or rotation) that a thief
 *   holding the current signing key cannot forge or block.
 *
 * Every secret is generated from 32 bytes of a RandomSource (seeds, not tweetnacl's own RNG), so tests
 * and golden vectors are reproducible and the secrets are compact to store and print.
 */
import nacl from 'tweetnacl';
import { z } from 'zod';
import { DOMAINS, domainHash } from './domains';
import { toBase32, zeroize } from './encoding';
import { CryptoError } from './errors';
import { randomBytes, systemRandom, type RandomSource } from './random';

export const SEED_BYTES = 32;
const DEVICE_ID_BYTES = 16;
/** Format byte of `encodeDelegationSecrets`. */
const SECRETS_FORMAT = 1;

export interface SigningKeyPair {
  /** The 32-byte seed: what is stored and printed. */
  readonly seed: Uint8Array;
  readonly publicKey: Uint8Array;
  /** tweetnacl's 64-byte form (seed ‖ public key). */
  readonly secretKey: Uint8Array;
}

export interface EncryptionKeyPair {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

export interface DelegationKeys {
  readonly signing: SigningKeyPair;
  readonly encryption: EncryptionKeyPair;
  readonly next: SigningKeyPair;
}

/** 16 random bytes as 26 lowercase base32 characters. */
export const DeviceIdSchema = z.string().regex(/^[a-z2-7]{26}$/u, { error: 'device id must be 26 lowercase base32 characters' });

export const DeviceSchema = z.strictObject({
  id: DeviceIdSchema,
  /** A human label ("Desk officer laptop"), NFC, 1–100 characters. */
  label: z
    .string()
    .min(1)
    .max(100)
    .refine((label) => label === label.normalize('NFC'), { error: 'label must be NFC-normalised' })
    .optional(),
});
export type Device = z.infer<typeof DeviceSchema>;

export function signingKeyPairFromSeed(seed: Uint8Array): SigningKeyPair {
  if (seed.length !== SEED_BYTES) throw new CryptoError('key-invalid', `An Ed25519 seed has ${SEED_BYTES} bytes, not ${seed.length}.`);
  const pair = nacl.sign.keyPair.fromSeed(seed);
  return { seed: Uint8Array.from(seed), publicKey: pair.publicKey, secretKey: pair.secretKey };
}

export function encryptionKeyPairFromSecret(secretKey: Uint8Array): EncryptionKeyPair {
  if (secretKey.length !== nacl.box.secretKeyLength) {
    throw new CryptoError('key-invalid', `An X25519 secret key has ${nacl.box.secretKeyLength} bytes, not ${secretKey.length}.`);
  }
  const pair = nacl.box.keyPair.fromSecretKey(secretKey);
  return { publicKey: pair.publicKey, secretKey: Uint8Array.from(secretKey) };
}

export interface DelegationSeeds {
  readonly signingSeed: Uint8Array;
  readonly encryptionSecret: Uint8Array;
  readonly nextSeed: Uint8Array;
}

/** Deterministic: the same seeds always give the same keys (golden vectors rely on it). */
export function delegationKeysFromSeeds(seeds: DelegationSeeds): DelegationKeys {
  return {
    signing: signingKeyPairFromSeed(seeds.signingSeed),
    encryption: encryptionKeyPairFromSecret(seeds.encryptionSecret),
    next: signingKeyPairFromSeed(seeds.nextSeed),
  };
}

export function generateDelegationKeys(random: RandomSource = systemRandom): DelegationKeys {
  const seeds = {
    signingSeed: randomBytes(SEED_BYTES, random),
    encryptionSecret: randomBytes(SEED_BYTES, random),
    nextSeed: randomBytes(SEED_BYTES, random),
  };
  try {
    return delegationKeysFromSeeds(seeds);
  } finally {
    zeroize(seeds.signingSeed, seeds.encryptionSecret, seeds.nextSeed);
  }
}

/** A new device id for this workstation (or CLI identity, or restored backup). */
export function newDeviceId(random: RandomSource = systemRandom): string {
  return toBase32(randomBytes(DEVICE_ID_BYTES, random));
}

/** The commitment to the next rotation key published in the inception: BLAKE2b-256(next-key ‖ public key). */
export function nextKeyDigest(nextPublicKey: Uint8Array): Uint8Array {
  if (nextPublicKey.length !== nacl.sign.publicKeyLength) {
    throw new CryptoError('key-invalid', `An Ed25519 public key has ${nacl.sign.publicKeyLength} bytes, not ${nextPublicKey.length}.`);
  }
  return domainHash(DOMAINS.nextKey, nextPublicKey);
}

/**
 * Compact binary form of the delegation's secrets for the sealed identity row:
 * 0x01 ‖ signing seed ‖ X25519 secret ‖ next seed (97 bytes). Binary rather than JSON so that no
 * immutable JavaScript string ever holds a secret; the caller zeroizes the result after sealing.
 */
export function encodeDelegationSecrets(keys: DelegationKeys): Uint8Array {
  const out = new Uint8Array(1 + 3 * SEED_BYTES);
  out[0] = SECRETS_FORMAT;
  out.set(keys.signing.seed, 1);
  out.set(keys.encryption.secretKey, 1 + SEED_BYTES);
  out.set(keys.next.seed, 1 + 2 * SEED_BYTES);
  return out;
}

export function decodeDelegationSecrets(bytes: Uint8Array): DelegationKeys {
  if (bytes.length !== 1 + 3 * SEED_BYTES || bytes[0] !== SECRETS_FORMAT) {
    throw new CryptoError('key-invalid', 'Stored delegation secrets have an unknown format.');
  }
  return delegationKeysFromSeeds({
    signingSeed: bytes.subarray(1, 1 + SEED_BYTES),
    encryptionSecret: bytes.subarray(1 + SEED_BYTES, 1 + 2 * SEED_BYTES),
    nextSeed: bytes.subarray(1 + 2 * SEED_BYTES),
  });
}

/** Overwrites every secret of a key set (on lock). */
export function zeroizeDelegationKeys(keys: DelegationKeys): void {
  zeroize(keys.signing.seed, keys.signing.secretKey, keys.encryption.secretKey, keys.next.seed, keys.next.secretKey);
}
