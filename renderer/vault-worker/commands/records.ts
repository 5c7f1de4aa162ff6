/**
 * `records-put` / `records-list`: generic sealed records (the domain arrives in a later issue).
 *
 * Each record is sealed as JSON {id, kind, data} under a random storage id; only that id and `kind` are
 * in plaintext (DESIGN.md §6). A put of any size is one plan and one transaction: 10,000 records of 1 KB
 * are sealed first and written with one bulkPut (tests/browser/vault/performance.test.ts measures it).
 * A list opens every row at the version the manifest expects and checks that the sealed content is the
 * record the manifest and the plaintext `kind` say it is.
 */
import type { VaultRecord } from '@shared/ipc/vault-protocol';
import { corruptRow } from '../errors';
import { decodeJsonOrNull, encodeJson } from '../json-payload';
import { WritePlan } from '../write-plan';
import { commitForSession } from './commit';
import type { CommandHandler } from './context';

export const recordsPut: CommandHandler<'records-put'> = async (ctx, request) => {
  const vault = ctx.session.current();
  if (request.records.length === 0) return { written: 0 };
  const plan = WritePlan.on(vault.manifest, vault.manifestVersion, 'records-put');
  for (const record of request.records) {
    plan.putRecord(record.id, record.kind, encodeJson({ id: record.id, kind: record.kind, data: record.data }));
  }
  await commitForSession(ctx, vault, plan);
  return { written: plan.records.length };
};

function isSealedRecord(value: unknown): value is VaultRecord {
  if (typeof value !== 'object' || value === null) return false;
  const { id, kind } = value as Partial<Record<keyof VaultRecord, unknown>>;
  return typeof id === 'string' && typeof kind === 'string' && 'data' in value;
}

export const recordsList: CommandHandler<'records-list'> = async (ctx) => {
  const vault = ctx.session.current();
  const opened = await ctx.repo.openRecords(vault.rowKey, vault.manifest);
  const records: VaultRecord[] = new Array<VaultRecord>(opened.length);
  opened.forEach(({ recordId, sid, kind, payload }, index) => {
    const value = decodeJsonOrNull(payload);
    if (!isSealedRecord(value) || value.id !== recordId || value.kind !== kind) {
      throw corruptRow('records', sid, 'content-invalid', `Record ${recordId} (row records/${sid}) opened but is not the record the vault lists there.`, {
        recordId,
      });
    }
    records[index] = { id: value.id, kind: value.kind, data: value.data };
  });
  return { records };
};
