/**
 * Record ids carry their owner (DESIGN.md §3): `<owner delegation id>-<26 base32 characters>`, i.e. the
 * owning delegation's 26-character id, a hyphen (never part of lowercase base32, so the split is
 * unambiguous) and 128 random bits. Whoever writes a change-set for a record must be that delegation
 * (merge enforces it), so ownership can never be claimed by someone else.
 */
import { z } from 'zod';
import { randomBytes, systemRandom, toBase32, type RandomSource } from '../crypto';

const DELEGATION_ID = '[a-z2-7]{26}';
export const RECORD_ID_PATTERN = new RegExp(`^(${DELEGATION_ID})-([a-z2-7]{26})$`, 'u');

export const RecordIdSchema = z.string().regex(RECORD_ID_PATTERN, { error: 'record id must be <owner delegation id>-<26 base32 characters>' });
export type RecordId = z.infer<typeof RecordIdSchema>;

/** A new record id owned by `owner` (a delegation id). */
export function newRecordId(owner: string, random: RandomSource = systemRandom): RecordId {
  if (!new RegExp(`^${DELEGATION_ID}$`, 'u').test(owner)) throw new RangeError(`Not a delegation id: ${owner}`);
  return `${owner}-${toBase32(randomBytes(16, random))}`;
}

/** The owning delegation of a record id, or null when the text is not a record id. */
export function ownerOfRecord(recordId: string): string | null {
  const match = RECORD_ID_PATTERN.exec(recordId);
  return match?.[1] ?? null;
}
