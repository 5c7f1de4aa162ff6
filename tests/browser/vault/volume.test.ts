/**
 * 10,000 sealed records of about 1 KB (the volume of issue 3's benchmarks) survive a write and a read
 * exactly, both inside the page (VaultService as the worker runs it) and through the real worker and
 * client. How fast is measured by `npm run bench` (vault.seal.10k, vault.open.10k), never asserted
 * here: a timed test on a shared two-core machine would only flake.
 */
import { describe, expect, it } from 'vitest';
import type { VaultRecord } from '@shared/ipc/vault-protocol';
import { createVault, useTestVault } from './helpers';
import { inPageService } from './in-page';
import { generateRecords } from '../../bench/records';

const vault = useTestVault('perf');
const COUNT = 10_000;

function sizeOf(records: readonly VaultRecord[]): number {
  return records.reduce((total, record) => total + new TextEncoder().encode(JSON.stringify(record)).length, 0);
}

describe('10,000 sealed records', () => {
  it('worker path: every record written is read back identical', async () => {
    const records = generateRecords(COUNT, 7);
    const averageBytes = Math.round(sizeOf(records) / COUNT);
    expect(averageBytes).toBeGreaterThan(800);
    expect(averageBytes).toBeLessThan(1400);

    const service = inPageService(vault.dbName);
    try {
      await service.execute({ cmd: 'create', profile: { name: 'Perf Delegation', country: 'PL', role: 'partner' }, passphrase: 'performance passphrase' });
      const put = await service.handleMessage({ id: 1, request: { cmd: 'records-put', records } });
      expect(put).toEqual({ id: 1, ok: true, result: { written: COUNT } });
      const list = await service.handleMessage({ id: 2, request: { cmd: 'records-list' } });
      expect(list?.ok).toBe(true);
      expect((list as { result: { records: VaultRecord[] } }).result.records).toEqual(records);
    } finally {
      service.close();
    }
  });

  it('through the worker and client: 10,000 records put and listed', async () => {
    const records = generateRecords(COUNT, 11);
    const { client } = await createVault(vault);
    expect(await client.request({ cmd: 'records-put', records })).toEqual({ written: COUNT });
    const list = await client.request({ cmd: 'records-list' });
    expect(list.records).toHaveLength(COUNT);
    expect(list.records[COUNT - 1]).toEqual(records[COUNT - 1]);
  });
});
