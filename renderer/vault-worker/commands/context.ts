/**
 * What every command receives: the repository (storage), the session (keys), the KDF policy and a clock.
 * Built once by VaultService; injectable pieces make the commands testable in the page without a worker.
 */
import type { VaultProgress, VaultRequest, VaultResult } from '@shared/ipc/vault-protocol';
import type { KdfPolicy } from '../kdf-policy';
import type { VaultRepository } from '../repository';
import type { VaultSession } from '../session';

export interface VaultContext {
  readonly repo: VaultRepository;
  readonly session: VaultSession;
  readonly kdf: KdfPolicy;
  readonly now: () => Date;
  /** Test-only commands (test-inject, …) are accepted; never in a production build. */
  readonly testCommands: boolean;
  /**
   * Reports progress of the command being run (export-seal, import-bundles): the worker posts it to the
   * caller as `{id, progress}` before the answer. A no-op when nobody listens (tests in the page).
   */
  readonly progress: (progress: VaultProgress) => void;
}

export type RequestOf<C extends VaultRequest['cmd']> = Extract<VaultRequest, { cmd: C }>;

export type CommandHandler<C extends VaultRequest['cmd']> = (ctx: VaultContext, request: RequestOf<C>) => Promise<VaultResult<C>>;
