/**
 * Checkpoints (DESIGN.md §4): `{v: 1, delegation, device, seq, head}` signed with the delegation's
 * signing key, once per local transaction and at every export. A change-set is authentic when the
 * `prev` links lead from a verified checkpoint's head down to it (chain.ts).
 *
 *   signature = Ed25519( "tallinn-desk/v1/checkpoint" ‖ 0x00 ‖ canonical(checkpoint) )
 *   wire      = { checkpoint, signature }   (signature base64)
 *
 * The delegation id is inside the signed object (beyond the design's {device, seq, head}) so that a
 * signature can never be read as vouching for another delegation's device.
 */
import { z } from 'zod';
import { base64BytesSchema, canonicalBytes, DelegationIdSchema, DOMAINS, domainSign, domainVerify, fromBase64, toBase64 } from '../crypto';
import { DeviceIdSchema } from '../crypto/identity';
import { HashB64Schema, MAX_SEQ } from './changeset';

export const CheckpointSchema = z.looseObject({
  v: z.literal(1),
  delegation: DelegationIdSchema,
  device: DeviceIdSchema,
  seq: z.number().int().min(1).max(MAX_SEQ),
  head: HashB64Schema,
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;

export const SignedCheckpointSchema = z.strictObject({ checkpoint: CheckpointSchema, signature: base64BytesSchema(64) });
export type SignedCheckpoint = z.infer<typeof SignedCheckpointSchema>;

export function signCheckpoint(checkpoint: Omit<Checkpoint, 'v'>, signingSecretKey: Uint8Array): SignedCheckpoint {
  const body = CheckpointSchema.parse({ v: 1, delegation: checkpoint.delegation, device: checkpoint.device, seq: checkpoint.seq, head: checkpoint.head });
  return { checkpoint: body, signature: toBase64(domainSign(DOMAINS.checkpoint, canonicalBytes(body), signingSecretKey)) };
}

/** True when the checkpoint is signed by `signingKey` (the delegation's current Ed25519 public key). */
export function verifyCheckpointSignature(signed: SignedCheckpoint, signingKey: Uint8Array): boolean {
  return domainVerify(DOMAINS.checkpoint, canonicalBytes(signed.checkpoint), fromBase64(signed.signature, 'signature'), signingKey);
}
