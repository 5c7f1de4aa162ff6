/**
 * The preload as it ships: the built out/preload/index.cjs, run in a bare `node:vm` context whose only
 * module is a stand-in `electron`. A sandboxed preload cannot load ESM or any other module, so the file
 * must be CommonJS and require nothing but `electron`; it must expose exactly the DeskApi under `desk`,
 * and the lock listener must receive the reason alone, never the IPC event.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Script, createContext } from 'node:vm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DESK_CHANNELS, DESK_GLOBAL } from '@shared/ipc/channels';

const root = resolve(import.meta.dirname, '../../..');
const preloadPath = resolve(root, 'out/preload/index.cjs');

interface Loaded {
  exposed: Map<string, Record<string, unknown>>;
  required: string[];
  invoke: ReturnType<typeof vi.fn>;
  listeners: Map<string, Set<(...args: unknown[]) => void>>;
}

let source = '';

beforeAll(() => {
  if (!existsSync(preloadPath)) {
    // Bundling needs no Electron binary; it builds main, preload and renderer.
    execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'pipe', timeout: 240_000 });
  }
  source = readFileSync(preloadPath, 'utf8');
}, 300_000);

function load(): Loaded {
  const exposed = new Map<string, Record<string, unknown>>();
  const required: string[] = [];
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const invoke = vi.fn((channel: string, ...args: unknown[]) => Promise.resolve({ channel, args }));
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: Record<string, unknown>) => {
        exposed.set(key, api);
      },
    },
    ipcRenderer: {
      invoke,
      on: (channel: string, listener: (...args: unknown[]) => void) => {
        const set = listeners.get(channel) ?? new Set();
        set.add(listener);
        listeners.set(channel, set);
      },
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
        listeners.get(channel)?.delete(listener);
      },
    },
  };
  const fakeRequire = (id: string): unknown => {
    required.push(id);
    if (id === 'electron') return electron;
    throw new Error(`the preload may not require '${id}'`);
  };
  const module = { exports: {} };
  // The CommonJS wrapper Node itself uses. An ESM file (import/export) would not compile inside it.
  const wrapper = new Script(`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`, {
    filename: preloadPath,
  });
  const context = createContext({});
  const run = wrapper.runInContext(context) as (...args: unknown[]) => void;
  run(module.exports, fakeRequire, module, preloadPath, resolve(preloadPath, '..'));
  return { exposed, required, invoke, listeners };
}

describe('the built preload', () => {
  it('is one CommonJS file with no ESM syntax', () => {
    expect(preloadPath.endsWith('.cjs')).toBe(true);
    expect(source).not.toMatch(/^\s*(import|export)\s/mu);
    expect(source).not.toContain('import.meta');
    expect(() => load()).not.toThrow();
  });

  it('requires electron and nothing else', () => {
    expect(load().required).toEqual(['electron']);
  });

  it('exposes exactly the DeskApi under `desk`', () => {
    const { exposed } = load();
    expect(DESK_GLOBAL).toBe('desk');
    expect([...exposed.keys()]).toEqual(['desk']);
    const api = exposed.get('desk') ?? {};
    expect(Object.keys(api).sort()).toEqual(['appInfo', 'onLockNow', 'openFiles', 'print', 'saveFiles', 'setIdleLock']);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('invokes one channel per method with the request as the only argument', async () => {
    const { exposed, invoke } = load();
    const api = exposed.get('desk') as Record<string, (...args: unknown[]) => Promise<unknown>>;
    await api.appInfo?.();
    await api.openFiles?.({ mode: 'files' });
    await api.saveFiles?.({ files: [] });
    await api.print?.();
    await api.setIdleLock?.({ minutes: 5 });
    expect(invoke.mock.calls).toEqual([
      [DESK_CHANNELS.appInfo],
      [DESK_CHANNELS.openFiles, { mode: 'files' }],
      [DESK_CHANNELS.saveFiles, { files: [] }],
      [DESK_CHANNELS.print],
      [DESK_CHANNELS.setIdleLock, { minutes: 5 }],
    ]);
  });

  it('hands onLockNow listeners the reason only, and unsubscribing removes the listener', () => {
    const { exposed, listeners } = load();
    const api = exposed.get('desk') as { onLockNow: (listener: (...args: unknown[]) => void) => () => void };
    const received: unknown[][] = [];
    const unsubscribe = api.onLockNow((...args) => received.push(args));
    const registered = listeners.get(DESK_CHANNELS.lockNow);
    expect(registered?.size).toBe(1);
    const fakeIpcEvent = { sender: { send: () => undefined }, ports: [] };
    for (const listener of registered ?? []) {
      listener(fakeIpcEvent, 'screen-locked');
      listener(fakeIpcEvent, { not: 'a reason' });
    }
    expect(received).toEqual([['screen-locked']]);
    unsubscribe();
    expect(listeners.get(DESK_CHANNELS.lockNow)?.size).toBe(0);
  });
});
