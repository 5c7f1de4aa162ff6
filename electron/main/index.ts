/**
 * Main-process entry: wiring only. The policy lives in the modules it calls; this file decides the order,
 * which matters: switches and privileged schemes before `ready`, the session hardened and the app
 * protocol and IPC handlers in place before the window exists, the window last.
 *
 * Never here, on purpose: `crashReporter.start` (reports would leave the machine or pile up on disk) and
 * any auto-updater (updates arrive on USB). tests/unit/electron/index.test.ts checks both.
 */
import { join } from 'node:path';
import { app, dialog, ipcMain, powerMonitor, protocol, session, type BrowserWindow } from 'electron';
import { DESK_CHANNELS } from '@shared/ipc/channels';
import { createGuardedIpc } from './ipc/guarded-handle';
import { registerAppInfo } from './ipc/app-info';
import { registerFiles } from './ipc/files';
import { registerPrint } from './ipc/print';
import { registerIdleLock } from './ipc/idle-lock';
import { DEFAULT_IDLE_THRESHOLD_SECONDS, startLockSignals } from './lock-signals';
import { installApplicationMenu } from './menu';
import { APP_SCHEME } from './origin';
import { collectPosture } from './posture';
import { createAppProtocolHandler } from './protocol';
import { guardWebContents, hardenSession, isContentsGuarded, isSessionHardened } from './security';
import { applyStartupPolicy, AUTO_UPDATER_ENABLED, CRASH_REPORTER_STARTED, devToolsAllowed } from './startup';
import { createMainWindow, type MainWindow } from './window';

const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
const rendererDir = join(import.meta.dirname, '../renderer');
/** The channels the renderer invokes; `lockNow` only ever flows from main to the renderer. */
const INVOKE_CHANNELS = [DESK_CHANNELS.appInfo, DESK_CHANNELS.openFiles, DESK_CHANNELS.saveFiles, DESK_CHANNELS.print, DESK_CHANNELS.setIdleLock];

const devTools = devToolsAllowed(process.env, app.isPackaged);
applyStartupPolicy(app, protocol);

if (app.requestSingleInstanceLock()) {
  start();
} else {
  // Another Tallinn Desk is running; it gets focus (its `second-instance` handler) and this one leaves.
  app.quit();
}

function start(): void {
  let main: MainWindow | null = null;
  let stopLockSignals: (() => void) | null = null;
  /** The vault's idle time as the renderer last reported it; the default until the vault is unlocked. */
  let idleLockSeconds = DEFAULT_IDLE_THRESHOLD_SECONDS;
  const liveWindow = (): BrowserWindow | null => (main !== null && !main.window.isDestroyed() ? main.window : null);

  app.on('second-instance', () => {
    const window = liveWindow();
    if (window === null) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // Every session and every web contents, including ones Chromium creates on its own, gets the policy.
  app.on('session-created', (created) => {
    hardenSession(created, devTools);
  });
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, devTools);
  });
  // One window: closing it ends the app on every platform, so nothing lingers with a vault open.
  app.on('window-all-closed', () => {
    app.quit();
  });

  const onReady = (): void => {
    const ses = session.defaultSession;
    hardenSession(ses, devTools);
    // Only the window's session serves the app; any other session has no `app:` handler and, being
    // hardened too, can load nothing at all.
    ses.protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
    installApplicationMenu(process.platform);

    const ipc = createGuardedIpc(ipcMain, () => liveWindow()?.webContents ?? null);
    registerAppInfo(ipc, {
      name: app.getName(),
      version: __APP_VERSION__,
      versions: process.versions,
      platform: process.platform,
      arch: process.arch,
      posture: () => {
        const window = liveWindow();
        return collectPosture({
          webPreferences: main?.webPreferences ?? {},
          appProtocolHandled: ses.protocol.isProtocolHandled(APP_SCHEME),
          sessionHardened: isSessionHardened(ses),
          spellCheckerEnabled: ses.isSpellCheckerEnabled(),
          contentsGuarded: window !== null && isContentsGuarded(window.webContents),
          channels: INVOKE_CHANNELS,
          guardedChannels: ipc.guardedChannels(),
          crashReporterStarted: CRASH_REPORTER_STARTED,
          autoUpdaterEnabled: AUTO_UPDATER_ENABLED,
          hasSingleInstanceLock: app.hasSingleInstanceLock(),
          isPackaged: app.isPackaged,
        });
      },
    });
    registerFiles(ipc, { dialog, window: liveWindow });
    registerPrint(ipc, liveWindow);
    registerIdleLock(ipc, (minutes) => {
      idleLockSeconds = minutes * 60;
    });

    main = createMainWindow(preloadPath, devTools);
    const { webContents } = main.window;
    guardWebContents(webContents, devTools);
    stopLockSignals = startLockSignals({
      powerMonitor,
      idleThresholdSeconds: () => idleLockSeconds,
      send: (reason) => {
        if (!webContents.isDestroyed()) webContents.send(DESK_CHANNELS.lockNow, reason);
      },
    });
    main.window.on('closed', () => {
      stopLockSignals?.();
      stopLockSignals = null;
      main = null;
    });
  };

  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => {
      console.error('Tallinn Desk could not start', error);
      app.exit(1);
    });
}
