/**
 * Shared set-up for the vault tests: each test gets its own IndexedDB database (browser test files may run
 * side by side in one origin), clients whose workers (started from the bundle the global set-up built) use
 * the Argon2id floor instead of calibrating (the test-only worker option of
 * renderer/vault-worker/worker-options.ts), and a clean-up that terminates every worker before deleting
 * the database.
 */
import { afterEach, beforeEach, expect, inject } from 'vitest';
import { createVaultClient, type VaultClient, VaultClientError, type VaultClientErrorCode } from '../../../renderer/vault-worker/client';
import { testWorkerName } from '../../../renderer/vault-worker/worker-options';
import type { DelegationProfileInput } from '@shared/ipc/vault-protocol';

export const PASSPHRASE = 'correct horse battery staple';
export const OTHER_PASSPHRASE = 'тихий вечір над Дніпром 42';
export const PROFILE: DelegationProfileInput = { name: 'Estonian Delegation', country: 'EE', role: 'partner' };

export function uniqueDbName(label: string): string {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(6)), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `vault-test-${label}-${random}`;
}

/**
 * The vault worker as one module, built by the browser project's global set-up
 * (tests/browser/vault-worker-bundle.global.ts) and started from a blob: a worker started from source
 * loads every module from Vite's dev server, about a second per worker on a two-core machine.
 */
const workerUrl = URL.createObjectURL(new Blob([inject('vaultWorkerSource')], { type: 'text/javascript' }));

export function openClient(dbName: string, kdf: 'floor' | 'calibrate' = 'floor', testCommands = true): VaultClient {
  return createVaultClient(
    () =>
      new Worker(workerUrl, {
        type: 'module',
        name: testWorkerName({ kdf, dbName, ...(testCommands ? { testCommands } : {}) }),
      }),
  );
}

/** Deletes a database once every connection to it has closed (terminated workers close theirs). */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => {
      resolve();
    };
    request.onerror = () => {
      reject(request.error ?? new Error(`could not delete ${name}`));
    };
  });
}

export interface TestVault {
  /** The database of the current test. */
  readonly dbName: string;
  /** A new client (a new worker) on the current test's database; terminated after the test. */
  client(kdf?: 'floor' | 'calibrate', testCommands?: boolean): VaultClient;
}

/** Registers before/after hooks and returns accessors for the current test's vault. */
export function useTestVault(label: string): TestVault {
  let dbName = '';
  const clients: VaultClient[] = [];
  beforeEach(() => {
    dbName = uniqueDbName(label);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.terminate();
    await deleteDatabase(dbName);
  });
  return {
    get dbName() {
      return dbName;
    },
    client(kdf = 'floor', testCommands = true) {
      const client = openClient(dbName, kdf, testCommands);
      clients.push(client);
      return client;
    },
  };
}

/** Awaits a rejection and checks it is a VaultClientError with `code`. */
export async function expectVaultError(promise: Promise<unknown>, code: VaultClientErrorCode): Promise<VaultClientError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected the call to fail with ${code}`).toBeInstanceOf(VaultClientError);
  const error = caught as VaultClientError;
  expect(error.code, error.message).toBe(code);
  return error;
}

/** Creates a vault on a new client and returns the client (unlocked) and the create result. */
export async function createVault(vault: TestVault, passphrase: string = PASSPHRASE) {
  const client = vault.client();
  const created = await client.request({ cmd: 'create', profile: PROFILE, passphrase });
  return { client, created };
}

/** Locks and terminates a client, as the UI does (lock, terminate the worker, reload). */
export async function lockAndClose(client: VaultClient): Promise<void> {
  await client.request({ cmd: 'lock' });
  client.terminate();
}
