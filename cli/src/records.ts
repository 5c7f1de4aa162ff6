/**
 * The records file of `seal --records FILE.json` (README "Records file"): a JSON array of records
 * without ids or owners,
 *
 *   [ { "kind": "need", "tlp": "GREEN", "values": { …the kind's fields… }, "audience": ["<delegation id>", …] }, … ]
 *
 * `audience` is optional: the delegations allowed to receive the record (a RED record travels in full
 * only to a named audience; see shared/bundle/audience.ts). Each record is checked with shared/domain:
 * the kind exists and the identity's role may create it, the values match the kind's schema, and the
 * record may leave the vault at all (a draft need may not). Text must already be NFC and trimmed.
 */
import { z } from 'zod';
import { DelegationIdSchema, type Role } from '@shared/crypto';
import { canCreate, isRecordKind, isShareable, parseRecordValues } from '@shared/domain';
import { BUNDLE_LIMITS, decodeUtf8Strict, parseSafeJson } from '@shared/bundle';
import { TlpSchema, type Tlp } from '@shared/sync/tlp';
import type { Json } from '@shared/sync/json';
import { Failure } from './errors';

export const RECORDS_MAX_BYTES = 64 * 1024 * 1024;

const RecordInputSchema = z.strictObject({
  kind: z.string().min(1).max(32),
  tlp: TlpSchema,
  values: z.record(z.string(), z.json()),
  audience: z.array(DelegationIdSchema).max(BUNDLE_LIMITS.recipients).optional(),
});

export interface RecordInput {
  readonly kind: string;
  readonly tlp: Tlp;
  readonly values: Readonly<Record<string, Json>>;
  readonly audience: readonly string[] | undefined;
}

function fail(path: string, index: number, message: string): never {
  throw new Failure(`${path}: record ${index + 1}: ${message}`);
}

export function parseRecordsFile(bytes: Uint8Array, path: string, role: Role): RecordInput[] {
  const text = decodeUtf8Strict(bytes, 'payload-corrupt', path);
  const parsed = parseSafeJson(text, { maxBytes: RECORDS_MAX_BYTES, maxDepth: 32, maxObjectKeys: 256, maxValues: 20_000_000 });
  if (!parsed.ok) throw new Failure(`${path} is not valid JSON: ${parsed.message}`);
  if (!Array.isArray(parsed.value)) throw new Failure(`${path} must hold a JSON array of records`);
  const list = parsed.value as unknown[];
  if (list.length === 0) throw new Failure(`${path} holds no records`);
  if (list.length > BUNDLE_LIMITS.changeSets) throw new Failure(`${path} holds ${list.length} records; one bundle carries at most ${BUNDLE_LIMITS.changeSets}`);
  return list.map((raw, index) => {
    const shape = RecordInputSchema.safeParse(raw);
    if (!shape.success) {
      const issue = shape.error.issues[0];
      fail(path, index, `${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'} (expected {kind, tlp, values, audience?})`);
    }
    const { kind, tlp, values, audience } = shape.data;
    if (!isRecordKind(kind)) fail(path, index, `unknown kind "${kind}"`);
    if (!canCreate(role, kind)) fail(path, index, `a ${role} delegation does not create ${kind} records`);
    const checked = parseRecordValues(kind, values);
    if (!checked.ok) {
      const [field, message] = Object.entries(checked.errors)[0] ?? ['', { key: 'validation.invalid' }];
      const params = message.params === undefined ? '' : ` ${JSON.stringify(message.params)}`;
      fail(path, index, `${kind} ${field === '' ? 'values' : `field "${field}"`}: ${message.key}${params}`);
    }
    if (!isShareable(kind, checked.values)) fail(path, index, `a ${kind} in draft never leaves the vault; submit it first (status "submitted")`);
    return { kind, tlp, values: checked.values, audience };
  });
}
