/**
 * The sealed `rows/profile` row: the delegation's public identity as created on this workstation.
 *
 * It keeps the signed key event log (so the delegation id, keys and fingerprint are re-derived and
 * re-verified at every unlock, not trusted from a stored string) and the revocation certificate (so a
 * new recovery sheet can print it again). The protocol's `Profile` view is computed from it.
 */
import { z } from 'zod';
import {
  DelegationIdSchema,
  DeviceIdSchema,
  fingerprintDigits,
  fingerprintGroups,
  type KdfCost,
  type KeyState,
  MAX_KEY_EVENTS,
  ROLES,
} from '@shared/crypto';
import type { Profile } from '@shared/ipc/vault-protocol';

export const ProfileRecordSchema = z.strictObject({
  v: z.literal(1),
  delegationId: DelegationIdSchema,
  name: z.string().min(1).max(200),
  country: z.string().regex(/^[A-Z]{2}$/u),
  role: z.enum(ROLES),
  deviceId: DeviceIdSchema,
  /** Signed key events, verified with verifyKeyEventLog at every unlock. */
  keyEventLog: z.array(z.unknown()).min(1).max(MAX_KEY_EVENTS),
  /** The recovery sheet's revocation certificate: base64 of canonical {event, signature}. */
  revocationCertificateB64: z.string().min(1).max(4096),
  created: z.iso.datetime(),
});
export type ProfileRecord = z.infer<typeof ProfileRecordSchema>;

/** The UI's view of the unlocked delegation. */
export function profileView(record: ProfileRecord, keyState: KeyState, kdf: KdfCost): Profile {
  const digits = fingerprintDigits({ delegationId: keyState.delegationId, signingKey: keyState.signingKey, encryptionKey: keyState.encryptionKey });
  return {
    delegationId: keyState.delegationId,
    name: record.name,
    country: record.country,
    role: record.role,
    deviceId: record.deviceId,
    fingerprint: fingerprintGroups(digits),
    kdf: { memoryKiB: kdf.memoryKiB, iterations: kdf.iterations, parallelism: kdf.parallelism },
  };
}
