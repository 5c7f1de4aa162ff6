/**
 * Every IPC handler checks who is calling and what was sent before it does anything: a foreign or
 * vanished frame, a subframe, another window, or a malformed request is refused with a message that says
 * why, the promise rejects, the dialog never opens, and main keeps running.
 */
import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, WebPreferences } from 'electron';
import { appInfoSchema, MAX_OPEN_FILE_BYTES, MAX_SAVE_FILES, type PostureItem } from '@shared/ipc/desk-api';
import { DESK_CHANNELS } from '@shared/ipc/channels';
import { createGuardedIpc } from '../../../electron/main/ipc/guarded-handle';
import { isTrustedSender } from '../../../electron/main/ipc/sender';
import { buildAppInfo, registerAppInfo } from '../../../electron/main/ipc/app-info';
import { registerFiles } from '../../../electron/main/ipc/files';
import { registerPrint } from '../../../electron/main/ipc/print';
import { registerIdleLock } from '../../../electron/main/ipc/idle-lock';
import { collectPosture, type PostureFacts } from '../../../electron/main/posture';
import { secureWebPreferences } from '../../../electron/main/security';
import { FakeIpcMain, FakeWebContents, invokeEvent, type FakeFrame } from './fakes';

function setup() {
  const ipcMain = new FakeIpcMain();
  const contents = new FakeWebContents();
  const showOpenDialog = vi.fn(() => Promise.resolve({ canceled: true, filePaths: [] }));
  const ipc = createGuardedIpc(ipcMain as never, () => contents.asWebContents());
  const posture = vi.fn((): PostureItem[] => [{ id: 'csp', state: 'on' }]);
  registerAppInfo(ipc, {
    name: 'Tallinn Desk',
    version: '1.2.3',
    versions: { ...process.versions, electron: '45.5.0', chrome: '140.0.0.0' },
    platform: 'linux',
    arch: 'x64',
    posture,
  });
  registerFiles(ipc, {
    dialog: { showOpenDialog },
    window: () => ({ id: 1 }) as unknown as BrowserWindow,
  });
  // print() answers as Electron's webContents.print callback would after the user's choice.
  const print = vi.fn((_options: unknown, done: (success: boolean, failureReason: string) => void) => {
    done(false, 'cancelled');
  });
  registerPrint(ipc, () => ({ webContents: { print } }) as unknown as BrowserWindow);
  const setIdleMinutes = vi.fn();
  registerIdleLock(ipc, setIdleMinutes);
  const trusted = invokeEvent(contents, contents.mainFrame);
  return { ipcMain, ipc, contents, showOpenDialog, posture, print, setIdleMinutes, trusted };
}

const validRequests: Record<string, unknown> = {
  [DESK_CHANNELS.appInfo]: undefined,
  [DESK_CHANNELS.openFiles]: { mode: 'files' },
  [DESK_CHANNELS.saveFiles]: { files: [{ name: 'a.age', bytes: new Uint8Array([1]) }] },
  [DESK_CHANNELS.print]: undefined,
  [DESK_CHANNELS.setIdleLock]: { minutes: 15 },
};

describe('isTrustedSender', () => {
  const contents = new FakeWebContents();
  const trusted = contents.asWebContents();

  it('accepts the top frame of our window on app://desk', () => {
    expect(isTrustedSender(invokeEvent(contents, contents.mainFrame), trusted)).toBe(true);
    expect(isTrustedSender(invokeEvent(contents, { url: 'app://desk/index.html#/needs', parent: null }), trusted)).toBe(true);
  });

  it('refuses a null frame, a subframe, a foreign origin, another window and a destroyed window', () => {
    const sub: FakeFrame = { url: 'app://desk/index.html', parent: contents.mainFrame };
    expect(isTrustedSender(invokeEvent(contents, null), trusted)).toBe(false);
    expect(isTrustedSender(invokeEvent(contents, sub), trusted)).toBe(false);
    for (const url of ['https://example.org/', 'app://evil/index.html', 'file:///index.html', 'about:blank', 'devtools://devtools/']) {
      expect(isTrustedSender(invokeEvent(contents, { url, parent: null }), trusted), url).toBe(false);
    }
    const other = new FakeWebContents();
    expect(isTrustedSender(invokeEvent(other, other.mainFrame), trusted)).toBe(false);
    expect(isTrustedSender(invokeEvent(contents, contents.mainFrame), null)).toBe(false);
    const gone = new FakeWebContents();
    gone.destroyed = true;
    expect(isTrustedSender(invokeEvent(gone, gone.mainFrame), gone.asWebContents())).toBe(false);
  });
});

describe('IPC sender check on every channel', () => {
  const channels = [DESK_CHANNELS.appInfo, DESK_CHANNELS.openFiles, DESK_CHANNELS.saveFiles, DESK_CHANNELS.print, DESK_CHANNELS.setIdleLock];

  it('registers exactly the invoke channels, all through the guard', () => {
    const { ipcMain, ipc } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...channels].sort());
    expect([...ipc.guardedChannels()].sort()).toEqual([...channels].sort());
  });

  const foreign: [string, (c: FakeWebContents) => ReturnType<typeof invokeEvent>][] = [
    ['a null senderFrame', (c) => invokeEvent(c, null)],
    ['a subframe', (c) => invokeEvent(c, { url: 'app://desk/index.html', parent: c.mainFrame })],
    ['another origin', (c) => invokeEvent(c, { url: 'https://evil.example/', parent: null })],
    ['another app host', (c) => invokeEvent(c, { url: 'app://evil/index.html', parent: null })],
    ['another web contents', () => {
      const other = new FakeWebContents();
      return invokeEvent(other, other.mainFrame);
    }],
  ];

  for (const channel of channels) {
    it.each(foreign)(`${channel} refuses %s and never opens a dialog`, async (_label, makeEvent) => {
      const { ipcMain, contents, showOpenDialog, posture, print, setIdleMinutes } = setup();
      await expect(ipcMain.invoke(channel, makeEvent(contents), validRequests[channel])).rejects.toThrow(
        `${channel} refused: the caller is not the Tallinn Desk window`,
      );
      expect(showOpenDialog).not.toHaveBeenCalled();
      expect(posture).not.toHaveBeenCalled();
      expect(print).not.toHaveBeenCalled();
      expect(setIdleMinutes).not.toHaveBeenCalled();
    });
  }
});

describe('IPC argument validation', () => {
  const bad: [string, string, unknown, RegExp][] = [
    ['openFiles with maxBytes over the cap', DESK_CHANNELS.openFiles, { mode: 'files', maxBytes: MAX_OPEN_FILE_BYTES + 1 }, /maxBytes/u],
    ['openFiles with a negative maxBytes', DESK_CHANNELS.openFiles, { mode: 'files', maxBytes: -1 }, /maxBytes/u],
    ['openFiles with an unknown mode', DESK_CHANNELS.openFiles, { mode: 'everything' }, /mode/u],
    ['openFiles with an extra key', DESK_CHANNELS.openFiles, { mode: 'files', path: '/etc' }, /path|unrecognized/iu],
    ['openFiles with a bad extension', DESK_CHANNELS.openFiles, { mode: 'files', extensions: ['../x'] }, /extensions/u],
    ['openFiles without a request', DESK_CHANNELS.openFiles, undefined, /invalid request/u],
    ['saveFiles with a path in a name', DESK_CHANNELS.saveFiles, { files: [{ name: '../x', bytes: new Uint8Array() }] }, /files\.0\.name: file name contains a reserved character/u],
    ['saveFiles with a device name', DESK_CHANNELS.saveFiles, { files: [{ name: 'CON', bytes: new Uint8Array() }] }, /files\.0\.name: file name is a reserved device name/u],
    ['saveFiles with a device name and extension', DESK_CHANNELS.saveFiles, { files: [{ name: 'lpt1.age', bytes: new Uint8Array() }] }, /reserved device name/u],
    ['saveFiles with a trailing dot', DESK_CHANNELS.saveFiles, { files: [{ name: 'a.age.', bytes: new Uint8Array() }] }, /ends with a dot/u],
    ['saveFiles with duplicate names', DESK_CHANNELS.saveFiles, { files: [{ name: 'A.age', bytes: new Uint8Array() }, { name: 'a.age', bytes: new Uint8Array() }] }, /two files share a name/u],
    ['saveFiles with no files', DESK_CHANNELS.saveFiles, { files: [] }, /files/u],
    ['saveFiles with too many files', DESK_CHANNELS.saveFiles, { files: Array.from({ length: MAX_SAVE_FILES + 1 }, (_, i) => ({ name: `f${i}.age`, bytes: new Uint8Array() })) }, /files/u],
    ['saveFiles with bytes as a string', DESK_CHANNELS.saveFiles, { files: [{ name: 'a.age', bytes: 'AAAA' }] }, /files\.0\.bytes/u],
    ['appInfo with an argument', DESK_CHANNELS.appInfo, { give: 'me' }, /invalid request/u],
  ];

  it.each(bad)('refuses %s with a clear error and no dialog', async (_label, channel, request, message) => {
    const { ipcMain, showOpenDialog, trusted } = setup();
    const call = ipcMain.invoke(channel, trusted, request);
    await expect(call).rejects.toThrow(`${channel} refused: invalid request: `);
    await expect(call).rejects.toThrow(message);
    expect(showOpenDialog).not.toHaveBeenCalled();
  });

  it('refuses a second argument', async () => {
    const { ipcMain, showOpenDialog, trusted } = setup();
    await expect(ipcMain.invoke(DESK_CHANNELS.openFiles, trusted, { mode: 'files' }, { mode: 'folder' })).rejects.toThrow(
      'expected at most one argument, got 2',
    );
    expect(showOpenDialog).not.toHaveBeenCalled();
  });

  it('lets a valid request through to the dialog', async () => {
    const { ipcMain, showOpenDialog, trusted } = setup();
    await expect(ipcMain.invoke(DESK_CHANNELS.openFiles, trusted, { mode: 'files', extensions: ['age'] })).resolves.toEqual({
      picked: false,
      files: [],
      truncated: false,
    });
    expect(showOpenDialog).toHaveBeenCalledOnce();
  });
});

describe('desk:set-idle-lock', () => {
  it('hands the vault idle time to the idle watch', async () => {
    const { ipcMain, trusted, setIdleMinutes } = setup();
    await ipcMain.invoke(DESK_CHANNELS.setIdleLock, trusted, { minutes: 45 });
    expect(setIdleMinutes).toHaveBeenCalledWith(45);
  });

  it.each([[{ minutes: 0 }], [{ minutes: 241 }], [{ minutes: 2.5 }], [{ minutes: '10' }], [{}], [undefined]])('refuses %j', async (request) => {
    const { ipcMain, trusted, setIdleMinutes } = setup();
    await expect(ipcMain.invoke(DESK_CHANNELS.setIdleLock, trusted, request)).rejects.toThrow(/invalid request/u);
    expect(setIdleMinutes).not.toHaveBeenCalled();
  });
});

describe('desk:print', () => {
  it('opens the system print dialog (never silent) and reports the outcome', async () => {
    const { ipcMain, trusted, print } = setup();
    await expect(ipcMain.invoke(DESK_CHANNELS.print, trusted)).resolves.toEqual({ status: 'cancelled' });
    expect(print).toHaveBeenCalledOnce();
    expect(print.mock.calls[0]?.[0]).toMatchObject({ silent: false });
  });

  it('refuses an argument', async () => {
    const { ipcMain, trusted, print } = setup();
    await expect(ipcMain.invoke(DESK_CHANNELS.print, trusted, { silent: true })).rejects.toThrow(/invalid request/u);
    expect(print).not.toHaveBeenCalled();
  });
});

describe('desk:app-info', () => {
  it('answers with the contract’s shape: versions, OS and posture', async () => {
    const { ipcMain, trusted } = setup();
    const info = appInfoSchema.parse(await ipcMain.invoke(DESK_CHANNELS.appInfo, trusted));
    expect(info).toEqual({
      name: 'Tallinn Desk',
      version: '1.2.3',
      platform: 'electron',
      runtime: { electron: '45.5.0', chrome: '140.0.0.0', node: process.versions.node },
      os: 'linux x64',
      posture: [{ id: 'csp', state: 'on' }],
    });
  });

  it('fails loudly rather than send something outside the contract', () => {
    expect(() =>
      buildAppInfo({ name: '', version: '1', versions: process.versions, platform: 'linux', arch: 'x64', posture: () => [] }),
    ).toThrow();
  });
});

describe('posture', () => {
  const webPreferences: WebPreferences = secureWebPreferences('/p', false);
  const allOn: PostureFacts = {
    webPreferences,
    appProtocolHandled: true,
    sessionHardened: true,
    spellCheckerEnabled: false,
    contentsGuarded: true,
    channels: ['a', 'b'],
    guardedChannels: new Set(['a', 'b']),
    crashReporterStarted: false,
    autoUpdaterEnabled: false,
    hasSingleInstanceLock: true,
    isPackaged: true,
  };
  const state = (facts: PostureFacts) => Object.fromEntries(collectPosture(facts).map((item) => [item.id, item.state]));

  it('reports every contract item, all on for a hardened packaged app', () => {
    const items = collectPosture(allOn);
    expect(items.map((item) => item.id)).toEqual(appInfoSchema.shape.posture.element.shape.id.options);
    expect(items.every((item) => item.state === 'on')).toBe(true);
  });

  it('reports what was applied, not what was meant', () => {
    expect(state({ ...allOn, isPackaged: false }).fuses).toBe('off');
    expect(state({ ...allOn, webPreferences: secureWebPreferences('/p', true) })['devtools-off']).toBe('off');
    expect(state({ ...allOn, webPreferences: { ...webPreferences, sandbox: false } })['renderer-sandbox']).toBe('off');
    expect(state({ ...allOn, webPreferences: { ...webPreferences, contextIsolation: false } })['context-isolation']).toBe('off');
    expect(state({ ...allOn, webPreferences: { ...webPreferences, nodeIntegrationInWorker: true } })['node-integration-off']).toBe('off');
    expect(state({ ...allOn, spellCheckerEnabled: true })['spellcheck-off']).toBe('off');
    expect(state({ ...allOn, guardedChannels: new Set(['a']) })['ipc-sender-checked']).toBe('off');
    expect(state({ ...allOn, sessionHardened: false })['network-blocked']).toBe('off');
    expect(state({ ...allOn, sessionHardened: false })['permissions-denied']).toBe('off');
    expect(state({ ...allOn, contentsGuarded: false })['navigation-blocked']).toBe('off');
    expect(state({ ...allOn, appProtocolHandled: false }).csp).toBe('off');
    expect(state({ ...allOn, crashReporterStarted: true })['crash-reporting-off']).toBe('off');
    expect(state({ ...allOn, autoUpdaterEnabled: true })['updates-off']).toBe('off');
    expect(state({ ...allOn, hasSingleInstanceLock: false })['single-instance']).toBe('off');
  });
});
