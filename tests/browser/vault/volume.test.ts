/**
 * 10,000 sealed records of about 1 KB (the volume of issue 3's benchmarks), written as 10,000 local edits
 * (one change-set each, one transaction), survive a write and a read exactly, both inside the page
 * (VaultService as the worker runs it) and through the real worker and client, and again after a new
 * session opens them from disk. How fast is measured by `npm run bench` (vault.seal.10k,
 * vault.open.10k), never asserted here: a timed test on a shared two-core machine would only flake.
 */
import { describe, expect, it } from 'vitest';
import type { RecordEdit, RecordView } from '@shared/ipc/vault-protocol';
import { createVault, lockAndClose, PASSPHRASE, useTestVault } from './helpers';
import { inPageService } from './in-page';
import { type BenchRecord, generateRecords } from '../../bench/records';

const vault = useTestVault('perf');
const COUNT = 10_000;
/** Correctness only; the generous limit is for a slow shared machine, not a speed requirement. */
const TIMEOUT_MS = 300_000;

function sizeOf(records: readonly BenchRecord[]): number {
  return records.reduce((total, record) => total + new TextEncoder().encode(JSON.stringify(record)).length, 0);
}

function toEdit(record: BenchRecord): RecordEdit {
  return { kind: record.kind, tlp: 'GREEN', ops: Object.entries(record.data).map(([field, value]) => ({ field, value })) };
}

/** Every view is the record it was written from (kind, values), in write order, each with its own id. */
function expectSameRecords(views: readonly RecordView[], records: readonly BenchRecord[]): void {
  expect(views).toHaveLength(records.length);
  expect(new Set(views.map((view) => view.id)).size).toBe(records.length);
  expect(views.map((view) => ({ kind: view.kind, tlp: view.tlp, deleted: view.deleted, conflicts: view.conflicts, values: view.values }))).toEqual(
    records.map((record) => ({ kind: record.kind, tlp: 'GREEN', deleted: false, conflicts: [], values: record.data })),
  );
}

describe('10,000 sealed records', () => {
  it(
    'in the page: every record written is read back identical, also by a new session',
    async () => {
      const records = generateRecords(COUNT, 7);
      const averageBytes = Math.round(sizeOf(records) / COUNT);
      expect(averageBytes).toBeGreaterThan(800);
      expect(averageBytes).toBeLessThan(1400);

      const service = inPageService(vault.dbName);
      let written: RecordView[];
      try {
        await service.execute({ cmd: 'create', profile: { name: 'Perf Delegation', country: 'PL', role: 'partner' }, passphrase: 'performance passphrase' });
        const put = await service.handleMessage({ id: 1, request: { cmd: 'records-write', edits: records.map(toEdit) } });
        expect(put).toMatchObject({ id: 1, ok: true, result: { written: COUNT } });
        written = (put as { result: { records: RecordView[] } }).result.records;
        expectSameRecords(written, records);
        const list = await service.handleMessage({ id: 2, request: { cmd: 'records-list' } });
        expect(list?.ok).toBe(true);
        expect((list as { result: { records: RecordView[] } }).result.records).toEqual(written);
      } finally {
        service.close();
      }

      const reopened = inPageService(vault.dbName);
      try {
        await reopened.execute({ cmd: 'unlock', passphrase: 'performance passphrase' });
        expect((await reopened.execute({ cmd: 'records-list' })).records).toEqual(written);
        expect(await reopened.execute({ cmd: 'log-rebuild' })).toEqual({ identical: true, records: COUNT, changeSets: COUNT });
      } finally {
        reopened.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'through the worker and client: 10,000 records written, listed, and listed again by a new worker',
    async () => {
      const records = generateRecords(COUNT, 11);
      const { client } = await createVault(vault);
      const put = await client.request({ cmd: 'records-write', edits: records.map(toEdit) });
      expect(put.written).toBe(COUNT);
      expectSameRecords(put.records, records);
      expect((await client.request({ cmd: 'records-list' })).records).toEqual(put.records);
      await lockAndClose(client);

      const again = vault.client();
      await again.request({ cmd: 'unlock', passphrase: PASSPHRASE });
      const list = await again.request({ cmd: 'records-list' });
      expect(list.records).toEqual(put.records);
    },
    TIMEOUT_MS,
  );
});
