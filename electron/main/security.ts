/**
 * The renderer's cage: web preferences, the session's network and permission policy, and the navigation
 * guards. Each function is applied to every window, session and web contents the app creates (index.ts
 * wires them to `session-created` and `web-contents-created`), and each remembers what it hardened, so
 * the posture on the About screen reports what was applied rather than what was meant.
 */
import type { Session, WebContents, WebPreferences } from 'electron';
import { isAppEntryUrl, isAppUrl } from './origin';

/**
 * A `.invalid` name can never resolve (RFC 2606), and the host resolver maps every name to nothing
 * anyway: the spell checker is off, and if Chromium ever tried to fetch a dictionary it would get nowhere.
 */
export const UNUSABLE_DICTIONARY_URL = 'https://dictionaries.invalid/';

export function secureWebPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // Spell checking sends nothing anywhere by itself, but it downloads dictionaries on Windows/Linux.
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools,
  };
}

/**
 * Which URLs a session may load at all. Everything on the network is cancelled; only the app's own origin
 * is served. `data:` and our own `blob:` URLs never leave the process (the CSP allows them for images),
 * and `devtools:` is needed only while DevTools are allowed in a development run.
 */
export function isAllowedRequestUrl(url: string, devTools: boolean): boolean {
  if (isAppUrl(url)) return true;
  if (url.startsWith('data:')) return true;
  if (url.startsWith('blob:')) return isAppUrl(url.slice('blob:'.length));
  if (devTools && url.startsWith('devtools:')) return true;
  return false;
}

const hardenedSessions = new WeakSet<Session>();

/**
 * Applies the session policy: every request off our origin is cancelled, every permission request is
 * refused and every permission check fails (camera, notifications, clipboard-read, HID, USB, serial...),
 * downloads are refused (files leave only through DeskApi.saveFiles), and the spell checker is off.
 * Safe to call more than once on the same session.
 */
export function hardenSession(session: Session, devTools: boolean): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url, devTools) });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setSpellCheckerEnabled(false);
  session.setSpellCheckerDictionaryDownloadURL(UNUSABLE_DICTIONARY_URL);
  if (!hardenedSessions.has(session)) {
    session.on('will-download', (event) => {
      event.preventDefault();
    });
    hardenedSessions.add(session);
  }
}

export function isSessionHardened(session: Session): boolean {
  return hardenedSessions.has(session);
}

const guardedContents = new WeakSet<WebContents>();

/**
 * Keeps a web contents on the app's entry page. No link, form, `location` change or redirect may take a
 * frame anywhere else; the one navigation allowed is back to the entry page itself, which is how locking
 * reloads the renderer to drop plaintext. New windows and `<webview>` are refused outright, and DevTools
 * are closed again if something opens them where they are not allowed.
 */
export function guardWebContents(contents: WebContents, devTools: boolean): void {
  if (guardedContents.has(contents)) return;
  guardedContents.add(contents);

  contents.on('will-navigate', (event) => {
    if (!isAppEntryUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppEntryUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    // The CSP already says `frame-src 'none'`; a subframe that exists anyway goes nowhere.
    if (!event.isMainFrame || !isAppEntryUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  if (!devTools) {
    contents.on('devtools-opened', () => {
      contents.closeDevTools();
    });
  }
}

export function isContentsGuarded(contents: WebContents): boolean {
  return guardedContents.has(contents);
}
