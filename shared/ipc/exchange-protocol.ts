/**
 * The exchange part of the vault protocol (issue #7, DESIGN.md §5): contact cards, the verification
 * ceremony, the export wizard, bundle import and the exchange history. The worker does all of it (it
 * holds the keys and the change log); the UI only carries bytes between these commands and DeskApi
 * (file pickers, saving), and shows what comes back.
 *
 * Files cross the worker boundary as Uint8Array (structured clone); every size is capped here as well
 * as in shared/bundle, so a hostile pick cannot make the worker allocate without bound.
 */
import { z } from 'zod';
import { DelegationIdSchema, ROLES } from '../crypto/formats';
import { MAX_FILE_NAME_LENGTH, MAX_OPEN_FILE_BYTES, MAX_OPEN_FILES } from './desk-api';

/** A delegation id (26 base32 characters). */
export const delegationIdSchema = DelegationIdSchema;

/** How the fingerprint was compared with the other delegation's own reading of it. */
export const verificationChannelSchema = z.enum(['in-person', 'phone', 'video']);
export type VerificationChannel = z.infer<typeof verificationChannelSchema>;

/** One file the user picked, as the worker receives it (read once by DeskApi, never re-read). */
export const exchangeFileSchema = z.strictObject({
  name: z.string().min(1).max(MAX_FILE_NAME_LENGTH),
  /** Path relative to the picked folder, for the report (`name` for a plain pick). */
  relativePath: z.string().min(1).max(4096),
  bytes: z.instanceof(Uint8Array).refine((bytes) => bytes.length <= MAX_OPEN_FILE_BYTES, 'file too large'),
});
export type ExchangeFile = z.infer<typeof exchangeFileSchema>;

/** What a card says about itself, before the user has verified anything (never its fingerprint). */
export const cardPreviewSchema = z.strictObject({
  delegationId: delegationIdSchema,
  /** As proposed by the card: the verifying user assigns the name and role shown afterwards. */
  proposedName: z.string(),
  country: z.string(),
  proposedRole: z.enum(ROLES),
  /** Devices registered in its key event log; key events in it. */
  devices: z.number().int().nonnegative(),
  keyEvents: z.number().int().nonnegative(),
  /**
   * new: never seen; unverified: imported before, not verified yet; verified: already verified, the card
   * changes nothing; key-update: a verified delegation's log extended (new device, rotation, revocation).
   */
  status: z.enum(['new', 'unverified', 'verified', 'key-update']),
});
export type CardPreview = z.infer<typeof cardPreviewSchema>;

/** One event of a delegation's key event log, for its history on the Delegations screen. */
export const keyEventViewSchema = z.strictObject({
  seq: z.number().int().nonnegative(),
  type: z.enum(['inception', 'device', 'rotation', 'revocation']),
  at: z.string(),
  /** The device id for `device`; empty otherwise. */
  device: z.string(),
  /** The device's label or the revocation's reason, as written by its author (plain text). */
  label: z.string(),
});
export type KeyEventView = z.infer<typeof keyEventViewSchema>;

/**
 * Why a change-set goes redacted to a recipient (shared/bundle audience.ts plus drafts). `tlp-raised`: the
 * change-set's own level would allow it, but the record's current level (raised since) does not.
 */
export const redactionReasonSchema = z.enum(['content-not-held', 'red-audience', 'not-in-audience', 'relay-above-green', 'tlp-raised', 'draft']);
export type RedactionReason = z.infer<typeof redactionReasonSchema>;

export const exportOptionsSchema = z.strictObject({
  recipients: z.array(delegationIdSchema).min(1).max(64),
  /** incremental: what each recipient lacks by its last acknowledged version vector; everything: the whole log. */
  scope: z.enum(['incremental', 'everything']),
  /** per-recipient: one bundle each (default); by-audience: recipients who may see the same thing share one. */
  grouping: z.enum(['per-recipient', 'by-audience']),
});
export type ExportOptions = z.infer<typeof exportOptionsSchema>;

/** What one bundle of an export will hold. */
export const exportBundlePlanSchema = z.strictObject({
  recipients: z.array(delegationIdSchema).min(1),
  changeSets: z.number().int().nonnegative(),
  full: z.number().int().nonnegative(),
  redacted: z.number().int().nonnegative(),
  /** Redacted change-sets by reason. */
  reasons: z.partialRecord(redactionReasonSchema, z.number().int().positive()),
  /** Distinct records whose content goes in full. */
  records: z.number().int().nonnegative(),
  /** Content-missing requests of the recipients answered by this bundle. */
  contentRequestsAnswered: z.number().int().nonnegative(),
});
export type ExportBundlePlan = z.infer<typeof exportBundlePlanSchema>;

export const exportPreviewSchema = z.strictObject({
  bundles: z.array(exportBundlePlanSchema),
});
export type ExportPreview = z.infer<typeof exportPreviewSchema>;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/u);

/** The byte sizes of a bundle pair (0 for a missing half). */
export const fileSizesSchema = z.strictObject({ age: z.number().int().nonnegative(), minisig: z.number().int().nonnegative() });

/** The SHA-256 of each half of a bundle pair (null for a missing or unread half). */
export const fileDigestsSchema = z.strictObject({ age: sha256Hex.nullable(), minisig: sha256Hex.nullable() });

/** The per-change-set counts of an ingest (the sync engine's IngestReport; vault-protocol.ts extends them). */
export const ingestCountsSchema = z.strictObject({
  applied: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  contentFilled: z.number().int().nonnegative(),
  redacted: z.number().int().nonnegative(),
  parked: z.number().int().nonnegative(),
  newConflicts: z.number().int().nonnegative(),
});

/** A sealed bundle pair, ready to be saved by DeskApi. */
export const sealedBundleViewSchema = z.strictObject({
  bundleId: z.string(),
  recipients: z.array(delegationIdSchema).min(1),
  name: z.string().max(MAX_FILE_NAME_LENGTH),
  signatureName: z.string().max(MAX_FILE_NAME_LENGTH),
  age: z.instanceof(Uint8Array),
  minisig: z.instanceof(Uint8Array),
  sha256: z.strictObject({ age: sha256Hex, minisig: sha256Hex }),
  plan: exportBundlePlanSchema,
});
export type SealedBundleView = z.infer<typeof sealedBundleViewSchema>;

/** What an import did with one bundle (DESIGN.md §5 import report). */
export const importOutcomeSchema = z.enum(['applied', 'duplicate', 'refused']);

export const bundleImportReportSchema = z.strictObject({
  /** The `.tdesk.age` file's name and path as picked. */
  name: z.string(),
  relativePath: z.string(),
  outcome: importOutcomeSchema,
  /**
   * Known once the signature is proven; null for every refusal before that (missing pair, unknown or
   * unverified signer, invalid signature…): the key id in a .minisig is a claim anyone can write.
   */
  sender: z.strictObject({ id: delegationIdSchema, name: z.string(), fingerprint: z.array(z.string()) }).nullable(),
  signatureVerified: z.boolean(),
  bundleId: z.string().nullable(),
  size: fileSizesSchema,
  sha256: fileDigestsSchema,
  /** Per change-set, when the bundle was opened (the ingest counts, with their total and the rejected ones). */
  counts: z
    .strictObject({
      changeSets: z.number().int().nonnegative(),
      ...ingestCountsSchema.shape,
      rejected: z.number().int().nonnegative(),
    })
    .nullable(),
  /** Each rejected change-set or flag, with its reason (capped at 100 in the view; `counts` has the total). */
  problems: z.array(z.strictObject({ reason: z.string().max(64), message: z.string().max(500) })).max(100),
  /**
   * Why the whole bundle was refused: a BundleError code (or `missing-signature`, `missing-bundle`) and its
   * English message. `claimedSender` (signer-unknown / signer-unverified only, when the key id is a
   * delegation we hold): the delegation the signature CLAIMS to be from, for the "import and verify its
   * card first" hint; never proven, never the sender.
   */
  refusal: z
    .strictObject({
      code: z.string().max(64),
      message: z.string().max(1000),
      claimedSender: z.strictObject({ id: delegationIdSchema, name: z.string() }).optional(),
    })
    .nullable(),
});
export type BundleImportReport = z.infer<typeof bundleImportReportSchema>;

/** One row of the exchange history: every bundle sent or received, for matching against the stick. */
export const exchangeEntrySchema = z.strictObject({
  direction: z.enum(['sent', 'received']),
  at: z.iso.datetime(),
  bundleId: z.string().nullable(),
  name: z.string(),
  /** Recipients of a sent bundle; the sender of a received one. */
  peers: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  size: fileSizesSchema,
  sha256: fileDigestsSchema,
  changeSets: z.number().int().nonnegative(),
  /** sent: `sent`; received: the import outcome. */
  outcome: z.enum(['sent', 'applied', 'duplicate', 'refused']),
  /** Full / redacted for sent; applied / parked / rejected … for received (names as in the reports). */
  counts: z.record(z.string().max(40), z.number().int().nonnegative()),
  /** Received and refused: the bare refusal code (translated by the UI); null otherwise. */
  reason: z.string().max(1000).nullable(),
});
export type ExchangeEntry = z.infer<typeof exchangeEntrySchema>;

/** Progress of a long command (export-seal, import-bundles), posted by the worker while it works. */
export const vaultProgressSchema = z.strictObject({
  /** A stable stage name the UI translates (`gather`, `seal`, `read`, `verify`, `apply`, `write`). */
  stage: z.string().max(40),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** The file or recipient being worked on, when there is one. */
  item: z.string().max(MAX_FILE_NAME_LENGTH).optional(),
});
export type VaultProgress = z.infer<typeof vaultProgressSchema>;

/** The exchange commands' requests (merged into vaultRequestSchema). */
export const exchangeRequestSchemas = [
  /** This vault's own contact card, to give to the other delegations. */
  z.strictObject({ cmd: z.literal('card-export') }),
  /** Reads a card file (every check of shared/bundle card.ts and the collision rules); stores nothing. */
  z.strictObject({ cmd: z.literal('card-inspect'), file: exchangeFileSchema }),
  /**
   * Imports a card: stores the delegation unverified (its change-sets stay parked, its bundles are
   * refused), or applies the key events of a known delegation's newer log. Refuses colliding key ids
   * and confusable names.
   */
  z.strictObject({ cmd: z.literal('card-import'), file: exchangeFileSchema }),
  /**
   * The verification ceremony: `fingerprint` is what the user typed as the other side read it out (digits;
   * spaces and dashes ignored). On a match the delegation is verified with the name and role given here,
   * and its parked change-sets are released; on a mismatch nothing changes (`fingerprint-mismatch`).
   */
  z.strictObject({
    cmd: z.literal('delegation-verify'),
    delegationId: delegationIdSchema,
    fingerprint: z.string().min(1).max(200),
    name: z.string().trim().min(2).max(120),
    role: z.enum(ROLES),
    channel: verificationChannelSchema,
  }),
  /** A delegation with its key event history and exchange state. */
  z.strictObject({ cmd: z.literal('delegation-detail'), delegationId: delegationIdSchema }),
  z.strictObject({ cmd: z.literal('export-preview'), options: exportOptionsSchema }),
  /** Gathers, redacts, signs a checkpoint and seals; posts progress. Nothing is logged until `export-commit`. */
  z.strictObject({ cmd: z.literal('export-seal'), options: exportOptionsSchema }),
  /** The sealed bundles of `exportId` were written by DeskApi at `location`: logged in the audit log and the history. */
  z.strictObject({ cmd: z.literal('export-commit'), exportId: z.string().min(1).max(100), location: z.string().max(4096) }),
  /**
   * Imports bundle pairs (`X.tdesk.age` beside `X.tdesk.age.minisig`; other files are ignored) in any
   * order; each through the whole reading pipeline, all-or-nothing per bundle; posts progress.
   */
  z.strictObject({ cmd: z.literal('import-bundles'), files: z.array(exchangeFileSchema).min(1).max(MAX_OPEN_FILES) }),
  z.strictObject({ cmd: z.literal('exchange-history') }),
] as const;

/** Result schemas of the exchange commands (merged into vaultResultSchemas). `delegation` is the caller's DelegationView schema. */
export function exchangeResultSchemas<D extends z.ZodType, R extends z.ZodType>(delegationView: D, ingestReport: R) {
  return {
    'card-export': z.strictObject({ name: z.string().max(MAX_FILE_NAME_LENGTH), bytes: z.instanceof(Uint8Array) }),
    'card-inspect': z.strictObject({ card: cardPreviewSchema }),
    'card-import': z.strictObject({ card: cardPreviewSchema, delegation: delegationView }),
    'delegation-verify': z.strictObject({ delegation: delegationView, released: ingestReport }),
    'delegation-detail': z.strictObject({
      delegation: delegationView,
      keyEvents: z.array(keyEventViewSchema),
      /** The version vector it last acknowledged (what it holds), null before its first bundle. */
      acknowledged: z.record(z.string(), z.number()).nullable(),
      /** Parked change-sets of its devices, waiting for verification. */
      parked: z.number().int().nonnegative(),
    }),
    'export-preview': exportPreviewSchema,
    'export-seal': z.strictObject({ exportId: z.string(), bundles: z.array(sealedBundleViewSchema) }),
    'export-commit': z.strictObject({ logged: z.number().int().nonnegative() }),
    'import-bundles': z.strictObject({ reports: z.array(bundleImportReportSchema) }),
    'exchange-history': z.strictObject({ entries: z.array(exchangeEntrySchema) }),
  } as const;
}
