/**
 * Sealed exports waiting for `export-commit` (issue #7). `export-seal` keeps its bundles here, in worker
 * memory only, while the UI saves the files through DeskApi; `export-commit` logs them and forgets the
 * bytes. Held by the session, so a lock drops them with the keys. Only the newest few are kept: a wizard
 * abandoned after sealing must not pin hundreds of megabytes.
 */
import type { SealedBundleView } from '@shared/ipc/exchange-protocol';

export interface PendingExport {
  readonly exportId: string;
  readonly bundles: readonly SealedBundleView[];
  /** Display names of the recipients, for the history (the ids are in each bundle). */
  readonly names: ReadonlyMap<string, string>;
}

const KEEP = 4;

export class PendingExports {
  private readonly byId = new Map<string, PendingExport>();

  add(pending: PendingExport): void {
    this.byId.set(pending.exportId, pending);
    while (this.byId.size > KEEP) {
      const [oldest] = this.byId.keys();
      if (oldest === undefined) break;
      this.byId.delete(oldest);
    }
  }

  take(exportId: string): PendingExport | undefined {
    const pending = this.byId.get(exportId);
    this.byId.delete(exportId);
    return pending;
  }

  /** Puts a taken export back (its commit failed: nothing was logged, it may be committed again). */
  restore(pending: PendingExport): void {
    this.byId.set(pending.exportId, pending);
  }

  clear(): void {
    this.byId.clear();
  }
}
