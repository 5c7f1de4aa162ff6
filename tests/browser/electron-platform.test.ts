/**
 * The Electron adapter trusts nothing that comes back over the bridge, and the platform choice at
 * start-up fails closed on a malformed `window.desk`.
 */
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { AppInfo, DeskApi, LockReason } from '../../renderer/platform/types';
import { createElectronPlatform, createPlatform } from '../../renderer/platform';

const GOOD_INFO: AppInfo = {
  name: 'Tallinn Desk',
  version: '0.1.0',
  platform: 'electron',
  runtime: { electron: '45.5.0', chrome: '140.0.7339.41', node: '22.19.0' },
  os: 'linux 6.12',
  posture: [{ id: 'context-isolation', state: 'on' }],
};

/** A stand-in for the preload's bridge whose answers the test chooses. */
function fakeBridge(answers: { appInfo?: unknown; openFiles?: unknown; saveFiles?: unknown; print?: unknown } = {}) {
  const lockListeners = new Set<(reason: unknown) => void>();
  const unsubscribe = vi.fn();
  const bridge = {
    appInfo: vi.fn(() => Promise.resolve(answers.appInfo ?? GOOD_INFO)),
    openFiles: vi.fn(() => Promise.resolve(answers.openFiles ?? { picked: false, files: [], truncated: false })),
    saveFiles: vi.fn(() => Promise.resolve(answers.saveFiles ?? { status: 'cancelled' })),
    print: vi.fn(() => Promise.resolve(answers.print ?? { status: 'printed' })),
    setIdleLock: vi.fn(() => Promise.resolve(undefined)),
    onLockNow: vi.fn((listener: (reason: unknown) => void) => {
      lockListeners.add(listener);
      return () => {
        unsubscribe();
        lockListeners.delete(listener);
      };
    }),
  };
  return {
    bridge,
    unsubscribe,
    emit: (reason: unknown): void => {
      for (const listener of lockListeners) listener(reason);
    },
  };
}

/** The fake is looser than DeskApi on purpose: it can answer anything. */
const asDeskApi = (bridge: ReturnType<typeof fakeBridge>['bridge']): DeskApi => bridge as unknown as DeskApi;

describe('electron platform adapter', () => {
  it('reports a valid idle time to the bridge and refuses an invalid one before it', async () => {
    const { bridge } = fakeBridge();
    const platform = createElectronPlatform(asDeskApi(bridge));
    await platform.setIdleLock({ minutes: 20 });
    expect(bridge.setIdleLock).toHaveBeenCalledWith({ minutes: 20 });
    await expect(platform.setIdleLock({ minutes: 0 })).rejects.toBeInstanceOf(z.ZodError);
    expect(bridge.setIdleLock).toHaveBeenCalledOnce();
  });

  it('passes a print outcome through and rejects one the contract does not know', async () => {
    await expect(createElectronPlatform(asDeskApi(fakeBridge().bridge)).print()).resolves.toEqual({ status: 'printed' });
    const { bridge } = fakeBridge({ print: { status: 'shredded' } });
    await expect(createElectronPlatform(asDeskApi(bridge)).print()).rejects.toBeInstanceOf(z.ZodError);
  });

  it('passes well-formed answers through', async () => {
    const { bridge } = fakeBridge();
    const platform = createElectronPlatform(asDeskApi(bridge));
    await expect(platform.appInfo()).resolves.toEqual(GOOD_INFO);
    await expect(platform.saveFiles({ files: [{ name: 'a.age', bytes: new Uint8Array([1]) }] })).resolves.toEqual({
      status: 'cancelled',
    });
  });

  it.each([
    ['an unknown posture state', { ...GOOD_INFO, posture: [{ id: 'csp', state: 'probably' }] }],
    ['an unknown posture item', { ...GOOD_INFO, posture: [{ id: 'vibes', state: 'on' }] }],
    ['an extra field', { ...GOOD_INFO, injected: '<img src=x onerror=alert(1)>' }],
    ['a platform that does not exist', { ...GOOD_INFO, platform: 'android' }],
    ['an overlong version', { ...GOOD_INFO, version: 'x'.repeat(51) }],
    ['no answer at all', null],
  ])('rejects appInfo with %s', async (_label, answer) => {
    const { bridge } = fakeBridge({ appInfo: answer ?? 'not an object' });
    await expect(createElectronPlatform(asDeskApi(bridge)).appInfo()).rejects.toBeInstanceOf(z.ZodError);
  });

  it('rejects picked files whose bytes are not a Uint8Array', async () => {
    const { bridge } = fakeBridge({
      openFiles: {
        picked: true,
        truncated: false,
        files: [{ status: 'read', name: 'a.age', relativePath: 'a.age', size: 3, bytes: [1, 2, 3] }],
      },
    });
    await expect(createElectronPlatform(asDeskApi(bridge)).openFiles({ mode: 'files' })).rejects.toBeInstanceOf(z.ZodError);
  });

  it('rejects a save result that does not say where the files went', async () => {
    const { bridge } = fakeBridge({ saveFiles: { status: 'saved' } });
    const saving = createElectronPlatform(asDeskApi(bridge)).saveFiles({ files: [{ name: 'a.age', bytes: new Uint8Array(1) }] });
    await expect(saving).rejects.toBeInstanceOf(z.ZodError);
  });

  it('refuses an invalid request before it reaches the bridge', async () => {
    const { bridge } = fakeBridge();
    const platform = createElectronPlatform(asDeskApi(bridge));
    await expect(platform.saveFiles({ files: [{ name: '../escape.age', bytes: new Uint8Array(1) }] })).rejects.toBeInstanceOf(
      z.ZodError,
    );
    await expect(platform.openFiles({ mode: 'everything' } as never)).rejects.toBeInstanceOf(z.ZodError);
    expect(bridge.saveFiles).not.toHaveBeenCalled();
    expect(bridge.openFiles).not.toHaveBeenCalled();
  });

  it('passes on lock reasons it knows, drops others, and unsubscribes from the bridge', () => {
    const { bridge, emit, unsubscribe } = fakeBridge();
    const received: LockReason[] = [];
    const stop = createElectronPlatform(asDeskApi(bridge)).onLockNow((reason) => {
      received.push(reason);
    });
    emit('suspend');
    emit('reboot-into-evil-mode');
    emit({ toString: () => 'idle' });
    emit('screen-locked');
    expect(received).toEqual(['suspend', 'screen-locked']);
    stop();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    emit('idle');
    expect(received).toEqual(['suspend', 'screen-locked']);
  });

  it('uses the functions the bridge had when the app started', async () => {
    const { bridge } = fakeBridge();
    const platform = createElectronPlatform(asDeskApi(bridge));
    const original = bridge.appInfo;
    bridge.appInfo = vi.fn(() => Promise.resolve({ ...GOOD_INFO, version: '6.6.6' }));
    await expect(platform.appInfo()).resolves.toMatchObject({ version: '0.1.0' });
    expect(original).toHaveBeenCalledTimes(1);
  });
});

describe('platform choice', () => {
  const fakeWindow = (desk?: unknown): Window =>
    Object.assign(Object.create(null) as object, { document }, desk === undefined ? {} : { desk }) as unknown as Window;

  it('uses the Electron bridge when window.desk has the four DeskApi functions', async () => {
    const { bridge } = fakeBridge();
    const info = await createPlatform(fakeWindow(bridge)).appInfo();
    expect(info.platform).toBe('electron');
    expect(bridge.appInfo).toHaveBeenCalledTimes(1);
  });

  it('runs on the web platform when there is no window.desk', async () => {
    const info = await createPlatform(fakeWindow()).appInfo();
    expect(info.platform).toBe('web');
  });

  it('refuses to start on a window.desk that is not the DeskApi, instead of falling back quietly', () => {
    const { bridge } = fakeBridge();
    const { saveFiles: _dropped, ...incomplete } = bridge;
    expect(() => createPlatform(fakeWindow(incomplete))).toThrow(/not a DeskApi bridge/u);
    expect(() => createPlatform(fakeWindow({ ...bridge, appInfo: 'yes' }))).toThrow(/not a DeskApi bridge/u);
    expect(() => createPlatform(fakeWindow(null))).toThrow(/not a DeskApi bridge/u);
  });
});
