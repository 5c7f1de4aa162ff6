/**
 * The security posture the About screen shows. Each line is read from the thing that applied it (the
 * web preferences the window was built with, the session and web contents registries in security.ts,
 * the IPC guard, the start-up constants, Electron's own answers), never restated here, so a setting
 * that is dropped shows up as `off` instead of being claimed.
 */
import type { WebPreferences } from 'electron';
import type { PostureItem } from '@shared/ipc/desk-api';

type PostureId = PostureItem['id'];

export interface PostureFacts {
  /** The exact object the main window was created with. */
  webPreferences: Readonly<WebPreferences>;
  /** The `app` scheme is served by our handler, whose every response carries the CSP. */
  appProtocolHandled: boolean;
  /** security.ts hardened the window's session (network cancelled, permissions denied). */
  sessionHardened: boolean;
  /** What the session answers when asked whether the spell checker is on. */
  spellCheckerEnabled: boolean;
  /** security.ts installed the navigation and window-open guards on the window's web contents. */
  contentsGuarded: boolean;
  /** Channels the main process answers, and those among them that go through the sender check. */
  channels: readonly string[];
  guardedChannels: ReadonlySet<string>;
  crashReporterStarted: boolean;
  autoUpdaterEnabled: boolean;
  hasSingleInstanceLock: boolean;
  /** electron-builder flips the fuses while packaging, so an unpackaged run has none of them. */
  isPackaged: boolean;
}

const state = (on: boolean): PostureItem['state'] => (on ? 'on' : 'off');

export function collectPosture(facts: PostureFacts): PostureItem[] {
  const prefs = facts.webPreferences;
  const items: [PostureId, boolean][] = [
    ['context-isolation', prefs.contextIsolation === true],
    ['renderer-sandbox', prefs.sandbox === true],
    [
      'node-integration-off',
      prefs.nodeIntegration === false &&
        prefs.nodeIntegrationInWorker === false &&
        prefs.nodeIntegrationInSubFrames === false,
    ],
    ['web-security', prefs.webSecurity === true && prefs.allowRunningInsecureContent === false],
    ['csp', facts.appProtocolHandled],
    ['network-blocked', facts.sessionHardened],
    ['permissions-denied', facts.sessionHardened],
    ['navigation-blocked', facts.contentsGuarded && prefs.webviewTag === false],
    ['ipc-sender-checked', facts.channels.length > 0 && facts.channels.every((c) => facts.guardedChannels.has(c))],
    ['spellcheck-off', prefs.spellcheck === false && !facts.spellCheckerEnabled],
    ['crash-reporting-off', !facts.crashReporterStarted],
    ['updates-off', !facts.autoUpdaterEnabled],
    ['devtools-off', prefs.devTools === false],
    ['single-instance', facts.hasSingleInstanceLock],
    ['fuses', facts.isPackaged],
  ];
  return items.map(([id, on]) => ({ id, state: state(on) }));
}
