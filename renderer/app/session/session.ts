/**
 * The vault session: which screen the app is on (first run, locked, unlocked), and every operation the
 * UI asks of the vault worker. One session per mounted App, made by `createVaultSession` and handed down
 * through context (app/session/context.ts); nothing here lives in a module variable.
 *
 * What the session keeps in its zustand store is not secret: the delegation's public profile and the
 * settings. Passphrases and recovery words pass through as arguments and are never stored; a new
 * recovery sheet is returned to the component that shows it, which alone holds it.
 *
 * Locking (DESIGN.md §2) asks the worker to zero its keys, terminates the worker and reloads the page:
 * the only way to drop every JavaScript string that held plaintext.
 */
import { normalizePassphrase } from '@shared/crypto/passphrase';
import type { RecoverySheet } from '@shared/crypto/recovery-sheet';
import type {
  AuditEntry,
  Conflict,
  DelegationProfileInput,
  DelegationView,
  IngestReport,
  HistoryEntry,
  Profile,
  RecordEdit,
  RecordView,
  Settings,
  SyncStatus,
  VaultState,
} from '@shared/ipc/vault-protocol';
import type { Json } from '@shared/sync/json';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { UiState, UiStore } from '../ui-store';
import type { Clock } from './clock';
import { createExchangeOperations, type ExchangeOperations } from './exchange';
import { toVaultFailure, VaultOperationError, type VaultClient, type VaultFailure } from './vault-client';
import { countConflicts, createWorkingSetStore, withChangedRecords, type WorkingSetStore } from './working-set';

export type SessionState =
  | { readonly status: 'loading' }
  /** The vault could not even say what state it is in. */
  | { readonly status: 'failed'; readonly failure: VaultFailure }
  | { readonly status: 'empty' }
  | { readonly status: 'locked'; readonly failures: VaultState['failures'] }
  | { readonly status: 'unlocked'; readonly profile: Profile; readonly settings: Settings }
  | { readonly status: 'locking' };

export interface SessionStoreState {
  readonly session: SessionState;
}
export type SessionStore = StoreApi<SessionStoreState>;

export interface CreatedVault {
  readonly profile: Profile;
  readonly recoverySheet: RecoverySheet;
}

export interface AuditLog {
  readonly entries: readonly AuditEntry[];
  readonly chainIntact: boolean;
}

export interface VaultSessionDeps {
  readonly client: VaultClient;
  /** The UI store whose language and colour scheme are kept in the vault's settings. */
  readonly ui: UiStore;
  /** Reloads the renderer after locking (window.location.reload in the app). */
  readonly reload: () => void;
  /** Asks the browser to keep the vault's storage (navigator.storage.persist in the app). */
  readonly persistStorage: () => Promise<boolean>;
  readonly clock: Clock;
  /** How long locking waits for the worker to confirm before terminating it anyway. */
  readonly lockTimeoutMs?: number;
}

export interface VaultSession {
  readonly store: SessionStore;
  /** The decrypted records, read when the vault is unlocked (DESIGN.md §2). */
  readonly workingSet: WorkingSetStore;
  /** Asks the worker which state the vault is in; call once on mount. */
  start(): Promise<void>;
  /** After start-up failed: asks again, or reloads the page when the worker itself is gone. */
  retry(): void;
  /** Creates the vault. The session stays on the first-run screen until `completeSetup`. */
  create(profile: DelegationProfileInput, passphrase: string): Promise<CreatedVault>;
  /** After the recovery sheet was taken care of: opens the shell, keeping the language and theme chosen. */
  completeSetup(profile: Profile): Promise<void>;
  unlock(passphrase: string): Promise<void>;
  unlockWithRecovery(words: string, newPassphrase: string): Promise<void>;
  /** Locks and reloads; never fails. */
  lock(): Promise<void>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  changePassphrase(current: string, next: string): Promise<void>;
  renewRecoverySheet(passphrase: string): Promise<RecoverySheet>;
  auditLog(): Promise<AuditLog>;
  /** Asks for persistent storage and records the answer in the settings. */
  requestPersistence(): Promise<boolean>;
  /**
   * Writes local edits through the change log (one signed transaction) and puts the new views into the
   * working set. Fails with `write-refused` for records we do not own or stale input.
   */
  writeRecords(edits: readonly RecordEdit[]): Promise<readonly RecordView[]>;
  /** Every open conflict, with each value, who wrote it and when. */
  listConflicts(): Promise<readonly Conflict[]>;
  /** Resolves a conflict by writing `value` over all the heads in `base`; updates the working set. */
  resolveConflict(recordId: string, field: string, value: Json, base: readonly string[]): Promise<RecordView>;
  /** A record's change history from the log, oldest first. */
  recordHistory(recordId: string): Promise<readonly HistoryEntry[]>;
  syncStatus(): Promise<SyncStatus>;
  /** Reads the whole working set again (after an import or injection). */
  reloadRecords(): Promise<void>;
  /** The delegations this vault knows, its own first. */
  listDelegations(): Promise<readonly DelegationView[]>;
  /** Fills an empty vault with the demo picture through the change log, then reloads the working set. */
  loadDemoData(): Promise<IngestReport>;
  /** Contact cards, verification, export, import and the exchange history (issue #7). */
  readonly exchange: ExchangeOperations;
  /** Keeps the vault's settings in step with the header's language and theme switches; returns the cleanup. */
  connect(): () => void;
}

type Synced = Pick<Settings, 'language' | 'colorScheme'>;

const DEFAULT_LOCK_TIMEOUT_MS = 2_000;

export function createVaultSession(deps: VaultSessionDeps): VaultSession {
  const { client, ui, clock } = deps;
  const store = createStore<SessionStoreState>()(() => ({ session: { status: 'loading' } }));
  const workingSet = createWorkingSetStore();
  const set = (session: SessionState): void => {
    store.setState({ session });
  };
  const current = (): SessionState => store.getState().session;

  /** What the vault was last told (or told us) about the language and theme. */
  let synced: Synced | undefined;
  /** Switches the user made before unlocking: their choice wins over the vault's on unlock. */
  const changedWhileLocked = { language: false, colorScheme: false };
  /** True while the session itself sets the UI store, so its own writes are not taken for the user's. */
  let applying = false;
  let persistenceAsked = false;
  let locking = false;
  let starting: Promise<void> | undefined;

  async function call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      const failure = toVaultFailure(error);
      const status = current().status;
      // A dead worker cannot be asked anything again: past start-up, that is a lock (and a reload).
      if (failure.fatal === true && status !== 'loading' && status !== 'failed') void session.lock();
      throw new VaultOperationError(failure);
    }
  }

  function noteFailedUnlock(error: unknown): never {
    const failure = error instanceof VaultOperationError ? error.failure : toVaultFailure(error);
    const state = current();
    if ((failure.code === 'wrong-passphrase' || failure.code === 'retry-later') && state.status === 'locked') {
      set({
        status: 'locked',
        failures: {
          count: state.failures.count + (failure.code === 'wrong-passphrase' ? 1 : 0),
          retryAt: failure.retryAt ?? state.failures.retryAt,
        },
      });
    }
    throw error instanceof VaultOperationError ? error : new VaultOperationError(failure);
  }

  function applyToUi(settings: Settings): void {
    applying = true;
    try {
      const state = ui.getState();
      if (state.language !== settings.language) state.setLanguage(settings.language);
      if (state.colorScheme !== settings.colorScheme) state.setColorScheme(settings.colorScheme);
    } finally {
      applying = false;
    }
    synced = { language: settings.language, colorScheme: settings.colorScheme };
  }

  /**
   * Opens the app for an unlocked worker: reads the settings, keeps the language and theme the user
   * chose before (at set-up, or by switching on the unlock screen), applies the rest, and reads the
   * working set. If the settings or the records cannot be read the keys are in the worker but the app cannot open: that is the "cannot be opened"
   * screen, whose retry asks the worker again.
   */
  async function enter(profile: Profile, mode: 'setup' | 'unlock'): Promise<void> {
    try {
      await openWith(profile, mode);
    } catch (error) {
      set({ status: 'failed', failure: error instanceof VaultOperationError ? error.failure : toVaultFailure(error) });
    }
  }

  async function openWith(profile: Profile, mode: 'setup' | 'unlock'): Promise<void> {
    let settings = await call(() => client.request({ cmd: 'settings-get' }));
    const state = ui.getState();
    const patch: Partial<Synced> = {};
    if ((mode === 'setup' || changedWhileLocked.language) && state.language !== settings.language) patch.language = state.language;
    if ((mode === 'setup' || changedWhileLocked.colorScheme) && state.colorScheme !== settings.colorScheme) {
      patch.colorScheme = state.colorScheme;
    }
    if (Object.keys(patch).length > 0) settings = await call(() => client.request({ cmd: 'settings-set', settings: patch }));
    await loadRecords();
    applyToUi(settings);
    set({ status: 'unlocked', profile, settings });
    if (settings.storagePersisted === null && !persistenceAsked) {
      // Once, after the first unlock: the answer is recorded in the settings and shown there.
      void session.requestPersistence().catch(() => undefined);
    }
  }

  async function loadRecords(): Promise<void> {
    const { records } = await call(() => client.request({ cmd: 'records-list' }));
    workingSet.setState({ records, conflictCount: countConflicts(records), loaded: true });
  }

  function putViews(changed: readonly RecordView[]): void {
    const records = withChangedRecords(workingSet.getState().records, changed);
    workingSet.setState({ records, conflictCount: countConflicts(records) });
  }

  async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
    const settings = await call(() => client.request({ cmd: 'settings-set', settings: patch }));
    const state = current();
    if (state.status === 'unlocked') set({ ...state, settings });
    return settings;
  }

  const session: VaultSession = {
    store,
    workingSet,

    start() {
      // One question at a time: a second call while the first is out (StrictMode runs effects twice)
      // shares its answer instead of racing it.
      starting ??= (async () => {
        set({ status: 'loading' });
        try {
          const answer = await call(() => client.request({ cmd: 'state' }));
          if (answer.state === 'empty') set({ status: 'empty' });
          else if (answer.state === 'locked') set({ status: 'locked', failures: answer.failures });
          else {
            // The worker still holds keys (a page that was not reloaded after unlocking).
            const profile = await call(() => client.request({ cmd: 'profile' }));
            await enter(profile, 'unlock');
          }
        } catch (error) {
          set({ status: 'failed', failure: error instanceof VaultOperationError ? error.failure : toVaultFailure(error) });
        } finally {
          starting = undefined;
        }
      })();
      return starting;
    },

    retry() {
      const state = current();
      if (state.status === 'failed' && state.failure.fatal === true) deps.reload();
      else void session.start();
    },

    create(profile, passphrase) {
      return call(() => client.request({ cmd: 'create', profile, passphrase: normalizePassphrase(passphrase) }));
    },

    async completeSetup(profile) {
      await enter(profile, 'setup');
    },

    async unlock(passphrase) {
      let profile: Profile;
      try {
        profile = await call(() => client.request({ cmd: 'unlock', passphrase: normalizePassphrase(passphrase) }));
      } catch (error) {
        noteFailedUnlock(error);
      }
      await enter(profile, 'unlock');
    },

    async unlockWithRecovery(words, newPassphrase) {
      let profile: Profile;
      try {
        profile = await call(() =>
          client.request({ cmd: 'unlock-with-recovery', words, newPassphrase: normalizePassphrase(newPassphrase) }),
        );
      } catch (error) {
        noteFailedUnlock(error);
      }
      await enter(profile, 'unlock');
    },

    async lock() {
      if (locking) return;
      locking = true;
      set({ status: 'locking' });
      let timer: unknown;
      try {
        // The worker zeroes its keys; if it does not answer in time it is terminated all the same.
        await Promise.race([
          client.request({ cmd: 'lock' }),
          new Promise<void>((resolve) => {
            timer = clock.setTimeout(resolve, deps.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
          }),
        ]);
      } catch {
        // Locking goes on: terminating the worker and reloading drop the keys whatever it answered.
      } finally {
        clock.clearTimeout(timer);
      }
      try {
        client.terminate();
      } finally {
        deps.reload();
      }
    },

    updateSettings,

    async changePassphrase(currentPassphrase, next) {
      await call(() =>
        client.request({
          cmd: 'change-passphrase',
          current: normalizePassphrase(currentPassphrase),
          next: normalizePassphrase(next),
        }),
      );
    },

    async renewRecoverySheet(passphrase) {
      const { recoverySheet } = await call(() =>
        client.request({ cmd: 'renew-recovery-sheet', passphrase: normalizePassphrase(passphrase) }),
      );
      return recoverySheet;
    },

    auditLog() {
      return call(() => client.request({ cmd: 'audit-list' }));
    },

    async requestPersistence() {
      persistenceAsked = true;
      let granted = false;
      try {
        granted = await deps.persistStorage();
      } catch {
        granted = false;
      }
      await updateSettings({ storagePersisted: granted });
      return granted;
    },

    async writeRecords(edits) {
      const { records } = await call(() => client.request({ cmd: 'records-write', edits: [...edits] }));
      putViews(records);
      return records;
    },

    async listConflicts() {
      const { conflicts } = await call(() => client.request({ cmd: 'conflicts-list' }));
      return conflicts;
    },

    async resolveConflict(recordId, field, value, base) {
      const { record } = await call(() => client.request({ cmd: 'conflict-resolve', recordId, field, value, base: [...base] }));
      putViews([record]);
      return record;
    },

    async recordHistory(recordId) {
      const { entries } = await call(() => client.request({ cmd: 'record-history', recordId }));
      return entries;
    },

    syncStatus() {
      return call(() => client.request({ cmd: 'sync-status' }));
    },

    reloadRecords() {
      return loadRecords();
    },

    async listDelegations() {
      const { delegations } = await call(() => client.request({ cmd: 'delegations-list' }));
      return delegations;
    },

    async loadDemoData() {
      const { report } = await call(() => client.request({ cmd: 'demo-load', language: ui.getState().language }));
      await loadRecords();
      return report;
    },

    exchange: createExchangeOperations(client, call, loadRecords),

    connect() {
      return ui.subscribe((state: UiState, previous: UiState) => {
        const languageChanged = state.language !== previous.language;
        const schemeChanged = state.colorScheme !== previous.colorScheme;
        if ((!languageChanged && !schemeChanged) || applying) return;
        const now = current();
        if (now.status !== 'unlocked') {
          if (languageChanged) changedWhileLocked.language = true;
          if (schemeChanged) changedWhileLocked.colorScheme = true;
          return;
        }
        const patch: Partial<Synced> = {};
        if (state.language !== synced?.language) patch.language = state.language;
        if (state.colorScheme !== synced?.colorScheme) patch.colorScheme = state.colorScheme;
        if (Object.keys(patch).length === 0) return;
        synced = { language: state.language, colorScheme: state.colorScheme };
        // The switch has already taken effect on screen; a failed write only means it is not remembered.
        void updateSettings(patch).catch(() => undefined);
      });
    },
  };
  return session;
}
