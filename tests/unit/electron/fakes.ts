/**
 * Stand-ins for the few Electron objects the main process touches, built on Node's EventEmitter so tests
 * drive them the way Electron would (emit an event, read what the handler did). No Electron binary is
 * needed, and none is loaded: tests that import a module which imports `electron` mock it with these.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import type { IpcMainInvokeEvent, Session, WebContents } from 'electron';

/** An Electron-style event: the params spread onto an object that can be prevented. */
export function fakeEvent<T extends object>(params: T): T & { preventDefault: () => void; defaultPrevented: boolean } {
  const event = {
    ...params,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

type BeforeRequest = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;
type PermissionRequest = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;

export class FakeSession extends EventEmitter {
  beforeRequest: BeforeRequest | null = null;
  permissionRequest: PermissionRequest | null = null;
  permissionCheck: ((...args: unknown[]) => boolean) | null = null;
  devicePermission: ((...args: unknown[]) => boolean) | null = null;
  spellChecker = true;
  dictionaryUrl: string | null = null;
  readonly handled = new Map<string, (request: Request) => Promise<Response>>();

  readonly webRequest = {
    onBeforeRequest: (listener: BeforeRequest) => {
      this.beforeRequest = listener;
    },
  };
  readonly protocol = {
    handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => {
      this.handled.set(scheme, handler);
    }),
    isProtocolHandled: (scheme: string) => this.handled.has(scheme),
  };

  setPermissionRequestHandler(handler: PermissionRequest): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: (...args: unknown[]) => boolean): void {
    this.devicePermission = handler;
  }
  setSpellCheckerEnabled(enabled: boolean): void {
    this.spellChecker = enabled;
  }
  isSpellCheckerEnabled(): boolean {
    return this.spellChecker;
  }
  setSpellCheckerDictionaryDownloadURL(url: string): void {
    this.dictionaryUrl = url;
  }

  /** What the session's request filter answers for a URL: true when the request is cancelled. */
  cancels(url: string): boolean {
    if (this.beforeRequest === null) throw new Error('no onBeforeRequest listener');
    let cancel: boolean | undefined;
    this.beforeRequest({ url }, (response) => {
      cancel = response.cancel;
    });
    if (cancel === undefined) throw new Error('the listener did not answer');
    return cancel;
  }

  asSession(): Session {
    return this as unknown as Session;
  }
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export class FakeWebContents extends EventEmitter {
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: [string, ...unknown[]][] = [];
  readonly mainFrame: FakeFrame = { url: 'app://desk/index.html', parent: null };
  closeDevTools = vi.fn();

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  asWebContents(): WebContents {
    return this as unknown as WebContents;
  }
}

/** An invoke event as Electron would deliver it from `frame` inside `sender`. */
export function invokeEvent(sender: FakeWebContents, frame: FakeFrame | null): IpcMainInvokeEvent {
  return { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

/** Records `ipcMain.handle` registrations so a test can call a channel as the renderer would. */
export class FakeIpcMain {
  readonly handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  handle(channel: string, handler: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  invoke(channel: string, event: IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) return Promise.reject(new Error(`no handler for ${channel}`));
    return Promise.resolve(handler(event, ...args));
  }
}
