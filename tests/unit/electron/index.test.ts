/**
 * The main entry's wiring, with `electron` replaced by stand-ins: what happens before `ready` (sandbox,
 * switches, the privileged scheme), the single-instance rule, what happens at `ready` (hardened session,
 * app:// handler, guarded IPC, the window on the entry page, lock signals), and what never happens (crash
 * reporter, auto-updater).
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CustomScheme, WebPreferences } from 'electron';
import { DESK_CHANNELS } from '@shared/ipc/channels';
import { appInfoSchema } from '@shared/ipc/desk-api';
import { FakeIpcMain, FakeSession, FakeWebContents, invokeEvent } from './fakes';

class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(() => Promise.resolve());
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  minimized = false;
  constructor(readonly options: { webPreferences: WebPreferences; show?: boolean }) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  isDestroyed(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
}

function createFakeElectron(gotLock: boolean) {
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  const defaultSession = new FakeSession();
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    enableSandbox: vi.fn(),
    commandLine: { appendSwitch: vi.fn() },
    requestSingleInstanceLock: vi.fn(() => gotLock),
    hasSingleInstanceLock: vi.fn(() => gotLock),
    quit: vi.fn(),
    exit: vi.fn(),
    getName: () => 'Tallinn Desk',
    whenReady: vi.fn(() => ready),
  });
  const autoUpdaterTouched = vi.fn();
  return {
    resolveReady,
    electron: {
      app,
      protocol: { registerSchemesAsPrivileged: vi.fn() },
      session: { defaultSession },
      ipcMain: new FakeIpcMain(),
      dialog: { showOpenDialog: vi.fn() },
      powerMonitor: Object.assign(new EventEmitter(), { getSystemIdleTime: () => 0 }),
      BrowserWindow: FakeBrowserWindow,
      Menu: {
        buildFromTemplate: vi.fn((template: unknown) => ({ template })),
        setApplicationMenu: vi.fn(),
      },
      crashReporter: { start: vi.fn() },
      get autoUpdater() {
        autoUpdaterTouched();
        return {};
      },
    },
    autoUpdaterTouched,
    defaultSession,
  };
}

type FakeElectron = ReturnType<typeof createFakeElectron>;
const current = vi.hoisted(() => ({ fake: undefined as FakeElectron | undefined }));

vi.mock('electron', () => {
  const get = () => {
    if (current.fake === undefined) throw new Error('boot() sets the fake electron before importing main');
    return current.fake.electron;
  };
  return {
    get app() {
      return get().app;
    },
    get protocol() {
      return get().protocol;
    },
    get session() {
      return get().session;
    },
    get ipcMain() {
      return get().ipcMain;
    },
    get dialog() {
      return get().dialog;
    },
    get powerMonitor() {
      return get().powerMonitor;
    },
    get BrowserWindow() {
      return get().BrowserWindow;
    },
    get Menu() {
      return get().Menu;
    },
    get crashReporter() {
      return get().crashReporter;
    },
    get autoUpdater() {
      return get().autoUpdater;
    },
  };
});

async function boot(gotLock: boolean, ready = true): Promise<FakeElectron> {
  const fake = createFakeElectron(gotLock);
  current.fake = fake;
  FakeBrowserWindow.created = [];
  vi.resetModules();
  await import('../../../electron/main/index');
  if (ready) {
    fake.resolveReady();
    await vi.waitFor(() => {
      expect(FakeBrowserWindow.created).toHaveLength(1);
    });
  }
  return fake;
}

function mainWindow(): FakeBrowserWindow {
  const [window] = FakeBrowserWindow.created;
  if (window === undefined) throw new Error('no window was created');
  return window;
}

beforeEach(() => {
  vi.unstubAllEnvs();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('before ready', () => {
  it('sandboxes every renderer and maps every host name to nothing', async () => {
    const { electron } = await boot(true, false);
    expect(electron.app.enableSandbox).toHaveBeenCalledOnce();
    expect(electron.app.commandLine.appendSwitch).toHaveBeenCalledWith('host-resolver-rules', 'MAP * ~NOTFOUND');
    expect(electron.app.commandLine.appendSwitch).toHaveBeenCalledWith('no-proxy-server');
  });

  it('registers app:// as standard and secure, never bypassing the CSP', async () => {
    const { electron } = await boot(true, false);
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    const [schemes] = electron.protocol.registerSchemesAsPrivileged.mock.calls[0] as [CustomScheme[]];
    expect(schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    expect(schemes[0]?.privileges?.bypassCSP).toBeUndefined();
    expect(schemes[0]?.privileges?.allowServiceWorkers).toBeUndefined();
    expect(schemes[0]?.privileges?.corsEnabled).toBeUndefined();
  });
});

describe('single instance', () => {
  it('quits at once when another instance holds the lock', async () => {
    const { electron, resolveReady } = await boot(false, false);
    expect(electron.app.quit).toHaveBeenCalledOnce();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    resolveReady();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(FakeBrowserWindow.created).toHaveLength(0);
    expect(electron.app.listenerCount('second-instance')).toBe(0);
  });

  it('restores and focuses the existing window when a second instance starts', async () => {
    const { electron } = await boot(true);
    expect(electron.app.quit).not.toHaveBeenCalled();
    const window = mainWindow();
    window.minimized = true;
    electron.app.emit('second-instance', {}, [], '/');
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
  });
});

describe('at ready', () => {
  it('hardens the default session and every session created later', async () => {
    const { electron, defaultSession } = await boot(true);
    expect(defaultSession.cancels('https://example.org/')).toBe(true);
    expect(defaultSession.isSpellCheckerEnabled()).toBe(false);
    const later = new FakeSession();
    electron.app.emit('session-created', later);
    expect(later.cancels('https://example.org/')).toBe(true);
    expect(later.cancels('app://desk/index.html')).toBe(false);
  });

  it('guards every web contents created later', async () => {
    const { electron } = await boot(true);
    const contents = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
  });

  it('serves app:// on the window’s session with the CSP', async () => {
    const { defaultSession } = await boot(true);
    expect(defaultSession.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = defaultSession.handled.get('app');
    const response = await handler?.(new Request('app://desk/definitely-missing.js'));
    expect(response?.status).toBe(404);
    expect(response?.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
  });

  it('opens one hidden window with the secure preferences on the entry page, shown when ready', async () => {
    await boot(true);
    const window = mainWindow();
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
    });
    expect(window.options.webPreferences.preload).toMatch(/[/\\]preload[/\\]index\.cjs$/u);
    expect(window.loadURL).toHaveBeenCalledWith('app://desk/index.html');
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledOnce();
    expect(window.webContents.windowOpenHandler?.({ url: 'app://desk/index.html' })).toEqual({ action: 'deny' });
  });

  it('allows DevTools only with TALLINN_DESK_DEVTOOLS=1 in an unpackaged run', async () => {
    vi.stubEnv('TALLINN_DESK_DEVTOOLS', '1');
    await boot(true);
    expect(mainWindow().options.webPreferences.devTools).toBe(true);
  });

  it('replaces the default menu, which links to the web, with edit commands only', async () => {
    const { electron } = await boot(true);
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledOnce();
    const template = JSON.stringify(electron.Menu.buildFromTemplate.mock.calls[0]);
    expect(template).not.toMatch(/help|viewMenu|toggleDevTools|reload/iu);
  });

  it('answers app-info from the trusted window with every posture item, and refuses others', async () => {
    const { electron } = await boot(true);
    const contents = mainWindow().webContents;
    const info = appInfoSchema.parse(await electron.ipcMain.invoke(DESK_CHANNELS.appInfo, invokeEvent(contents, contents.mainFrame)));
    expect(info.version).toBe('0.0.0-test');
    const state = Object.fromEntries(info.posture.map((item) => [item.id, item.state]));
    expect(state).toEqual({
      'context-isolation': 'on',
      'renderer-sandbox': 'on',
      'node-integration-off': 'on',
      'web-security': 'on',
      csp: 'on',
      'network-blocked': 'on',
      'permissions-denied': 'on',
      'navigation-blocked': 'on',
      'ipc-sender-checked': 'on',
      'spellcheck-off': 'on',
      'crash-reporting-off': 'on',
      'updates-off': 'on',
      'devtools-off': 'on',
      'single-instance': 'on',
      // Unpackaged: electron-builder has not flipped the fuses.
      fuses: 'off',
    });
    const stranger = new FakeWebContents();
    await expect(electron.ipcMain.invoke(DESK_CHANNELS.appInfo, invokeEvent(stranger, stranger.mainFrame))).rejects.toThrow(/refused/u);
  });

  it('forwards OS lock signals to the window as the reason only', async () => {
    const { electron } = await boot(true);
    electron.powerMonitor.emit('lock-screen');
    electron.powerMonitor.emit('suspend');
    expect(mainWindow().webContents.sent).toEqual([
      [DESK_CHANNELS.lockNow, 'screen-locked'],
      [DESK_CHANNELS.lockNow, 'suspend'],
    ]);
    mainWindow().emit('closed');
    electron.powerMonitor.emit('lock-screen');
    expect(electron.powerMonitor.listenerCount('lock-screen')).toBe(0);
  });

  it('quits when the window is closed', async () => {
    const { electron } = await boot(true);
    electron.app.emit('window-all-closed');
    expect(electron.app.quit).toHaveBeenCalledOnce();
  });

  it('never starts the crash reporter and never touches the auto-updater', async () => {
    const fake = await boot(true);
    expect(fake.electron.crashReporter.start).not.toHaveBeenCalled();
    expect(fake.autoUpdaterTouched).not.toHaveBeenCalled();
  });
});
