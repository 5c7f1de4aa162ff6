/**
 * DESIGN.md §7, the renderer's cage: web preferences, the session's network and permission policy, and
 * the navigation guards, each checked as behaviour on stand-in sessions and web contents.
 */
import { describe, expect, it } from 'vitest';
import {
  guardWebContents,
  hardenSession,
  isAllowedRequestUrl,
  isContentsGuarded,
  isSessionHardened,
  secureWebPreferences,
  UNUSABLE_DICTIONARY_URL,
} from '../../../electron/main/security';
import { devToolsAllowed } from '../../../electron/main/startup';
import { isAppEntryUrl, isAppUrl } from '../../../electron/main/origin';
import { FakeSession, FakeWebContents, fakeEvent } from './fakes';

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and strips Node from the renderer', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs', false)).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: false,
    });
  });

  it('passes the DevTools decision through and changes nothing else', () => {
    const withDevTools = secureWebPreferences('/p', true);
    const without = secureWebPreferences('/p', false);
    expect(withDevTools.devTools).toBe(true);
    expect({ ...withDevTools, devTools: false }).toEqual(without);
  });
});

describe('devToolsAllowed', () => {
  it('needs TALLINN_DESK_DEVTOOLS=1 and an unpackaged run', () => {
    expect(devToolsAllowed({ TALLINN_DESK_DEVTOOLS: '1' }, false)).toBe(true);
    expect(devToolsAllowed({ TALLINN_DESK_DEVTOOLS: '1' }, true)).toBe(false);
    expect(devToolsAllowed({ TALLINN_DESK_DEVTOOLS: 'true' }, false)).toBe(false);
    expect(devToolsAllowed({}, false)).toBe(false);
  });
});

describe('the app origin', () => {
  it('recognises app://desk and nothing that only looks like it', () => {
    expect(isAppUrl('app://desk/index.html')).toBe(true);
    expect(isAppUrl('app://desk/assets/x.js')).toBe(true);
    for (const url of ['app://evil/index.html', 'app://desk.evil/', 'app://user@desk/', 'app://desk:8080/', 'https://desk/', 'desk', '']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('treats only the entry page (with an optional fragment) as the entry', () => {
    expect(isAppEntryUrl('app://desk/index.html')).toBe(true);
    expect(isAppEntryUrl('app://desk/index.html#/needs')).toBe(true);
    expect(isAppEntryUrl('app://desk/index.html?x=1')).toBe(false);
    expect(isAppEntryUrl('app://desk/other.html')).toBe(false);
    expect(isAppEntryUrl('app://desk/')).toBe(false);
  });
});

describe('hardenSession', () => {
  it('cancels every request that is not for app://desk', () => {
    const session = new FakeSession();
    hardenSession(session.asSession(), false);
    for (const url of [
      'https://example.org/',
      'http://localhost:5173/',
      'http://127.0.0.1/',
      'ws://example.org/socket',
      'wss://example.org/socket',
      'file:///etc/passwd',
      'ftp://example.org/',
      'chrome-extension://abc/x.js',
      'devtools://devtools/bundled/inspector.html',
      'app://other/index.html',
      'blob:https://example.org/1234',
    ]) {
      expect(session.cancels(url), url).toBe(true);
    }
  });

  it('lets the app origin, inline data and the app’s own blobs through', () => {
    const session = new FakeSession();
    hardenSession(session.asSession(), false);
    expect(session.cancels('app://desk/index.html')).toBe(false);
    expect(session.cancels('app://desk/assets/vault-worker-abc.js')).toBe(false);
    expect(session.cancels('data:,')).toBe(false);
    expect(session.cancels('blob:app://desk/6c0b3c2e-1b1c-4c55-9f57-0d3f1e0c9a11')).toBe(false);
  });

  it('allows devtools: only when DevTools are allowed', () => {
    expect(isAllowedRequestUrl('devtools://devtools/bundled/inspector.html', true)).toBe(true);
    expect(isAllowedRequestUrl('devtools://devtools/bundled/inspector.html', false)).toBe(false);
    expect(isAllowedRequestUrl('https://example.org/', true)).toBe(false);
  });

  it('refuses every permission request and check', () => {
    const session = new FakeSession();
    hardenSession(session.asSession(), false);
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'hid', 'usb', 'serial', 'openExternal', 'unknown']) {
      let granted: boolean | undefined;
      session.permissionRequest?.(null, permission, (answer) => {
        granted = answer;
      }, {});
      expect(granted, permission).toBe(false);
      expect(session.permissionCheck?.(null, permission, 'app://desk', {}), permission).toBe(false);
    }
    expect(session.devicePermission?.({ deviceType: 'usb', origin: 'app://desk' })).toBe(false);
  });

  it('turns the spell checker off and points dictionary downloads nowhere', () => {
    const session = new FakeSession();
    hardenSession(session.asSession(), false);
    expect(session.isSpellCheckerEnabled()).toBe(false);
    expect(session.dictionaryUrl).toBe(UNUSABLE_DICTIONARY_URL);
    expect(new URL(UNUSABLE_DICTIONARY_URL).hostname.endsWith('.invalid')).toBe(true);
  });

  it('refuses downloads, and hardening twice adds no second listener', () => {
    const session = new FakeSession();
    hardenSession(session.asSession(), false);
    hardenSession(session.asSession(), false);
    expect(session.listenerCount('will-download')).toBe(1);
    const event = fakeEvent({});
    session.emit('will-download', event, {}, null);
    expect(event.defaultPrevented).toBe(true);
    expect(isSessionHardened(session.asSession())).toBe(true);
    expect(isSessionHardened(new FakeSession().asSession())).toBe(false);
  });
});

describe('guardWebContents', () => {
  function guarded(devTools = false): FakeWebContents {
    const contents = new FakeWebContents();
    guardWebContents(contents.asWebContents(), devTools);
    return contents;
  }

  function navigate(contents: FakeWebContents, eventName: string, url: string, extra: object = {}): boolean {
    const event = fakeEvent({ url, isSameDocument: false, isMainFrame: true, ...extra });
    contents.emit(eventName, event, url);
    return event.defaultPrevented;
  }

  it('prevents navigation away from the app and allows the entry page', () => {
    const contents = guarded();
    for (const url of ['https://example.org/', 'file:///etc/passwd', 'app://desk/other.html', 'app://evil/index.html', 'javascript:alert(1)']) {
      expect(navigate(contents, 'will-navigate', url), url).toBe(true);
      expect(navigate(contents, 'will-redirect', url), url).toBe(true);
      expect(navigate(contents, 'will-frame-navigate', url), url).toBe(true);
    }
    expect(navigate(contents, 'will-navigate', 'app://desk/index.html')).toBe(false);
    expect(navigate(contents, 'will-navigate', 'app://desk/index.html#/locked')).toBe(false);
    expect(navigate(contents, 'will-frame-navigate', 'app://desk/index.html')).toBe(false);
  });

  it('prevents every subframe navigation, even to the entry page', () => {
    const contents = guarded();
    expect(navigate(contents, 'will-frame-navigate', 'app://desk/index.html', { isMainFrame: false })).toBe(true);
  });

  it('denies new windows and webviews', () => {
    const contents = guarded();
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://desk/index.html' })).toEqual({ action: 'deny' });
    const event = fakeEvent({});
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('closes DevTools that open where they are not allowed', () => {
    const production = guarded(false);
    production.emit('devtools-opened');
    expect(production.closeDevTools).toHaveBeenCalledOnce();
    const development = guarded(true);
    development.emit('devtools-opened');
    expect(development.closeDevTools).not.toHaveBeenCalled();
  });

  it('guards once and remembers it', () => {
    const contents = guarded();
    guardWebContents(contents.asWebContents(), false);
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(isContentsGuarded(contents.asWebContents())).toBe(true);
    expect(isContentsGuarded(new FakeWebContents().asWebContents())).toBe(false);
  });
});
