/**
 * Exchange figures of issue #7, measured in Debian's Chromium on the app built in benchmark mode, with
 * two vault workers in one page (each its own IndexedDB database, the Argon2id floor: the KDF is not
 * what is measured). Each run: vault A writes 10,000 records (10,000 change-sets, needs submitted as
 * `open` so none is a draft), vault B writes 10,000 of its own; they exchange and verify cards.
 * - bundle.export.10k: A exports everything B lacks (10,000 change-sets) as the app does: `export-seal`
 *   (gather + redaction rules + fresh checkpoint + seal) + "write" + `export-commit` (history and audit).
 *   "Write" is turning the sealed bytes into Blobs, as the web platform's DeskApi does before it offers
 *   a download: the download itself cannot be timed reliably in a headless browser (and the desktop's
 *   save is a main-process file write outside the page).
 * - bundle.import.10k: B imports that bundle pair: read (SHA-256 of both files) + verify (signature) +
 *   decrypt + apply (ingest of 10,000 change-sets into a vault holding 10,000 records) + persist (one
 *   transaction), timed in the page around `import-bundles`.
 */
import type { Page } from 'playwright-core';
import type { BenchContext, Benchmark, BenchOutcome } from './harness';
import { generateRecords } from './records';
import { withBrowser, workerAsset } from './vault.bench';

const RECORDS = 10_000;

interface Answer {
  ok: boolean;
  result?: unknown;
  error?: unknown;
}

interface ExchangeWindow {
  __x?: {
    call(vault: 'a' | 'b', request: unknown): Promise<unknown>;
    files?: unknown[];
  };
}

async function installDrivers(page: Page, names: { a: string; b: string }): Promise<void> {
  await page.evaluate(
    ([url, a, b]) => {
      const pending = new Map<number, (message: Answer) => void>();
      let nextId = 1;
      const workers = { a: new Worker(url, { type: 'module', name: a }), b: new Worker(url, { type: 'module', name: b }) };
      for (const worker of Object.values(workers)) {
        worker.addEventListener('message', (event: MessageEvent<Answer & { id: number; progress?: unknown }>) => {
          if (event.data.progress !== undefined) return;
          pending.get(event.data.id)?.(event.data);
          pending.delete(event.data.id);
        });
      }
      (window as ExchangeWindow).__x = {
        call(vault, request) {
          const id = nextId++;
          return new Promise((resolveCall, reject) => {
            pending.set(id, (message) => {
              if (message.ok) resolveCall(message.result);
              else reject(new Error(JSON.stringify(message.error)));
            });
            workers[vault].postMessage({ id, request });
          });
        },
      };
    },
    [workerAsset(), names.a, names.b] as const,
  );
}

function edits(seed: number): unknown[] {
  return generateRecords(RECORDS, seed).map((record) => ({
    kind: record.kind,
    tlp: 'GREEN',
    ops: [...Object.entries(record.data).map(([field, value]) => ({ field, value })), ...(record.kind === 'need' ? [{ field: 'status', value: 'open' }] : [])],
  }));
}

async function prepare(page: Page, run: number): Promise<void> {
  const suffix = `${String(run)}-${Math.random().toString(36).slice(2, 8)}`;
  const name = (db: string) => `vault-worker;${JSON.stringify({ kdf: 'floor', dbName: `vault-test-bench-${db}-${suffix}` })}`;
  await installDrivers(page, { a: name('a'), b: name('b') });
  // No named functions inside page.evaluate: tsx (esbuild keepNames) would wrap them in a `__name`
  // helper the page does not have.
  await page.evaluate(
    async ([a, b]) => {
      const x = (window as ExchangeWindow).__x;
      if (!x) throw new Error('driver missing');
      const profiles: Record<string, { delegationId: string; fingerprint: string[]; name: string }> = {};
      for (const [vault, profile, records] of [
        ['a', { name: 'Ukraine', country: 'UA', role: 'beneficiary' }, a],
        ['b', { name: 'Estonia', country: 'EE', role: 'partner' }, b],
      ] as const) {
        profiles[vault] = ((await x.call(vault, { cmd: 'create', profile, passphrase: 'bench passphrase: correct horse battery staple' })) as { profile: { delegationId: string; fingerprint: string[]; name: string } }).profile;
        await x.call(vault, { cmd: 'records-write', edits: records });
      }
      for (const [from, to] of [
        ['a', 'b'],
        ['b', 'a'],
      ] as const) {
        const profile = profiles[from];
        if (profile === undefined) throw new Error('no profile');
        const card = (await x.call(from, { cmd: 'card-export' })) as { name: string; bytes: Uint8Array };
        await x.call(to, { cmd: 'card-import', file: { name: card.name, relativePath: card.name, bytes: card.bytes } });
        await x.call(to, { cmd: 'delegation-verify', delegationId: profile.delegationId, fingerprint: profile.fingerprint.join(' '), name: profile.name, role: 'partner', channel: 'in-person' });
      }
      (window as ExchangeWindow & { __recipient?: string | undefined }).__recipient = profiles['b']?.delegationId;
    },
    [edits(7_001), edits(7_002)] as const,
  );
}

async function timedExport(page: Page): Promise<{ ms: number; changeSets: number; bytes: number }> {
  return page.evaluate(async () => {
    const w = window as ExchangeWindow & { __recipient?: string | undefined };
    const x = w.__x;
    if (!x || w.__recipient === undefined) throw new Error('not prepared');
    const started = performance.now();
    const sealed = (await x.call('a', { cmd: 'export-seal', options: { recipients: [w.__recipient], scope: 'incremental', grouping: 'per-recipient' } })) as {
      exportId: string;
      bundles: { name: string; age: Uint8Array; minisig: Uint8Array; plan: { changeSets: number } }[];
    };
    // "Write": the web platform's DeskApi turns the bytes into Blobs and offers them as downloads.
    const blobs = sealed.bundles.flatMap((bundle) => [new Blob([bundle.age as Uint8Array<ArrayBuffer>]), new Blob([bundle.minisig as Uint8Array<ArrayBuffer>])]);
    await x.call('a', { cmd: 'export-commit', exportId: sealed.exportId, location: 'Downloads' });
    const ms = performance.now() - started;
    x.files = sealed.bundles.flatMap((bundle) => [
      { name: bundle.name, relativePath: bundle.name, bytes: bundle.age },
      { name: `${bundle.name}.minisig`, relativePath: `${bundle.name}.minisig`, bytes: bundle.minisig },
    ]);
    return { ms, changeSets: sealed.bundles[0]?.plan.changeSets ?? 0, bytes: blobs.reduce((sum, blob) => sum + blob.size, 0) };
  });
}

async function timedImport(page: Page): Promise<{ ms: number; applied: number; outcome: string }> {
  return page.evaluate(async () => {
    const x = (window as ExchangeWindow).__x;
    if (!x?.files) throw new Error('nothing exported');
    const started = performance.now();
    const { reports } = (await x.call('b', { cmd: 'import-bundles', files: x.files })) as { reports: { outcome: string; counts: { applied: number } | null; refusal: unknown }[] };
    const ms = performance.now() - started;
    const report = reports[0];
    return { ms, applied: report?.counts?.applied ?? 0, outcome: `${report?.outcome ?? 'none'} ${JSON.stringify(report?.refusal ?? null)}` };
  });
}

async function measure(context: BenchContext): Promise<{ exported: BenchOutcome; imported: BenchOutcome }> {
  return withBrowser(async (browser) => {
    const exportMs: number[] = [];
    const importMs: number[] = [];
    let bundleBytes = 0;
    for (let run = 0; run < context.runs; run += 1) {
      const page = await (await browser.newContext({ bypassCSP: true })).newPage();
      await page.goto(`${context.appUrl}/index.html#/bench-blank`);
      await prepare(page, run);
      const exported = await timedExport(page);
      if (exported.changeSets !== RECORDS) throw new Error(`the export held ${exported.changeSets} change-sets, expected ${RECORDS}`);
      bundleBytes = exported.bytes;
      const imported = await timedImport(page);
      if (imported.applied !== RECORDS) throw new Error(`the import applied ${imported.applied}, expected ${RECORDS} (${imported.outcome})`);
      exportMs.push(exported.ms);
      importMs.push(imported.ms);
      await page.close();
    }
    const params = { changeSets: RECORDS, vaultRecords: RECORDS, bundleBytes, write: 'Blob (web DeskApi download body)' };
    return { exported: { samples: exportMs, params }, imported: { samples: importMs, params } };
  });
}

/** One pass serves both figures (the import needs the export's bundle). */
function shared(): (context: BenchContext) => Promise<{ exported: BenchOutcome; imported: BenchOutcome }> {
  let pending: Promise<{ exported: BenchOutcome; imported: BenchOutcome }> | undefined;
  return (context) => (pending ??= measure(context));
}
const both = shared();

export const exchangeBenchmarks: Benchmark[] = [
  { name: 'bundle.export.10k', unit: 'ms', target: '< 2000', run: async (context) => (await both(context)).exported },
  { name: 'bundle.import.10k', unit: 'ms', target: '< 2500', run: async (context) => (await both(context)).imported },
];
