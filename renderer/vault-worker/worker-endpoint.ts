/**
 * Wires a VaultService to a worker's message port: every message is queued (serial-queue.ts), handled,
 * and answered with the response envelope. Kept apart from the entry file so the entry stays a list of
 * imports in the order that matters.
 */
import { enableFastHashing } from '@shared/crypto';
import { floorPolicy, calibratingPolicy } from './kdf-policy';
import { createSerialQueue } from './serial-queue';
import { VaultService } from './service';
import { parseWorkerName } from './worker-options';

/** The part of DedicatedWorkerGlobalScope the endpoint uses (the renderer's TypeScript lib is DOM, not WebWorker). */
export interface WorkerScope {
  readonly name: string;
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}

export function startVaultWorker(scope: WorkerScope, options: { readonly allowTestOptions: boolean }): VaultService {
  const test = options.allowTestOptions ? parseWorkerName(scope.name) : {};
  const service = new VaultService({
    ...(test.dbName === undefined ? {} : { dbName: test.dbName }),
    kdf: test.kdf === 'floor' ? floorPolicy : calibratingPolicy(),
    testCommands: test.testCommands === true,
  });
  const queue = createSerialQueue();
  // BLAKE2b in WebAssembly (shared/crypto fast-hash.ts); messages wait for it so every command hashes
  // with the same engine (the bytes are identical either way; only the speed differs).
  const hashing = enableFastHashing();
  scope.addEventListener('message', (event) => {
    void queue.run(async () => {
      await hashing;
      const response = await service.handleMessage(event.data, (envelope) => {
        scope.postMessage(envelope);
      });
      if (response === null) return;
      try {
        scope.postMessage(response);
      } catch (error) {
        // A result the structured clone cannot copy is a bug; still answer, so the caller never hangs.
        scope.postMessage({ id: response.id, ok: false, error: { code: 'internal', message: `The answer could not be sent: ${String(error)}` } });
      }
    });
  });
  return service;
}
