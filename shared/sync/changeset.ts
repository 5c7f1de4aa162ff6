/**
 * Change-sets (DESIGN.md §4): every write to a record becomes operations `{field, value, base}`, grouped
 * per record into one change-set with a header that chains it into its device's log.
 *
 *   content = { v: 1, salt, record, kind, hlc, ops: [{field, value, base}] }
 *   header  = { v: 1, device, seq, prev, tlp, contentDigest }
 *   contentDigest = BLAKE2b-256("tallinn-desk/v1/content"   ‖ canonical(content))   (base64)
 *   hash          = BLAKE2b-256("tallinn-desk/v1/changeset" ‖ canonical(header))    (base64)
 *
 * - `salt` is 32 random bytes: a redacted change-set (header only) must not let anyone confirm a guessed
 *   value by recomputing the digest. The HLC is inside the content, so a redacted header says neither
 *   what nor when.
 * - `prev` is the hash of the same device's previous change-set, null for seq 1. The hash covers the
 *   header, which covers the content through its digest.
 * - `base` lists the change-set hashes of the heads of that field the author saw (sorted, unique); an
 *   operation replaces exactly those heads (merge.ts).
 * - canonical(x) is RFC 8785 JSON in UTF-8 of the object *as received*: unknown fields from newer
 *   versions are kept and hashed, so they survive relaying. Parsing is loose for that reason; every known
 *   field is still checked.
 * - Field names: `[a-z][A-Za-z0-9]{0,63}`, plus the reserved `_deleted` (the record tombstone). Each
 *   field appears at most once per change-set; ops are sorted by field.
 *
 * Change-sets are not signed one by one: a signed checkpoint (checkpoint.ts) authenticates every
 * change-set it reaches through `prev` links (tweetnacl verifies only ~150 signatures a second here).
 */
import { z } from 'zod';
import { canonicalJson, DOMAINS, domainHashText, randomBytes, systemRandom, toBase64, type RandomSource } from '../crypto';
import { DeviceIdSchema } from '../crypto/identity';
import { type Hlc, formatHlc, HlcTextSchema } from './hlc';
import { JsonSchema, type Json } from './json';
import { RecordIdSchema, type RecordId } from './ids';
import { type Tlp, TlpSchema } from './tlp';

export const CHANGESET_FORMAT = 1;
export const SALT_BYTES = 32;
/**
 * Bounds that keep one hostile change-set, and one hostile record, cheap (docs/sync.md §10):
 *
 * - MAX_OPS_PER_CHANGESET operations per change-set;
 * - MAX_FIELDS_PER_RECORD fields per record (the tombstone not counted) and MAX_HEADS_PER_REGISTER
 *   concurrent heads per field: a change-set that would take a record past either is rejected
 *   (`too-many-fields`, `too-many-heads`) on import and refused on a local write;
 * - the base of an ordinary field names at most MAX_HEADS_PER_REGISTER hashes (an author never sees more
 *   heads than that); the base of the tombstone names the change-sets of the heads of every field the
 *   author saw (merge.ts), at most MAX_BASE_HEADS distinct hashes. A record whose heads come from more
 *   change-sets than that (only possible with many unresolved conflicts: without any, at most 256 fields
 *   + 64 tombstone heads) must have conflicts resolved before it can be deleted or restored
 *   (local-write.ts says so).
 *
 * So one change-set names at most 255 × 64 + 1024 hashes in its bases.
 */
export const MAX_OPS_PER_CHANGESET = 256;
export const MAX_FIELDS_PER_RECORD = 256;
export const MAX_HEADS_PER_REGISTER = 64;
export const MAX_BASE_HEADS = 1024;
export const MAX_SEQ = Number.MAX_SAFE_INTEGER;

/** The record tombstone: value `true` deletes, `false` restores. */
export const TOMBSTONE_FIELD = '_deleted';
export const FieldNameSchema = z.union([z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/u), z.literal(TOMBSTONE_FIELD)]);
/**
 * Base64 of exactly 32 bytes, in its one spelling: 43 characters and one `=`, the character before the
 * pad carrying 4 data bits and 2 zero bits. It accepts exactly what `base64BytesSchema(32)` accepts (a unit
 * test checks both ways) with a regular expression instead of a decode, because every change-set holds
 * several of these (prev, contentDigest, salt, each base entry) and parsing is most of an import's cost.
 */
const BASE64_32_BYTES = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/u;
export const HashB64Schema = z.string().regex(BASE64_32_BYTES, { error: 'must be base64 of exactly 32 bytes' });
export const KindSchema = z.string().regex(/^[a-z][a-z-]{0,31}$/u);

const sortedUnique = (values: readonly string[]): boolean => values.every((value, index) => index === 0 || (values[index - 1] as string) < value);

export const OperationSchema = z
  .looseObject({
    field: FieldNameSchema,
    value: JsonSchema,
    base: z.array(HashB64Schema).max(MAX_BASE_HEADS).refine(sortedUnique, { error: 'base must be sorted and unique' }),
  })
  .refine((op) => op.field === TOMBSTONE_FIELD || op.base.length <= MAX_HEADS_PER_REGISTER, {
    error: `the base of a field other than ${TOMBSTONE_FIELD} names at most ${MAX_HEADS_PER_REGISTER} heads`,
    path: ['base'],
  });
export type Operation = z.infer<typeof OperationSchema>;

export const ContentSchema = z.looseObject({
  v: z.literal(CHANGESET_FORMAT),
  /** SALT_BYTES = 32: the same shape as a hash. */
  salt: HashB64Schema,
  record: RecordIdSchema,
  kind: KindSchema,
  hlc: HlcTextSchema,
  ops: z
    .array(OperationSchema)
    .min(1)
    .max(MAX_OPS_PER_CHANGESET)
    .refine((ops) => sortedUnique(ops.map((op) => op.field)), { error: 'ops must be sorted by field, each field once' }),
});
export type Content = z.infer<typeof ContentSchema>;

export const HeaderSchema = z
  .looseObject({
    v: z.literal(CHANGESET_FORMAT),
    device: DeviceIdSchema,
    seq: z.number().int().min(1).max(MAX_SEQ),
    prev: HashB64Schema.nullable(),
    tlp: TlpSchema,
    contentDigest: HashB64Schema,
  })
  .refine((header) => (header.seq === 1) === (header.prev === null), { error: 'prev is null exactly for seq 1', path: ['prev'] });
export type Header = z.infer<typeof HeaderSchema>;

/** Wire and storage form: header always, content unless redacted. */
export interface ChangeSet {
  readonly header: Header;
  readonly content?: Content;
}

export const ChangeSetSchema = z.strictObject({ header: HeaderSchema, content: ContentSchema.optional() });

export function isRedacted(changeSet: ChangeSet): boolean {
  return changeSet.content === undefined;
}

// Both hash the canonical JSON's UTF-8 as canonicalBytes spells it, without keeping the bytes (domainHashText).
export function contentDigest(content: unknown): string {
  return toBase64(domainHashText(DOMAINS.content, canonicalJson(content)));
}

export function changeSetHash(header: unknown): string {
  return toBase64(domainHashText(DOMAINS.changeset, canonicalJson(header)));
}

/**
 * True when the content is the one the header commits to. Comparing the base64 texts is comparing the
 * bytes: the header's digest passed HashB64Schema, which admits only the one canonical spelling, and ours
 * is canonical. (Nothing secret is compared, so no constant-time comparison is needed.)
 */
export function contentMatchesHeader(header: Header, content: unknown): boolean {
  return header.contentDigest === contentDigest(content);
}

/** The header alone: what a recipient not entitled to the content receives (DESIGN.md §4, Redaction). */
export function redact(changeSet: ChangeSet): ChangeSet {
  return { header: changeSet.header };
}

export interface OperationInput {
  readonly field: string;
  readonly value: Json;
  /** Heads this operation replaces (change-set hashes); sorted and de-duplicated here. */
  readonly base: readonly string[];
}

export interface ChangeSetInput {
  readonly device: string;
  readonly seq: number;
  readonly prev: string | null;
  readonly tlp: Tlp;
  readonly record: RecordId;
  readonly kind: string;
  readonly hlc: Hlc;
  readonly ops: readonly OperationInput[];
}

export class ChangeSetError extends Error {
  readonly issues: readonly string[];
  constructor(message: string, issues: readonly string[] = []) {
    super(message);
    this.name = 'ChangeSetError';
    this.issues = issues;
  }
}

function describe(error: z.ZodError): string[] {
  return error.issues.slice(0, 5).map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
}

/** Builds a change-set with a fresh salt, validated against the same schemas a reader applies. */
export function createChangeSet(input: ChangeSetInput, random: RandomSource = systemRandom): { changeSet: ChangeSet; hash: string } {
  const ops = [...input.ops]
    .map((op) => ({ field: op.field, value: op.value, base: [...new Set(op.base)].sort() }))
    .sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
  const rawContent = { v: CHANGESET_FORMAT, salt: toBase64(randomBytes(SALT_BYTES, random)), record: input.record, kind: input.kind, hlc: formatHlc(input.hlc), ops };
  const content = ContentSchema.safeParse(rawContent);
  if (!content.success) throw new ChangeSetError('The change-set content is invalid.', describe(content.error));
  const rawHeader = { v: CHANGESET_FORMAT, device: input.device, seq: input.seq, prev: input.prev, tlp: input.tlp, contentDigest: contentDigest(rawContent) };
  const header = HeaderSchema.safeParse(rawHeader);
  if (!header.success) throw new ChangeSetError('The change-set header is invalid.', describe(header.error));
  return { changeSet: { header: header.data, content: content.data }, hash: changeSetHash(rawHeader) };
}

export type ParsedChangeSet =
  | { readonly ok: true; readonly changeSet: ChangeSet; readonly hash: string }
  | { readonly ok: false; readonly reason: 'schema' | 'content-digest'; readonly message: string };

/**
 * Parses an untrusted change-set and checks that its content (when present) is the one its header
 * commits to. Hashes are computed from the objects as received (loose schemas keep unknown fields).
 * Never throws.
 */
export function parseChangeSet(raw: unknown): ParsedChangeSet {
  const parsed = ChangeSetSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'schema', message: describe(parsed.error).join('; ') };
  const { header, content } = parsed.data;
  try {
    if (content !== undefined && !contentMatchesHeader(header, content)) {
      return { ok: false, reason: 'content-digest', message: 'the content is not the one the header commits to' };
    }
    const changeSet: ChangeSet = content === undefined ? { header } : { header, content };
    return { ok: true, changeSet, hash: changeSetHash(header) };
  } catch (error) {
    return { ok: false, reason: 'schema', message: (error as Error).message };
  }
}
