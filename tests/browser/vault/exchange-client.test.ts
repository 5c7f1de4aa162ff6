/**
 * Progress in the UI-side client (issue #7): `{id, progress}` envelopes reach the call's `onProgress`
 * parsed, restart its timeout, and never settle it; malformed ones are dropped.
 */
import { describe, expect, it } from 'vitest';
import type { VaultProgress } from '@shared/ipc/vault-protocol';
import { createVaultClient, type VaultWorkerLike } from '../../../renderer/vault-worker/client';

function fake() {
  const listeners: ((event: Event) => void)[] = [];
  const posted: { id: number }[] = [];
  const worker: VaultWorkerLike = {
    postMessage: (message) => posted.push(message as { id: number }),
    terminate: () => undefined,
    addEventListener: (type, listener) => {
      if (type === 'message') listeners.push(listener);
    },
  };
  const send = (data: unknown) => {
    for (const listener of listeners) listener(new MessageEvent('message', { data }));
  };
  return { worker, posted, send };
}

describe('vault client progress', () => {
  it('delivers progress to the caller and restarts the timeout with each report', async () => {
    const { worker, posted, send } = fake();
    const client = createVaultClient(() => worker, { timeoutMs: 200 });
    const seen: VaultProgress[] = [];
    const call = client.request({ cmd: 'exchange-history' }, { onProgress: (p) => seen.push(p) });
    const id = posted[0]?.id;
    // Three reports 150 ms apart: 450 ms in all, beyond the 200 ms timeout, yet the call stays alive.
    for (let i = 0; i < 3; i += 1) {
      await new Promise((resume) => setTimeout(resume, 150));
      send({ id, progress: { stage: 'read', done: i, total: 3 } });
    }
    send({ id, progress: { stage: 42 } });
    send({ id, ok: true, result: { entries: [] } });
    expect(await call).toEqual({ entries: [] });
    expect(seen).toEqual([0, 1, 2].map((done) => ({ stage: 'read', done, total: 3 })));
  });
});
