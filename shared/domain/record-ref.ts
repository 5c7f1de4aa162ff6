/**
 * References between records (an allocation's need, a delivery's offer, …) and the owner they carry.
 *
 * A record id is `<owner delegation id>-<26 base32 characters>` (shared/sync/ids.ts, DESIGN.md §3), so
 * the owner of a referenced record is known from the reference alone, even before (or without) the
 * record itself having been received. That is what lets kind-rules.ts check "a delivery only by the
 * owner of its offer" as a pure function of the delivery.
 *
 * The pattern is repeated here rather than imported from shared/sync/ids.ts because that module pulls
 * in shared/crypto (tweetnacl, hash functions) to mint ids, and this module is loaded by the UI thread,
 * which must stay free of them (see shared/crypto/formats.ts). tests/unit/domain/record-ref.test.ts
 * asserts that both patterns accept and refuse the same ids.
 */
import { z } from 'zod';

const DELEGATION_ID = '[a-z2-7]{26}';
export const DELEGATION_ID_PATTERN = new RegExp(`^${DELEGATION_ID}$`, 'u');
export const RECORD_REF_PATTERN = new RegExp(`^(${DELEGATION_ID})-([a-z2-7]{26})$`, 'u');

/** The same test as RECORD_REF_PATTERN without its capture groups: coverage tests every reference on each change. */
const RECORD_REF_TEST = /^[a-z2-7]{26}-[a-z2-7]{26}$/;

export function isRecordRef(value: unknown): value is string {
  return typeof value === 'string' && value.length === 53 && RECORD_REF_TEST.test(value);
}

export function isDelegationId(value: unknown): value is string {
  return typeof value === 'string' && value.length === 26 && DELEGATION_ID_PATTERN.test(value);
}

/** The owning delegation of a record id (its first 26 characters), or null when it is not a record id. */
export function ownerOf(recordId: string): string | null {
  return isRecordRef(recordId) ? recordId.slice(0, 26) : null;
}

export const RecordRefSchema = z.string().regex(RECORD_REF_PATTERN, { error: 'validation.invalidRecordId' });
export const DelegationRefSchema = z.string().regex(DELEGATION_ID_PATTERN, { error: 'validation.invalidDelegationId' });
