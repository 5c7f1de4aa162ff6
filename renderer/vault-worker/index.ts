/**
 * What the rest of the renderer may use from the vault worker folder: the client and its types. Nothing
 * else here runs on the UI thread; the worker itself is started by `createVaultClient`.
 */
export {
  createVaultClient,
  createVaultWorker,
  DEFAULT_VAULT_TIMEOUT_MS,
  type VaultClient,
  VaultClientError,
  type VaultClientErrorCode,
  type VaultClientOptions,
  type VaultRequestFor,
  type VaultRequestOptions,
  type VaultWorkerFactory,
  type VaultWorkerLike,
} from './client';
