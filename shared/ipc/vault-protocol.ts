/**
 * The message protocol between the UI thread and the vault worker (DESIGN.md §2: the worker owns keys,
 * Dexie, sealing, the KDF and signing). Keys never cross it: the UI receives decrypted *views* and sends
 * *commands*. The only secrets that ever leave the worker are the words of a recovery sheet the user
 * asked to print, once. Both sides parse every message with these schemas.
 */
import { z } from 'zod';
import { idleLockMinutesSchema } from './desk-api';
// formats.ts has no crypto code behind it: the UI imports this protocol, tweetnacl stays in the worker.
import { RecoverySheetSchema, ROLES } from '../crypto/formats';

/** Ids are opaque to the UI; records are free-form JSON until the domain schemas arrive (issue #5). */
const recordIdSchema = z.string().min(1).max(200);
const kindSchema = z.string().regex(/^[a-z][a-z-]{0,31}$/u);

export const delegationProfileInputSchema = z.strictObject({
  name: z.string().trim().min(2).max(120),
  /** ISO 3166-1 alpha-2, upper case. */
  country: z.string().regex(/^[A-Z]{2}$/u),
  role: z.enum(ROLES),
});
export type DelegationProfileInput = z.infer<typeof delegationProfileInputSchema>;

export const settingsSchema = z.strictObject({
  /** Minutes without input before the vault locks itself; 0 is not allowed (a security product). */
  idleLockMinutes: idleLockMinutesSchema,
  language: z.enum(['en', 'uk']),
  colorScheme: z.enum(['light', 'dark']),
  /** The answer of navigator.storage.persist(), recorded by the UI; null until asked. */
  storagePersisted: z.boolean().nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = { idleLockMinutes: 10, language: 'en', colorScheme: 'light', storagePersisted: null };

export const vaultRecordSchema = z.strictObject({
  id: recordIdSchema,
  kind: kindSchema,
  data: z.json(),
});
export type VaultRecord = z.infer<typeof vaultRecordSchema>;

export const auditActionSchema = z.enum([
  'vault-created',
  'unlock',
  'unlock-failed',
  'recovery-used',
  'passphrase-changed',
  'recovery-sheet-renewed',
  'settings-changed',
  'storage-persistence',
  'locked',
]);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const auditEntrySchema = z.strictObject({
  seq: z.number().int().nonnegative(),
  at: z.iso.datetime(),
  action: auditActionSchema,
  /** Facts about the action (counts, reasons, changed setting names); never secrets or record content. */
  details: z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean(), z.null()])),
  /** Hex BLAKE2b-256 chaining this entry to the previous one. */
  hash: z.string().regex(/^[0-9a-f]{64}$/u),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const profileSchema = z.strictObject({
  delegationId: z.string(),
  name: z.string(),
  country: z.string(),
  role: z.enum(ROLES),
  deviceId: z.string(),
  /** 8 groups of 5 digits. */
  fingerprint: z.array(z.string()),
  kdf: z.strictObject({ memoryKiB: z.number(), iterations: z.number(), parallelism: z.number() }),
});
export type Profile = z.infer<typeof profileSchema>;

export const vaultStateSchema = z.strictObject({
  /** `empty`: first run; `locked`: a vault exists; `unlocked`: keys are in the worker. */
  state: z.enum(['empty', 'locked', 'unlocked']),
  /** The unsealed failure counter (DESIGN.md §6): drives the growing delay across reloads. */
  failures: z.strictObject({ count: z.number().int().nonnegative(), retryAt: z.iso.datetime().nullable() }),
});
export type VaultState = z.infer<typeof vaultStateSchema>;

const passphrase = z.string().min(1).max(1024);

export const vaultRequestSchema = z.discriminatedUnion('cmd', [
  z.strictObject({ cmd: z.literal('state') }),
  z.strictObject({ cmd: z.literal('create'), profile: delegationProfileInputSchema, passphrase }),
  z.strictObject({ cmd: z.literal('unlock'), passphrase }),
  z.strictObject({ cmd: z.literal('unlock-with-recovery'), words: z.string().min(1).max(2000), newPassphrase: passphrase }),
  z.strictObject({ cmd: z.literal('lock') }),
  z.strictObject({ cmd: z.literal('profile') }),
  z.strictObject({ cmd: z.literal('change-passphrase'), current: passphrase, next: passphrase }),
  z.strictObject({ cmd: z.literal('renew-recovery-sheet'), passphrase }),
  z.strictObject({ cmd: z.literal('settings-get') }),
  z.strictObject({ cmd: z.literal('settings-set'), settings: settingsSchema.partial() }),
  z.strictObject({ cmd: z.literal('records-put'), records: z.array(vaultRecordSchema).max(200_000) }),
  z.strictObject({ cmd: z.literal('records-list') }),
  z.strictObject({ cmd: z.literal('audit-list') }),
]);
export type VaultRequest = z.infer<typeof vaultRequestSchema>;
export type VaultCommand = VaultRequest['cmd'];

/** What each command answers with when it succeeds. */
export const vaultResultSchemas = {
  state: vaultStateSchema,
  create: z.strictObject({ profile: profileSchema, recoverySheet: RecoverySheetSchema }),
  unlock: profileSchema,
  'unlock-with-recovery': profileSchema,
  lock: z.strictObject({ locked: z.literal(true) }),
  profile: profileSchema,
  'change-passphrase': z.strictObject({ changed: z.literal(true) }),
  'renew-recovery-sheet': z.strictObject({ recoverySheet: RecoverySheetSchema }),
  'settings-get': settingsSchema,
  'settings-set': settingsSchema,
  'records-put': z.strictObject({ written: z.number().int().nonnegative() }),
  'records-list': z.strictObject({ records: z.array(vaultRecordSchema) }),
  'audit-list': z.strictObject({ entries: z.array(auditEntrySchema), chainIntact: z.boolean() }),
} as const satisfies Record<VaultCommand, z.ZodType>;
export type VaultResult<C extends VaultCommand> = z.infer<(typeof vaultResultSchemas)[C]>;

/** Failures the UI shows in its own words (en/uk); `message` is English detail for logs and tests. */
export const vaultErrorCodeSchema = z.enum([
  'invalid-request',
  'no-vault',
  'vault-exists',
  'locked',
  'wrong-passphrase',
  'retry-later',
  'passphrase-too-short',
  'recovery-words-invalid',
  'recovery-key-mismatch',
  'kdf-params-invalid',
  'vault-corrupt',
  'internal',
]);
export type VaultErrorCode = z.infer<typeof vaultErrorCodeSchema>;

export const vaultErrorSchema = z.strictObject({
  code: vaultErrorCodeSchema,
  message: z.string().max(2000),
  /** For `retry-later` and `wrong-passphrase`: when the next attempt is accepted. */
  retryAt: z.iso.datetime().optional(),
  /** Machine-readable facts (a field name, word positions, table and id) for the UI's message. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))])).optional(),
});
export type VaultError = z.infer<typeof vaultErrorSchema>;

/** Envelope: every request carries an id the response repeats. */
export const vaultRequestEnvelopeSchema = z.strictObject({ id: z.number().int().nonnegative(), request: vaultRequestSchema });
export const vaultResponseEnvelopeSchema = z.discriminatedUnion('ok', [
  z.strictObject({ id: z.number().int().nonnegative(), ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ id: z.number().int().nonnegative(), ok: z.literal(false), error: vaultErrorSchema }),
]);
export type VaultResponseEnvelope = z.infer<typeof vaultResponseEnvelopeSchema>;
