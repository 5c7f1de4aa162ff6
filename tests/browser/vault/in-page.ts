/**
 * Running the vault service in the test page instead of a worker, for tests that must reach inside a
 * Dexie transaction (repository hooks) or hold the row key (to forge a correctly sealed audit entry).
 * Same code, same IndexedDB, same Argon2id; only the thread differs.
 */
import type { VaultCommand, VaultResult } from '@shared/ipc/vault-protocol';
import type { VaultRequestFor } from '../../../renderer/vault-worker/client';
import { floorPolicy } from '../../../renderer/vault-worker/kdf-policy';
import type { RepositoryHooks } from '../../../renderer/vault-worker/repository';
import { VaultService } from '../../../renderer/vault-worker/service';
import { toVaultError } from '../../../renderer/vault-worker/errors';
import type { VaultError } from '@shared/ipc/vault-protocol';

export function inPageService(dbName: string, hooks: RepositoryHooks = {}): VaultService {
  return new VaultService({ dbName, kdf: floorPolicy, hooks });
}

/** Runs a request and returns its result or its protocol error, as the worker would answer. */
export async function attempt<C extends VaultCommand>(
  service: VaultService,
  request: VaultRequestFor<C>,
): Promise<{ ok: true; result: VaultResult<C> } | { ok: false; error: VaultError }> {
  try {
    return { ok: true, result: await service.execute(request) };
  } catch (error) {
    return { ok: false, error: toVaultError(error) };
  }
}
