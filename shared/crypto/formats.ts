/**
 * The shapes and sizes of public values — roles, delegation ids, fingerprint and recovery-word
 * lengths, the recovery sheet — with no cryptographic code behind them. The UI validates and lays
 * these out; keeping them here keeps tweetnacl and the hash functions out of the UI bundle (they
 * belong to the vault worker).
 */
import { z } from 'zod';

export const ROLES = ['beneficiary', 'partner', 'observer', 'secretariat'] as const;
export type Role = (typeof ROLES)[number];

export const DelegationIdSchema = z.string().regex(/^[a-z2-7]{26}$/u, { error: 'delegation id must be 26 lowercase base32 characters' });

/** A fingerprint is read aloud as 8 groups of 5 decimal digits (≈132.9 bits). */
export const FINGERPRINT_DIGITS = 40;
export const FINGERPRINT_GROUP = 5;

/** BIP39 words of a 32-byte key. */
export const MNEMONIC_WORD_COUNT = 24;

const WordsSchema = z.array(z.string().regex(/^[a-z]{3,8}$/u)).length(MNEMONIC_WORD_COUNT);

export const RecoverySheetSchema = z.strictObject({
  v: z.literal(1),
  delegation: z.strictObject({ name: z.string().min(1).max(200), id: DelegationIdSchema }),
  /** 8 groups of 5 digits. */
  fingerprint: z.array(z.string().regex(/^[0-9]{5}$/u)).length(FINGERPRINT_DIGITS / FINGERPRINT_GROUP),
  recoveryWords: WordsSchema,
  nextRotationKeyWords: WordsSchema,
  /** base64 of canonical JSON {event, signature}. */
  revocationCertificateB64: z.string().min(1).max(4096),
  created: z.iso.datetime(),
});
export type RecoverySheet = z.infer<typeof RecoverySheetSchema>;
