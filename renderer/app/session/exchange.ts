/**
 * The exchange operations of the vault session (issue #7, DESIGN.md §5): contact cards, the
 * verification ceremony, the export wizard's preview / seal / commit, bundle import and the exchange
 * history. The worker does the work; these only carry bytes between it and the UI, report progress of
 * the long commands, and read the working set again when an import or a verification changed it.
 */
import type {
  BundleImportReport,
  CardPreview,
  ExchangeEntry,
  ExchangeFile,
  ExportOptions,
  ExportPreview,
  VaultResult,
  VerificationChannel,
} from '@shared/ipc/vault-protocol';
import type { Role } from '@shared/crypto/formats';
import type { VaultClient, VaultRequestOptions } from '../../vault-worker';

/** `onProgress` is called each time the worker reports how far a long command (seal, import) has come. */
export type ProgressOptions = VaultRequestOptions;

export interface VerifyInput {
  readonly delegationId: string;
  /** The digits the user typed as the other delegation read them out. */
  readonly fingerprint: string;
  readonly name: string;
  readonly role: Role;
  readonly channel: VerificationChannel;
}

export interface ExchangeOperations {
  /** This vault's own contact card: a file name and its bytes, to be saved through DeskApi. */
  exportCard(): Promise<VaultResult<'card-export'>>;
  /** What a card file proposes (name, country, role, devices, status); stores nothing. */
  inspectCard(file: ExchangeFile): Promise<CardPreview>;
  /** Stores the card's delegation, unverified (or applies a known delegation's newer key events). */
  importCard(file: ExchangeFile): Promise<VaultResult<'card-import'>>;
  /** The ceremony; on a match its parked change-sets are released and the working set is read again. */
  verifyDelegation(input: VerifyInput): Promise<VaultResult<'delegation-verify'>>;
  delegationDetail(delegationId: string): Promise<VaultResult<'delegation-detail'>>;
  previewExport(options: ExportOptions): Promise<ExportPreview>;
  sealExport(options: ExportOptions, progress?: ProgressOptions): Promise<VaultResult<'export-seal'>>;
  /** Logs an export whose files DeskApi wrote to `location`. */
  commitExport(exportId: string, location: string): Promise<VaultResult<'export-commit'>>;
  /** Imports bundle pairs; afterwards the working set (records, conflict count) is read again. */
  importBundles(files: readonly ExchangeFile[], progress?: ProgressOptions): Promise<readonly BundleImportReport[]>;
  exchangeHistory(): Promise<readonly ExchangeEntry[]>;
}

export function createExchangeOperations(
  client: Pick<VaultClient, 'request'>,
  call: <T>(operation: () => Promise<T>) => Promise<T>,
  reloadRecords: () => Promise<void>,
): ExchangeOperations {
  /** A reload that fails leaves the previous working set on screen; the operation itself succeeded. */
  const refresh = async (): Promise<void> => {
    try {
      await reloadRecords();
    } catch {
      // Reported by the next read; the import or verification is already committed.
    }
  };
  return {
    exportCard() {
      return call(() => client.request({ cmd: 'card-export' }));
    },
    async inspectCard(file) {
      const { card } = await call(() => client.request({ cmd: 'card-inspect', file }));
      return card;
    },
    importCard(file) {
      return call(() => client.request({ cmd: 'card-import', file }));
    },
    async verifyDelegation(input) {
      const result = await call(() => client.request({ cmd: 'delegation-verify', ...input }));
      await refresh();
      return result;
    },
    delegationDetail(delegationId) {
      return call(() => client.request({ cmd: 'delegation-detail', delegationId }));
    },
    previewExport(options) {
      return call(() => client.request({ cmd: 'export-preview', options }));
    },
    sealExport(options, progress) {
      return call(() => client.request({ cmd: 'export-seal', options }, progress));
    },
    commitExport(exportId, location) {
      return call(() => client.request({ cmd: 'export-commit', exportId, location }));
    },
    async importBundles(files, progress) {
      const { reports } = await call(() => client.request({ cmd: 'import-bundles', files: [...files] }, progress));
      if (reports.some((report) => report.outcome === 'applied')) await refresh();
      return reports;
    },
    async exchangeHistory() {
      const { entries } = await call(() => client.request({ cmd: 'exchange-history' }));
      return entries;
    },
  };
}
