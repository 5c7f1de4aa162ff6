/**
 * Sync figures of issue #4, measured in Debian's Chromium on the app built in benchmark mode (the
 * production build plus the test-only worker commands, which is how change-sets reach a vault before
 * bundle imports exist):
 * - sync.apply.10k: 10,000 incoming change-sets of one operation each from 5 devices, each chain covered
 *   by one checkpoint, applied by the vault worker to a vault holding 10,000 records: verify (checkpoint
 *   signatures, hash links, content digests) + merge + persist in one transaction, timed in the page
 *   around the worker call (`test-inject`);
 * - sync.rebuild.10k / sync.rebuild.100k: the change log (10,000 change-sets over 1,000 records, and
 *   100,000 over 10,000) read from disk, opened and replayed into fresh tables, which are compared with
 *   the stored ones (`log-rebuild`).
 */
import type { Page } from 'playwright-core';
import type { BenchContext, Benchmark, BenchOutcome } from './harness';
import { generateRecords } from './records';
import { syncStream, type InjectPayload } from './sync-data';
import { call, freshVault, withBrowser } from './vault.bench';

const WORKER_NAME = 'vault-worker;{"testCommands":true}';

interface BenchWindow {
  __bench?: { call(request: unknown): Promise<{ ms: number; result: unknown }> };
  __inject?: InjectPayload;
}

async function timedInject(page: Page, payload: InjectPayload): Promise<{ ms: number; report: { applied: number; rejected: unknown[]; refused: unknown } }> {
  // Handed over as plain JSON (the change-set types are too deep for Playwright's argument typing).
  await page.evaluate((json) => {
    (window as BenchWindow).__inject = JSON.parse(json) as InjectPayload;
  }, JSON.stringify(payload));
  const { ms, result } = await page.evaluate(async () => {
    const w = window as BenchWindow;
    if (!w.__bench || !w.__inject) throw new Error('driver or payload missing');
    const answer = await w.__bench.call({ cmd: 'test-inject', ...w.__inject, from: null });
    delete w.__inject;
    return answer;
  });
  return { ms, report: (result as { report: { applied: number; rejected: unknown[]; refused: unknown } }).report };
}

async function writeLocalRecords(page: Page, count: number): Promise<void> {
  const records = generateRecords(count, 99);
  const edits = records.map((record) => ({ kind: record.kind, tlp: 'GREEN', ops: Object.entries(record.data).map(([field, value]) => ({ field, value })) }));
  await call(page, { cmd: 'records-write', edits });
}

async function apply(context: BenchContext): Promise<BenchOutcome> {
  const payload = syncStream({ changeSets: 10_000, records: 10_000, seed: 404 });
  return withBrowser(async (browser) => {
    const samples: number[] = [];
    for (let run = 0; run < context.runs; run += 1) {
      const page = await (await browser.newContext({ bypassCSP: true })).newPage();
      await freshVault(page, context.appUrl, WORKER_NAME);
      await writeLocalRecords(page, 10_000);
      const { ms, report } = await timedInject(page, payload);
      if (report.applied !== 10_000 || report.refused !== null) throw new Error(`expected 10,000 applied, got ${JSON.stringify(report).slice(0, 400)}`);
      samples.push(ms);
      await page.close();
    }
    return { samples, params: { incoming: 10_000, devices: 5, checkpoints: 5, vaultRecords: 10_000, opsPerChangeSet: 1 } };
  });
}

async function rebuild(context: BenchContext, changeSets: number, records: number): Promise<BenchOutcome> {
  const payload = syncStream({ changeSets, records, seed: 505 });
  // Injected in slices of 10,000, newest first: the first slice carries the checkpoints and is
  // authenticated down from them; each older slice is authenticated by the stored change-set after it
  // (its `prev` link), exactly as a stick that fills a gap would be.
  const size = 10_000;
  const chunks: InjectPayload[] = [];
  for (let offset = 0; offset < payload.changeSets.length; offset += size) {
    chunks.unshift({ delegations: payload.delegations, changeSets: payload.changeSets.slice(offset, offset + size), checkpoints: [] });
  }
  chunks[0] = { ...(chunks[0] as InjectPayload), checkpoints: payload.checkpoints };
  return withBrowser(async (browser) => {
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    await freshVault(page, context.appUrl, WORKER_NAME);
    let applied = 0;
    for (const chunk of chunks) {
      const { report } = await timedInject(page, chunk);
      if (report.refused !== null || report.rejected.length > 0) throw new Error(`injection refused: ${JSON.stringify(report).slice(0, 400)}`);
      applied += report.applied;
    }
    if (applied !== changeSets) throw new Error(`expected ${changeSets} applied, got ${applied}`);
    const samples: number[] = [];
    for (let run = 0; run < context.runs; run += 1) {
      // A fresh worker each run: the log is read from disk and opened, not taken from memory.
      await call(page, { cmd: 'lock' });
      await call(page, { cmd: 'unlock', passphrase: 'bench passphrase: correct horse battery staple' });
      const { ms, result } = await call(page, { cmd: 'log-rebuild' });
      const answer = result as { identical: boolean; records: number; changeSets: number };
      if (!answer.identical || answer.records !== records || answer.changeSets !== changeSets) {
        throw new Error(`rebuild gave ${JSON.stringify(answer)}, expected ${records} identical records from ${changeSets} change-sets`);
      }
      samples.push(ms);
    }
    return { samples, params: { changeSets, records, devices: 5 } };
  });
}

export const syncBenchmarks: Benchmark[] = [
  { name: 'sync.apply.10k', unit: 'ms', target: '< 2000', run: apply },
  { name: 'sync.rebuild.10k', unit: 'ms', target: '< 1500', run: (context) => rebuild(context, 10_000, 1_000) },
  { name: 'sync.rebuild.100k', unit: 'ms', target: '< 10000', run: (context) => rebuild(context, 100_000, 10_000) },
];
