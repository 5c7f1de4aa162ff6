/**
 * The message protocol between the UI thread and the vault worker (DESIGN.md §2: the worker owns keys,
 * Dexie, sealing, the KDF and signing). Keys never cross it: the UI receives decrypted *views* and sends
 * *commands*. The only secrets that ever leave the worker are the words of a recovery sheet the user
 * asked to print, once. Both sides parse every message with these schemas.
 */
import { z } from 'zod';
import { idleLockMinutesSchema } from './desk-api';
import { exchangeRequestSchemas, exchangeResultSchemas, ingestCountsSchema, vaultProgressSchema, verificationChannelSchema } from './exchange-protocol';
// formats.ts has no crypto code behind it: the UI imports this protocol, tweetnacl stays in the worker.
import { RecoverySheetSchema, ROLES } from '../crypto/formats';

// shared/sync's id/TLP/HLC modules are zod-only (no crypto code runs in them at import time).
import { TlpSchema } from '../sync/tlp';
import { JsonSchema } from '../sync/json';

const recordIdSchema = z.string().min(1).max(200);
const kindSchema = z.string().regex(/^[a-z][a-z-]{0,31}$/u);
const fieldSchema = z.union([z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/u), z.literal('_deleted')]);
const hashSchema = z.string().min(1).max(100);
const hlcTextSchema = z.string().regex(/^[0-9]{15}\.[0-9]{5}\.[a-z2-7]{26}$/u);

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

/**
 * A record as the UI sees it: the displayed value of every field (the first head of its register, by
 * HLC) and conflict markers. Produced by shared/sync `viewOf`; the tables are a view of the change log.
 */
export const recordViewSchema = z.strictObject({
  id: recordIdSchema,
  kind: kindSchema,
  owner: z.string(),
  tlp: TlpSchema,
  deleted: z.boolean(),
  values: z.record(z.string(), JsonSchema),
  /** Fields whose register holds more than one value; `_deleted` for a delete concurrent with edits. */
  conflicts: z.array(z.string()),
  /** A delete concurrent with an edit the deleter did not see. */
  deleteConflict: z.boolean(),
  created: hlcTextSchema,
  updated: hlcTextSchema,
});
export type RecordView = z.infer<typeof recordViewSchema>;

/** One local edit: operations on one record. A missing `record` creates a new record owned by us. */
export const recordEditSchema = z.strictObject({
  record: recordIdSchema.optional(),
  kind: kindSchema,
  tlp: TlpSchema,
  ops: z
    .array(
      z.strictObject({
        field: fieldSchema,
        value: JsonSchema,
        /** Heads replaced (change-set hashes). Omitted: the heads the worker holds now. */
        base: z.array(hashSchema).max(256).optional(),
      }),
    )
    .min(1)
    .max(256),
});
export type RecordEdit = z.infer<typeof recordEditSchema>;

/** One value of a conflicting field, with who wrote it and when (DESIGN.md §4 conflict cards). */
export const conflictHeadSchema = z.strictObject({
  cs: hashSchema,
  value: JsonSchema,
  hlc: hlcTextSchema,
  /** ISO time from the HLC's wall clock. */
  at: z.iso.datetime(),
  device: z.string(),
  delegation: z.string(),
  /** Display name of the delegation when known. */
  delegationName: z.string().nullable(),
});
export type ConflictHead = z.infer<typeof conflictHeadSchema>;

export const conflictSchema = z.strictObject({
  recordId: recordIdSchema,
  kind: kindSchema,
  /** The field in conflict; `_deleted` for a delete concurrent with edits. */
  field: fieldSchema,
  /** Every value, displayed one first (a delete conflict may have a single `_deleted` head plus unseenEdits). */
  heads: z.array(conflictHeadSchema).min(1),
  /** For `_deleted`: the edits the delete did not see (fields and their heads). */
  unseenEdits: z.array(z.strictObject({ field: z.string(), head: conflictHeadSchema })).optional(),
});
export type Conflict = z.infer<typeof conflictSchema>;

export const historyEntrySchema = z.strictObject({
  cs: hashSchema,
  seq: z.number().int().positive(),
  device: z.string(),
  delegation: z.string(),
  delegationName: z.string().nullable(),
  tlp: TlpSchema,
  /** Null for a change-set held as a header only (history lists only change-sets with content today). */
  hlc: hlcTextSchema.nullable(),
  at: z.iso.datetime().nullable(),
  ops: z.array(z.strictObject({ field: z.string(), value: JsonSchema })).nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** What an import (or the test-only injection) did, per change-set (DESIGN.md §5 import report). */
export const ingestReportSchema = ingestCountsSchema.extend({
  rejected: z.array(
    z.strictObject({
      device: z.string().nullable(),
      seq: z.number().nullable(),
      hash: z.string().nullable(),
      reason: z.string().max(64),
      message: z.string().max(500),
    }),
  ),
  flagged: z.array(z.strictObject({ hash: z.string(), reason: z.string().max(64), message: z.string().max(500) })),
  forks: z.array(z.strictObject({ device: z.string(), seq: z.number(), hashes: z.array(z.string()) })),
  gaps: z.array(z.strictObject({ device: z.string(), from: z.number(), to: z.number() })),
  /** Set when the whole input was refused before anything was applied (e.g. clock skew). */
  refused: z.strictObject({ reason: z.string().max(64), message: z.string().max(500), skewMs: z.number().optional() }).nullable(),
});
export type IngestReport = z.infer<typeof ingestReportSchema>;

/** A delegation this vault knows (DESIGN.md §3): role and name as assigned when it was verified. */
export const delegationViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  country: z.string(),
  role: z.enum(ROLES),
  /** This vault's own delegation. */
  local: z.boolean(),
  /** How, when and by whom its fingerprint was checked; null while unverified (its change-sets are parked). */
  verification: z
    .strictObject({
      method: z.enum(['own', 'fingerprint', 'demo-data']),
      at: z.iso.datetime(),
      /** The delegation id of the vault that verified it (this one). */
      by: z.string(),
      /** For `fingerprint`: how the other side read it out. */
      channel: verificationChannelSchema.optional(),
    })
    .nullable(),
  revoked: z.boolean(),
  devices: z.number().int().nonnegative(),
  /**
   * 8 groups of 5 digits; EMPTY while another delegation is unverified: the user must type it as the
   * other side reads it out (DESIGN.md §5), never compare it with one shown on screen.
   */
  fingerprint: z.array(z.string()),
});
export type DelegationView = z.infer<typeof delegationViewSchema>;

export const syncStatusSchema = z.strictObject({
  /** device → highest contiguous seq. */
  versionVector: z.record(z.string(), z.number()),
  chains: z.array(
    z.strictObject({
      device: z.string(),
      delegation: z.string(),
      contiguous: z.number(),
      beyond: z.array(z.number()),
      frozen: z.boolean(),
    }),
  ),
  contentMissing: z.number().int().nonnegative(),
  parked: z.number().int().nonnegative(),
  conflicts: z.number().int().nonnegative(),
  logSize: z.number().int().nonnegative(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

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
  /** The demo picture was loaded (demo delegations recorded as verified by "demo data"). */
  'demo-data-loaded',
  /** Exchange (issue #7): cards, verification, bundles sent and received (details: ids, counts, reasons). */
  'card-exported',
  'card-imported',
  'delegation-verified',
  'verification-failed',
  /** An export was sealed (bundle ids, recipients), written before the files leave the worker. */
  'bundle-sealed',
  'bundle-exported',
  'bundle-imported',
  'bundle-refused',
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
  z.strictObject({ cmd: z.literal('records-write'), edits: z.array(recordEditSchema).min(1).max(200_000) }),
  z.strictObject({ cmd: z.literal('records-list') }),
  z.strictObject({ cmd: z.literal('record-history'), recordId: recordIdSchema }),
  z.strictObject({ cmd: z.literal('conflicts-list') }),
  z.strictObject({ cmd: z.literal('conflict-resolve'), recordId: recordIdSchema, field: fieldSchema, value: JsonSchema, base: z.array(hashSchema).min(1).max(256) }),
  z.strictObject({ cmd: z.literal('sync-status') }),
  z.strictObject({ cmd: z.literal('delegations-list') }),
  /**
   * Fills an EMPTY vault with the demo picture (issue #5): demo delegations recorded as verified with
   * "demo data" as the method, whose change-sets are signed by demo keys and applied through the change log.
   */
  z.strictObject({ cmd: z.literal('demo-load'), language: z.enum(['en', 'uk']), today: z.iso.date().optional() }),
  /** Replays the whole change log into fresh tables and compares them with the stored ones. */
  z.strictObject({ cmd: z.literal('log-rebuild') }),
  /**
   * Test builds only (refused unless the worker runs with test options): adds delegations from key event
   * logs, verified or not, and ingests change-sets and checkpoints as an import would.
   */
  z.strictObject({
    cmd: z.literal('test-inject'),
    delegations: z.array(z.strictObject({ keyEventLog: z.array(z.unknown()).max(256), verified: z.boolean() })).max(64),
    changeSets: z.array(z.unknown()).max(200_000),
    checkpoints: z.array(z.unknown()).max(10_000),
    from: z.string().nullable(),
  }),
  /** Test builds only: marks a delegation verified and releases its parked change-sets. */
  z.strictObject({ cmd: z.literal('test-verify-delegation'), delegationId: z.string() }),
  z.strictObject({ cmd: z.literal('audit-list') }),
  ...exchangeRequestSchemas,
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
  'records-write': z.strictObject({ written: z.number().int().nonnegative(), records: z.array(recordViewSchema) }),
  'records-list': z.strictObject({ records: z.array(recordViewSchema) }),
  'record-history': z.strictObject({ entries: z.array(historyEntrySchema) }),
  'conflicts-list': z.strictObject({ conflicts: z.array(conflictSchema) }),
  'conflict-resolve': z.strictObject({ record: recordViewSchema }),
  'sync-status': syncStatusSchema,
  'delegations-list': z.strictObject({ delegations: z.array(delegationViewSchema) }),
  'demo-load': z.strictObject({ report: ingestReportSchema, delegations: z.number().int().nonnegative(), records: z.number().int().nonnegative() }),
  'log-rebuild': z.strictObject({ identical: z.boolean(), records: z.number().int().nonnegative(), changeSets: z.number().int().nonnegative() }),
  'test-inject': z.strictObject({ report: ingestReportSchema }),
  'test-verify-delegation': z.strictObject({ report: ingestReportSchema }),
  'audit-list': z.strictObject({ entries: z.array(auditEntrySchema), chainIntact: z.boolean() }),
  ...exchangeResultSchemas(delegationViewSchema, ingestReportSchema),
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
  /** A write the sync layer refuses: not our record, unknown record, kind mismatch, kind rule, a value a bundle could not carry. */
  'write-refused',
  'not-found',
  /** delegation-verify: the typed fingerprint is not this delegation's (nothing was changed). */
  'fingerprint-mismatch',
  /** card-inspect / card-import: the card is invalid, newer, or collides with a known delegation (details.reason). */
  'card-refused',
  /** export-*: a recipient is not a verified, unrevoked delegation, or the export id is unknown. */
  'export-refused',
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
/** Sent by the worker before the final answer of a long command; any number of times, never after it. */
export const vaultProgressEnvelopeSchema = z.strictObject({ id: z.number().int().nonnegative(), progress: vaultProgressSchema });
export const vaultResponseEnvelopeSchema = z.discriminatedUnion('ok', [
  z.strictObject({ id: z.number().int().nonnegative(), ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ id: z.number().int().nonnegative(), ok: z.literal(false), error: vaultErrorSchema }),
]);
export type VaultResponseEnvelope = z.infer<typeof vaultResponseEnvelopeSchema>;

export * from './exchange-protocol';
