/**
 * Benchmark builds only (`npm run bench` builds with `--mode benchmark`): a hook on `window` that fills
 * the working set with records from shared/domain's seeded bulk generator, generated in the page, so
 * coord.search.100k, coord.dashboard.100k and coord.heap.100k measure the real screens on 100,000
 * records without sealing them first. Never part of a production build (see use-bench-api.ts).
 */
import { generateBulkRecords } from '@shared/domain/demo-bulk';
import type { RecordInput } from '@shared/domain/facts';
import type { RecordView } from '@shared/ipc/vault-protocol';
import type { VaultSession } from './session';

export interface BenchApi {
  /** Replaces the working set with `count` generated records; returns how many and how long it took. */
  loadBulk(count: number, seed?: number): { readonly records: number; readonly ms: number };
}

declare global {
  interface Window {
    __tallinnDeskBench?: BenchApi;
  }
}

function hlc(wall: number, node: string): string {
  return `${String(wall).padStart(15, '0')}.00000.${node}`;
}

export function installBenchApi(target: Window, session: VaultSession): () => void {
  const api: BenchApi = {
    loadBulk(count, seed) {
      const started = performance.now();
      // Cloned as the worker's answers are (structured clone): flat strings, no generator internals.
      const bulk = structuredClone(generateBulkRecords(count, seed));
      const wall = Date.UTC(2025, 2, 3, 9, 0, 0);
      const records: RecordView[] = [];
      const add = (kind: string, list: readonly RecordInput[]): void => {
        for (const record of list) {
          const stamp = hlc(wall, record.owner);
          records.push({ id: record.id, kind, owner: record.owner, tlp: record.tlp, deleted: record.deleted, values: record.values as RecordView['values'], conflicts: [], deleteConflict: false, created: stamp, updated: stamp });
        }
      };
      add('need', bulk.needs);
      add('offer', bulk.offers);
      add('delivery', bulk.deliveries);
      add('acceptance', bulk.acceptances);
      session.workingSet.setState({ records, conflictCount: 0, loaded: true });
      return { records: records.length, ms: performance.now() - started };
    },
  };
  target.__tallinnDeskBench = api;
  return () => {
    delete target.__tallinnDeskBench;
  };
}
