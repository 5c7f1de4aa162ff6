/**
 * What the process must settle before Electron is ready: Chromium reads command-line switches and the
 * privileged-scheme list once, at start-up, so applying them later silently does nothing. index.ts calls
 * applyStartupPolicy() first thing; the posture shown on the About screen is read from the same constants.
 */
import type { App, CustomScheme, Protocol } from 'electron';
import { APP_SCHEME } from './origin';

/**
 * `app://` is standard (so it has an origin, relative URLs and IndexedDB), secure (a secure context, which
 * WebCrypto needs), and may be fetched (Vite's module graph uses fetch). It never gets `bypassCSP`: the
 * policy on every response is the main thing keeping injected script out. No service workers, no CORS.
 */
export const PRIVILEGED_SCHEMES: readonly CustomScheme[] = [
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
];

/**
 * Chromium switches that keep the browser layer off the network on its own account. The host resolver
 * maps every name to nothing, so even a request that slipped past the session's webRequest filter cannot
 * resolve a host; `no-proxy-server` stops proxy auto-detection (WPAD) lookups. The `disable-*` switches
 * turn off Chromium's background fetches where the build has them; a switch the build does not know is
 * ignored, so listing them costs nothing.
 */
export const CHROMIUM_SWITCHES: readonly (readonly [name: string, value?: string])[] = [
  ['host-resolver-rules', 'MAP * ~NOTFOUND'],
  ['no-proxy-server'],
  ['disable-background-networking'],
  ['disable-component-update'],
  ['disable-domain-reliability'],
  ['disable-breakpad'],
  ['no-pings'],
];

/**
 * The app never starts the crash reporter (reports would leave the machine or pile up on its disk) and
 * has no updater (updates arrive on USB like everything else; electron-builder's `publish` is null). They
 * are named here so the posture reads them from one place; tests/unit/electron/index.test.ts asserts that
 * start-up indeed never calls `crashReporter.start` and never touches `autoUpdater`.
 */
export const CRASH_REPORTER_STARTED = false;
export const AUTO_UPDATER_ENABLED = false;

/** The environment variable that asks for DevTools; honoured only in an unpackaged (development) run. */
export const DEVTOOLS_ENV = 'TALLINN_DESK_DEVTOOLS';

export function devToolsAllowed(env: NodeJS.ProcessEnv, isPackaged: boolean): boolean {
  return !isPackaged && env[DEVTOOLS_ENV] === '1';
}

/** Everything that must happen before `ready`. Call once, at the top of the main entry. */
export function applyStartupPolicy(app: App, protocol: Protocol): void {
  // Every renderer is sandboxed, whatever a window's own webPreferences say.
  app.enableSandbox();
  for (const [name, value] of CHROMIUM_SWITCHES) {
    if (value === undefined) app.commandLine.appendSwitch(name);
    else app.commandLine.appendSwitch(name, value);
  }
  protocol.registerSchemesAsPrivileged([...PRIVILEGED_SCHEMES]);
}
