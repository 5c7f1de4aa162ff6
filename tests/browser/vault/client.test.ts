/**
 * The UI-side client: typed results validated against the protocol, protocol errors as VaultClientError
 * (code, retryAt, details), and no call left hanging when the worker dies, stalls or is terminated.
 * Uses a fake worker (the VaultWorkerLike seam), except for the last test, which talks to the real worker.
 */
import { describe, expect, it } from 'vitest';
import { createVaultClient, VaultClientError, type VaultWorkerLike } from '../../../renderer/vault-worker/client';
import { isVaultWorkerUrl, trustedVaultWorkerUrl } from '../../../renderer/vault-worker/trusted-worker-url';
import { testWorkerName } from '../../../renderer/vault-worker/worker-options';
import { deleteDatabase, expectVaultError, uniqueDbName } from './helpers';

class FakeWorker implements VaultWorkerLike {
  readonly posted: { id: number; request: { cmd: string } }[] = [];
  terminated = false;
  private readonly listeners = new Map<string, ((event: Event) => void)[]>();

  postMessage(message: unknown): void {
    this.posted.push(message as { id: number; request: { cmd: string } });
  }

  terminate(): void {
    this.terminated = true;
  }

  addEventListener(type: string, listener: (event: Event) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  emit(type: string, event: Event): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  answer(data: unknown): void {
    this.emit('message', new MessageEvent('message', { data }));
  }

  lastId(): number {
    return this.posted.at(-1)?.id ?? -1;
  }
}

function fakeClient(timeoutMs?: number) {
  const worker = new FakeWorker();
  const client = createVaultClient(() => worker, timeoutMs === undefined ? {} : { timeoutMs });
  return { worker, client };
}

describe('vault client', () => {
  it('resolves a valid result and matches answers to requests by id, in any order', async () => {
    const { worker, client } = fakeClient();
    const first = client.request({ cmd: 'lock' });
    const second = client.request({ cmd: 'state' });
    const [a, b] = worker.posted;
    worker.answer({ id: b?.id, ok: true, result: { state: 'locked', failures: { count: 0, retryAt: null } } });
    worker.answer({ id: a?.id, ok: true, result: { locked: true } });
    expect(await first).toEqual({ locked: true });
    expect(await second).toEqual({ state: 'locked', failures: { count: 0, retryAt: null } });
  });

  it('rejects protocol errors as VaultClientError with code, retryAt and details', async () => {
    const { worker, client } = fakeClient();
    const call = client.request({ cmd: 'unlock', passphrase: 'x' });
    const retryAt = '2030-01-01T00:00:04.000Z';
    worker.answer({ id: worker.lastId(), ok: false, error: { code: 'wrong-passphrase', message: 'Wrong passphrase.', retryAt, details: { count: 3 } } });
    const error = await expectVaultError(call, 'wrong-passphrase');
    expect(error.retryAt).toBe(retryAt);
    expect(error.details).toEqual({ count: 3 });
  });

  it('rejects an answer that does not match the command’s result schema', async () => {
    const { worker, client } = fakeClient();
    const view = {
      id: 'd1-aaaaaaaaaaaaaaaaaaaaaaaaaa',
      kind: 'need',
      owner: 'd1',
      tlp: 'GREEN',
      deleted: false,
      values: { title: 'Satellite terminals' },
      conflicts: [],
      deleteConflict: false,
      created: '001767225600000.00000.aaaaaaaaaaaaaaaaaaaaaaaaaa',
      updated: '001767225600000.00001.aaaaaaaaaaaaaaaaaaaaaaaaaa',
    };
    // Control: the valid view passes.
    const valid = client.request({ cmd: 'records-list' });
    worker.answer({ id: worker.lastId(), ok: true, result: { records: [view] } });
    expect(await valid).toEqual({ records: [view] });
    // One field wrong is enough to refuse the whole answer.
    for (const wrong of [{ kind: 'NOT VALID' }, { tlp: 'PURPLE' }, { updated: 'yesterday' }, { data: 1 }]) {
      const call = client.request({ cmd: 'records-list' });
      worker.answer({ id: worker.lastId(), ok: true, result: { records: [{ ...view, ...wrong }] } });
      await expectVaultError(call, 'invalid-response');
    }
    const other = client.request({ cmd: 'lock' });
    worker.answer({ id: worker.lastId(), surprise: true });
    await expectVaultError(other, 'invalid-response');
  });

  it('rejects every pending call when the worker fails, and every later call', async () => {
    const { worker, client } = fakeClient();
    const calls = [client.request({ cmd: 'state' }), client.request({ cmd: 'records-list' })];
    worker.emit('error', new ErrorEvent('error', { message: 'boom' }));
    for (const call of calls) await expectVaultError(call, 'worker-failed');
    expect(worker.terminated).toBe(true);
    await expectVaultError(client.request({ cmd: 'state' }), 'worker-failed');
  });

  it('times out a call that gets no answer, stops the worker, and fails the others', async () => {
    const { worker, client } = fakeClient(50);
    const slow = client.request({ cmd: 'unlock', passphrase: 'x' });
    const queued = client.request({ cmd: 'state' });
    const error = await expectVaultError(slow, 'timeout');
    expect(error.message).toMatch(/unlock/u);
    await expectVaultError(queued, 'worker-failed');
    expect(worker.terminated).toBe(true);
  });

  it('terminate() stops the worker and rejects pending calls with terminated', async () => {
    const { worker, client } = fakeClient();
    const pending = client.request({ cmd: 'state' });
    client.terminate();
    expect(worker.terminated).toBe(true);
    const error = await expectVaultError(pending, 'terminated');
    expect(error).toBeInstanceOf(VaultClientError);
  });

  it('the real worker answers a malformed message with invalid-request, and ignores one without an id', async () => {
    const dbName = uniqueDbName('client');
    const worker = new Worker(new URL('../../../renderer/vault-worker/vault-worker.ts', import.meta.url), {
      type: 'module',
      name: testWorkerName({ kdf: 'floor', dbName }),
    });
    try {
      const answers: unknown[] = [];
      const answered = new Promise<void>((resolve) => {
        worker.addEventListener('message', (event: MessageEvent<unknown>) => {
          answers.push(event.data);
          if (answers.length === 2) resolve();
        });
      });
      worker.postMessage({ request: { cmd: 'state' } });
      worker.postMessage({ id: 7, request: { cmd: 'drop-tables' } });
      worker.postMessage({ id: 8, request: { cmd: 'state' } });
      await answered;
      expect(answers[0]).toMatchObject({ id: 7, ok: false, error: { code: 'invalid-request' } });
      expect(answers[1]).toEqual({ id: 8, ok: true, result: { state: 'empty', failures: { count: 0, retryAt: null } } });
    } finally {
      worker.terminate();
      await deleteDatabase(dbName);
    }
  });
});

describe('Trusted Types policy for the worker URL', () => {
  it('accepts only the vault worker script on the page origin', () => {
    const origin = location.origin;
    expect(isVaultWorkerUrl(`${origin}/assets/vault-worker-AbC_1.js`, origin)).toBe(true);
    expect(isVaultWorkerUrl('/assets/vault-worker-AbC_1.js', origin)).toBe(true);
    expect(isVaultWorkerUrl('/renderer/vault-worker/vault-worker.ts?worker_file&type=module', origin)).toBe(true);
    expect(isVaultWorkerUrl('https://example.org/assets/vault-worker-AbC_1.js', origin)).toBe(false);
    expect(isVaultWorkerUrl('/assets/index-AbC_1.js', origin)).toBe(false);
    expect(isVaultWorkerUrl('/assets/vault-worker-x.js.map', origin)).toBe(false);
    expect(isVaultWorkerUrl('data:text/javascript,postMessage(1)', origin)).toBe(false);
    expect(() => trustedVaultWorkerUrl(new URL('/assets/evil.js', location.href))).toThrow(/only allows the vault worker/u);
    // A TrustedScriptURL serialises (toJSON) to the URL it vouches for.
    expect(JSON.stringify(trustedVaultWorkerUrl(new URL('/assets/vault-worker-AbC_1.js', location.href)))).toBe(
      JSON.stringify(`${origin}/assets/vault-worker-AbC_1.js`),
    );
  });
});
