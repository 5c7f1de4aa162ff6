/**
 * Vault figures of issue #3, measured in Debian's Chromium on the built app:
 * - vault.seal.10k: 10,000 new records sealed and written by the vault worker in one command;
 * - vault.open.10k: all 10,000 rows read and opened by the worker (and handed to the page);
 * - vault.unlock.10k: from submitting the passphrase on the unlock screen to all 10,000 records in the
 *   UI's working set and the first screen painted, at the calibrated KDF parameters.
 * The worker is driven through its message protocol (shared/ipc/vault-protocol.ts), as the UI drives it.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium';
import { BENCH_RENDERER_DIR } from './app-server';
import type { BenchContext, Benchmark, BenchOutcome } from './harness';
import { generateRecords } from './records';

const PASSPHRASE = 'bench passphrase: correct horse battery staple';
const RECORDS = 10_000;

export function workerAsset(): string {
  const assets = resolve(import.meta.dirname, '../..', BENCH_RENDERER_DIR, 'assets');
  const file = readdirSync(assets).find((name) => /^vault-worker-[\w-]+\.js$/u.test(name));
  if (file === undefined) throw new Error(`no vault-worker asset in ${BENCH_RENDERER_DIR}/assets: run \`npm run bench\` (it builds first)`);
  return `/assets/${file}`;
}

interface BenchWindow {
  __bench?: { call(request: unknown): Promise<{ ms: number; result: unknown }> };
  __benchRecords?: unknown[];
}

/** Installs a protocol driver for a fresh worker in the page; every call is timed inside the page. */
export async function installDriver(page: Page, workerUrl: string, workerName = 'vault-worker'): Promise<void> {
  await page.evaluate(([url, name]) => {
    const worker = new Worker(url, { type: 'module', name });
    const pending = new Map<number, (message: { ok: boolean; result?: unknown; error?: unknown }) => void>();
    let nextId = 1;
    worker.addEventListener('message', (event: MessageEvent<{ id: number; ok: boolean; result?: unknown; error?: unknown }>) => {
      pending.get(event.data.id)?.(event.data);
      pending.delete(event.data.id);
    });
    (window as BenchWindow).__bench = {
      call(request) {
        const id = nextId++;
        const started = performance.now();
        return new Promise((resolveCall, reject) => {
          pending.set(id, (message) => {
            if (message.ok) resolveCall({ ms: performance.now() - started, result: message.result });
            else reject(new Error(JSON.stringify(message.error)));
          });
          worker.postMessage({ id, request });
        });
      },
    };
  }, [workerUrl, workerName] as const);
}

export async function call(page: Page, request: unknown): Promise<{ ms: number; result: unknown }> {
  return page.evaluate((req) => {
    const bench = (window as BenchWindow).__bench;
    if (!bench) throw new Error('driver not installed');
    return bench.call(req);
  }, request);
}

export async function freshVault(page: Page, appUrl: string, workerName = 'vault-worker'): Promise<Record<string, unknown>> {
  await page.goto(`${appUrl}/index.html`);
  await page.evaluate(
    () =>
      new Promise<void>((done, fail) => {
        const request = indexedDB.deleteDatabase('tallinn-desk-vault');
        request.onsuccess = () => {
          done();
        };
        request.onerror = () => {
          fail(new Error('could not delete the vault database'));
        };
        request.onblocked = () => {
          done();
        };
      }),
  );
  await page.goto(`${appUrl}/index.html#/bench-blank`);
  await installDriver(page, workerAsset(), workerName);
  const created = await call(page, {
    cmd: 'create',
    profile: { name: 'Bench Delegation', country: 'EE', role: 'partner' },
    passphrase: PASSPHRASE,
  });
  const profile = (created.result as { profile: { kdf: Record<string, unknown> } }).profile;
  return profile.kdf;
}

async function loadRecordsIntoPage(page: Page): Promise<void> {
  await page.evaluate((records) => {
    (window as BenchWindow).__benchRecords = records;
  }, generateRecords(RECORDS));
}

async function putRecords(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const w = window as BenchWindow;
    if (!w.__bench || !w.__benchRecords) throw new Error('driver or records missing');
    // Each record becomes one local edit (one change-set); all of them one transaction and one checkpoint.
    const edits = (w.__benchRecords as { kind: string; data: Record<string, unknown> }[]).map((record) => ({
      kind: record.kind,
      tlp: 'GREEN',
      ops: Object.entries(record.data).map(([field, value]) => ({ field, value })),
    }));
    const { ms } = await w.__bench.call({ cmd: 'records-write', edits });
    return ms;
  });
}

export async function withBrowser<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  try {
    return await work(browser);
  } finally {
    await browser.close();
  }
}

async function sealAndOpen(context: BenchContext): Promise<{ seal: BenchOutcome; open: BenchOutcome }> {
  return withBrowser(async (browser) => {
    const seal: number[] = [];
    const open: number[] = [];
    let kdf: Record<string, unknown> = {};
    for (let run = 0; run < context.runs; run += 1) {
      // The worker is driven directly, not by the app's client, so the page's Trusted Types policy (which
      // only the app may create) is bypassed; what is measured is the worker, which keeps its own CSP.
      const page = await (await browser.newContext({ bypassCSP: true })).newPage();
      kdf = await freshVault(page, context.appUrl);
      await loadRecordsIntoPage(page);
      seal.push(await putRecords(page));
      // Read from disk, not from the worker's memory: lock (drops the replica) and unlock first.
      await call(page, { cmd: 'lock' });
      await call(page, { cmd: 'unlock', passphrase: PASSPHRASE });
      const listed = await call(page, { cmd: 'records-list' });
      const count = (listed.result as { records: unknown[] }).records.length;
      if (count !== RECORDS) throw new Error(`records-list returned ${count} records, expected ${RECORDS}`);
      open.push(listed.ms);
      await page.close();
    }
    const params = { records: RECORDS, recordBytes: '~1 KB, ~30% Cyrillic', kdf };
    return { seal: { samples: seal, params }, open: { samples: open, params } };
  });
}

/** One seal+open pass serves both figures; the cache keeps the two benchmarks from repeating it. */
function sharedSealOpen(): (context: BenchContext) => Promise<{ seal: BenchOutcome; open: BenchOutcome }> {
  let pending: Promise<{ seal: BenchOutcome; open: BenchOutcome }> | undefined;
  return (context) => (pending ??= sealAndOpen(context));
}
const sealOpen = sharedSealOpen();

async function unlock(context: BenchContext): Promise<BenchOutcome> {
  // One browser profile on disk, opened twice: first with the CSP bypassed to fill the vault through the
  // worker directly, then as an ordinary browser in which the real app unlocks under its real CSP.
  const profileDir = mkdtempSync(join(tmpdir(), 'tallinn-desk-bench-'));
  const launch = (bypassCSP: boolean): Promise<BrowserContext> =>
    chromium.launchPersistentContext(profileDir, { executablePath: chromiumPath, args: chromiumArgs, headless: true, bypassCSP });
  try {
    const filling = await launch(true);
    const fillPage = filling.pages()[0] ?? (await filling.newPage());
    const kdf = await freshVault(fillPage, context.appUrl);
    await loadRecordsIntoPage(fillPage);
    await putRecords(fillPage);
    await call(fillPage, { cmd: 'lock' });
    await filling.close();

    const browser = await launch(false);
    const page = browser.pages()[0] ?? (await browser.newPage());
    const samples: number[] = [];
    try {
      for (let run = 0; run < context.runs; run += 1) {
        samples.push(await measureUnlock(page, context.appUrl));
      }
    } finally {
      await browser.close();
    }
    return { samples, params: { records: RECORDS, kdf } };
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/** Loads the locked app, types the passphrase, and times submit → working set loaded and painted. */
async function measureUnlock(page: Page, appUrl: string): Promise<number> {
  await page.goto(`${appUrl}/index.html`);
  const field = page.getByLabel('Passphrase', { exact: true });
  await field.fill(PASSPHRASE);
  await page.evaluate(() => {
    performance.clearMarks();
    document.addEventListener('submit', () => performance.mark('bench:submit'), { capture: true, once: true });
  });
  await field.press('Enter');
  // No named functions inside page.evaluate: tsx (esbuild keepNames) would wrap them in a `__name`
  // helper the page does not have.
  const ms = await page.evaluate(async () => {
    const started = Date.now();
    for (;;) {
      const submit = performance.getEntriesByName('bench:submit')[0];
      const painted = performance.getEntriesByName('tallinn-desk:working-set-painted')[0];
      if (submit && painted) return painted.startTime - submit.startTime;
      if (Date.now() - started > 60_000) throw new Error('the unlocked screen was not painted within 60 s');
      await new Promise((resume) => setTimeout(resume, 20));
    }
  });
  const count = await page.evaluate(() => Number(document.documentElement.dataset['workingSetSize'] ?? -1));
  if (count !== RECORDS) throw new Error(`the working set holds ${count} records, expected ${RECORDS}`);
  return ms;
}

export const vaultBenchmarks: Benchmark[] = [
  { name: 'vault.unlock.10k', unit: 'ms', target: '< 1500', run: unlock },
  { name: 'vault.seal.10k', unit: 'ms', target: '< 2000', run: async (context) => (await sealOpen(context)).seal },
  { name: 'vault.open.10k', unit: 'ms', target: '< 1000', run: async (context) => (await sealOpen(context)).open },
];
