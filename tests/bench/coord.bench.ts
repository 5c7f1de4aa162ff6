/**
 * Coordination figures of issue #5, measured in Debian's Chromium on the app built in benchmark mode,
 * with 100,000 records from shared/domain's seeded bulk generator (40% needs, 48% offers, 8% deliveries,
 * 4% acceptances) put into the unlocked app's working set by its benchmark-only hook
 * (renderer/app/bench-api.ts, generated in the page):
 * - coord.search.100k: a keystroke in the Needs list's search box to the filtered list painted: from
 *   the keydown event's timestamp to a task queued from the first animation frame after the list
 *   committed the new search text ("servers", typed one key at a time);
 * - coord.search.100k.filter: the search alone (filtering the prepared rows), as the list measures it;
 * - coord.dashboard.100k: coverage and every dashboard figure computed (the dashboard's own timing,
 *   `data-dashboard-ms`);
 * - coord.heap.100k: JS heap in MB after loading the records and rendering the dashboard and the Needs
 *   list, after a forced garbage collection, summed over the page and its workers (CDP).
 */
import type { CDPSession, Page } from 'playwright-core';
import { median, type BenchContext, type Benchmark, type BenchOutcome } from './harness';
import { withBrowser } from './vault.bench';

const RECORDS = 100_000;
const SEED = 20231214;
const QUERY = 'servers';
const PASSPHRASE = 'bench passphrase: correct horse battery staple';

interface BenchWindow {
  __tallinnDeskBench?: { loadBulk(count: number, seed?: number): { records: number; ms: number } };
  __benchKey?: { down: number | null; painted: number | null; search: number | null; count: number | null; query: string | null };
}

/** The first-run set-up through the UI (the real worker derives the keys), as a partner delegation. */
async function createVault(page: Page, appUrl: string): Promise<void> {
  await page.goto(`${appUrl}/index.html`);
  await page.getByRole('textbox', { name: 'Delegation name' }).fill('Bench Delegation');
  await page.getByRole('combobox', { name: 'Country' }).click();
  await page.getByRole('option', { name: 'Estonia', exact: true }).click();
  await page.getByRole('radio', { name: 'Partner' }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Repeat the passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create the vault' }).click();
  await page.getByRole('checkbox', { name: 'I have printed or written down the recovery sheet' }).check({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Continue to Tallinn Desk' }).click();
  await page.waitForFunction(() => (window as BenchWindow).__tallinnDeskBench !== undefined, undefined, { timeout: 30_000 });
}

async function section(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true }).click();
  await page.locator('h1', { hasText: name }).waitFor();
}

/** Fills the working set (on the dashboard, which computes its figures) and returns the compute time. */
async function loadAndComputeDashboard(page: Page): Promise<number> {
  const before = await page.evaluate(() => performance.getEntriesByName('tallinn-desk:dashboard-computed').length);
  const loaded = await page.evaluate(([count, seed]) => {
    const api = (window as BenchWindow).__tallinnDeskBench;
    if (api === undefined) throw new Error('no benchmark hook: build with --mode benchmark');
    return api.loadBulk(count, seed);
  }, [RECORDS, SEED] as const);
  if (loaded.records !== RECORDS) throw new Error(`the hook loaded ${String(loaded.records)} records`);
  await page.waitForFunction(
    ([count, marks]) =>
      document.documentElement.dataset['dashboardRecords'] === String(count) && performance.getEntriesByName('tallinn-desk:dashboard-computed').length > marks,
    [RECORDS, before] as const,
    { timeout: 60_000 },
  );
  return page.evaluate(() => Number(document.documentElement.dataset['dashboardMs']));
}

/** One key into the search box: keydown → the list committed with the new text → the next frame painted. */
async function measureKey(page: Page, key: string, expected: string): Promise<{ total: number; search: number }> {
  // Set up before the key is pressed: the paint time is taken in the page, not when Playwright asks.
  await page.evaluate(() => {
    const w = window as BenchWindow;
    const state = { down: null as number | null, painted: null as number | null, search: null as number | null, count: null as number | null, query: null as string | null };
    w.__benchKey = state;
    const list = document.querySelector('.td-record-list');
    if (list === null) throw new Error('the Needs list is not on screen');
    document.addEventListener(
      'keydown',
      (event) => {
        state.down = event.timeStamp;
      },
      { capture: true, once: true },
    );
    const observer = new MutationObserver(() => {
      observer.disconnect();
      state.query = list.getAttribute('data-query');
      state.search = Number(list.getAttribute('data-search-ms'));
      state.count = Number(list.getAttribute('data-result-count'));
      // The frame after the commit is painted; a task queued from its callback runs after the paint.
      requestAnimationFrame(() => {
        setTimeout(() => {
          state.painted = performance.now();
        }, 0);
      });
    });
    observer.observe(list, { attributes: true, attributeFilter: ['data-query'] });
  });
  await page.keyboard.press(key);
  const result = await page.waitForFunction(
    () => {
      const state = (window as BenchWindow).__benchKey;
      return state !== undefined && state.painted !== null && state.down !== null ? state : null;
    },
    undefined,
    { timeout: 30_000, polling: 50 },
  );
  const state = (await result.jsonValue()) as NonNullable<BenchWindow['__benchKey']>;
  if (state.query !== expected) throw new Error(`the list searched for '${String(state.query)}', expected '${expected}'`);
  return { total: (state.painted ?? 0) - (state.down ?? 0), search: state.search ?? 0 };
}

/** Sends a CDP command to an attached worker session (non-flat sessions: Target.sendMessageToTarget). */
function workerCommand(cdp: CDPSession, sessionId: string, id: number, method: string): Promise<Record<string, unknown>> {
  return new Promise((resolveCommand, reject) => {
    const timer = setTimeout(() => {
      cdp.off('Target.receivedMessageFromTarget', onMessage);
      reject(new Error(`${method} in a worker did not answer`));
    }, 30_000);
    function onMessage(event: { sessionId: string; message: string }): void {
      if (event.sessionId !== sessionId) return;
      const message = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown>; error?: unknown };
      if (message.id !== id) return;
      clearTimeout(timer);
      cdp.off('Target.receivedMessageFromTarget', onMessage);
      if (message.error !== undefined) reject(new Error(`${method} in a worker failed: ${JSON.stringify(message.error)}`));
      else resolveCommand(message.result ?? {});
    }
    cdp.on('Target.receivedMessageFromTarget', onMessage);
    void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
  });
}

/** JS heap in MB after a forced GC, the page's plus every worker's. */
async function heapMb(cdp: CDPSession, workers: readonly string[]): Promise<{ total: number; page: number; workers: number[] }> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const workerSizes: number[] = [];
  let id = 1;
  for (const sessionId of workers) {
    await workerCommand(cdp, sessionId, id++, 'HeapProfiler.collectGarbage');
    const usage = await workerCommand(cdp, sessionId, id++, 'Runtime.getHeapUsage');
    workerSizes.push(Number(usage['usedSize']));
  }
  const mb = (bytes: number): number => bytes / (1024 * 1024);
  return { total: mb(usedSize + workerSizes.reduce((a, b) => a + b, 0)), page: mb(usedSize), workers: workerSizes.map(mb) };
}

interface CoordOutcomes {
  readonly search: BenchOutcome;
  readonly filter: BenchOutcome;
  readonly dashboard: BenchOutcome;
  readonly heap: BenchOutcome;
}

async function measureAll(context: BenchContext): Promise<CoordOutcomes> {
  return withBrowser(async (browser) => {
    const browserContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await browserContext.newPage();
    await createVault(page, context.appUrl);
    const cdp = await browserContext.newCDPSession(page);
    const workers: string[] = [];
    cdp.on('Target.attachedToTarget', (event: { sessionId: string; targetInfo: { type: string } }) => {
      if (event.targetInfo.type === 'worker' || event.targetInfo.type === 'shared_worker') workers.push(event.sessionId);
    });
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });

    const keys: number[] = [];
    const filters: number[] = [];
    const dashboards: number[] = [];
    const heaps: number[] = [];
    let lastHeap: Awaited<ReturnType<typeof heapMb>> | undefined;
    let shown = 0;
    for (let run = 0; run < context.runs; run += 1) {
      await section(page, 'Dashboard');
      dashboards.push(await loadAndComputeDashboard(page));
      await section(page, 'Needs');
      await page.locator('.td-record-list[data-result-count]').waitFor();
      const search = page.getByRole('searchbox', { name: 'Search' });
      await search.fill('');
      await search.focus();
      for (let i = 0; i < QUERY.length; i += 1) {
        const { total, search: alone } = await measureKey(page, QUERY.charAt(i), QUERY.slice(0, i + 1));
        keys.push(total);
        filters.push(alone);
      }
      shown = await page.evaluate(() => Number(document.querySelector('.td-record-list')?.getAttribute('data-result-count') ?? -1));
      lastHeap = await heapMb(cdp, workers);
      heaps.push(lastHeap.total);
    }
    const params = { records: RECORDS, seed: SEED };
    return {
      search: { samples: keys, params: { ...params, query: QUERY, keystrokes: keys.length, shownForQuery: shown, searchAloneMedianMs: Math.round(median(filters) * 100) / 100 } },
      filter: { samples: filters, params: { ...params, query: QUERY } },
      dashboard: { samples: dashboards, params },
      heap: { samples: heaps, params: { ...params, pageMb: lastHeap?.page, workerMb: lastHeap?.workers, workers: workers.length } },
    };
  });
}

function shared(): (context: BenchContext) => Promise<CoordOutcomes> {
  let pending: Promise<CoordOutcomes> | undefined;
  return (context) => (pending ??= measureAll(context));
}
const coord = shared();

export const coordBenchmarks: Benchmark[] = [
  { name: 'coord.search.100k', unit: 'ms', target: '< 100', run: async (context) => (await coord(context)).search },
  { name: 'coord.search.100k.filter', unit: 'ms', run: async (context) => (await coord(context)).filter },
  { name: 'coord.dashboard.100k', unit: 'ms', target: '< 300', run: async (context) => (await coord(context)).dashboard },
  { name: 'coord.heap.100k', unit: 'MB', target: '< 400', run: async (context) => (await coord(context)).heap },
];
