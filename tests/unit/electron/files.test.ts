/**
 * desk:open-files and desk:save-files against real temporary folders and a stand-in dialog: sizes are
 * checked before reading (a too-large file is never opened), folders are walked without following links,
 * saving never overwrites and writes owner-only files.
 */
import { lstat, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as FsPromises from 'node:fs/promises';
import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';
import { MAX_OPEN_FILES, openFilesResultSchema, saveFilesResultSchema } from '@shared/ipc/desk-api';
import { DESK_CHANNELS } from '@shared/ipc/channels';
import { createGuardedIpc } from '../../../electron/main/ipc/guarded-handle';
import { registerFiles } from '../../../electron/main/ipc/files';
import { MAX_FOLDER_DEPTH } from '../../../electron/main/files/open';
import { FakeIpcMain, FakeWebContents, invokeEvent } from './fakes';

// Spy on every file open so a test can prove a too-large file was never opened for reading.
const opened = vi.hoisted(() => ({ paths: [] as string[], onOpen: null as ((path: string) => void) | null }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return {
    ...actual,
    open: (path: string, ...rest: Parameters<typeof actual.open> extends [unknown, ...infer R] ? R : never) => {
      opened.paths.push(path);
      opened.onOpen?.(path);
      return actual.open(path, ...rest);
    },
  };
});

let dir: string;
let picks: string[][];

function setup() {
  const ipcMain = new FakeIpcMain();
  const contents = new FakeWebContents();
  const dialogCalls: OpenDialogOptions[] = [];
  const showOpenDialog = (_window: unknown, options: OpenDialogOptions) => {
    dialogCalls.push(options);
    const filePaths = picks.shift() ?? [];
    return Promise.resolve({ canceled: filePaths.length === 0, filePaths });
  };
  const ipc = createGuardedIpc(ipcMain as never, () => contents.asWebContents());
  registerFiles(ipc, {
    dialog: { showOpenDialog } as unknown as Pick<Dialog, 'showOpenDialog'>,
    window: () => ({}) as unknown as BrowserWindow,
  });
  const event = invokeEvent(contents, contents.mainFrame);
  return {
    dialogCalls,
    open: async (request: unknown) => openFilesResultSchema.parse(await ipcMain.invoke(DESK_CHANNELS.openFiles, event, request)),
    save: async (request: unknown) => saveFilesResultSchema.parse(await ipcMain.invoke(DESK_CHANNELS.saveFiles, event, request)),
  };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'desk-files-'));
  picks = [];
  opened.paths = [];
  opened.onOpen = null;
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = (...values: number[]) => new Uint8Array(values);

describe('desk:open-files, picking files', () => {
  it('reads the picked files and returns their names and bytes', async () => {
    await writeFile(join(dir, 'a.age'), bytes(1, 2, 3));
    await writeFile(join(dir, 'a.age.minisig'), 'sig');
    picks.push([join(dir, 'a.age'), join(dir, 'a.age.minisig')]);
    const { open, dialogCalls } = setup();
    const result = await open({ mode: 'files', extensions: ['age', 'minisig'] });
    expect(result).toEqual({
      picked: true,
      truncated: false,
      files: [
        { status: 'read', name: 'a.age', relativePath: 'a.age', size: 3, bytes: bytes(1, 2, 3) },
        { status: 'read', name: 'a.age.minisig', relativePath: 'a.age.minisig', size: 3, bytes: new TextEncoder().encode('sig') },
      ],
    });
    expect(dialogCalls[0]?.properties).toEqual(['openFile', 'multiSelections', 'dontAddToRecent']);
    expect(dialogCalls[0]?.filters).toEqual([{ name: '.age .minisig', extensions: ['age', 'minisig'] }]);
  });

  it('lists a file over maxBytes as too large without opening it', async () => {
    await writeFile(join(dir, 'big.age'), new Uint8Array(2048));
    await writeFile(join(dir, 'small.age'), bytes(7));
    picks.push([join(dir, 'big.age'), join(dir, 'small.age')]);
    const { open } = setup();
    const result = await open({ mode: 'files', maxBytes: 1024 });
    expect(result.files).toEqual([
      { status: 'too-large', name: 'big.age', relativePath: 'big.age', size: 2048 },
      { status: 'read', name: 'small.age', relativePath: 'small.age', size: 1, bytes: bytes(7) },
    ]);
    expect(opened.paths).not.toContain(join(dir, 'big.age'));
    expect(opened.paths).toContain(join(dir, 'small.age'));
  });

  it('keeps only the requested extensions, whatever the picker let through', async () => {
    await writeFile(join(dir, 'a.age'), bytes(1));
    await writeFile(join(dir, 'notes.txt'), bytes(2));
    picks.push([join(dir, 'a.age'), join(dir, 'notes.txt')]);
    const { open } = setup();
    const result = await open({ mode: 'files', extensions: ['age'] });
    expect(result.files.map((f) => f.name)).toEqual(['a.age']);
    expect(opened.paths).not.toContain(join(dir, 'notes.txt'));
  });

  it('skips what is not a regular file', async () => {
    await mkdir(join(dir, 'folder.age'));
    picks.push([join(dir, 'folder.age'), join(dir, 'vanished.age')]);
    const { open } = setup();
    expect(await open({ mode: 'files' })).toEqual({ picked: true, files: [], truncated: false });
  });

  it('reports a closed picker as not picked', async () => {
    const { open } = setup();
    expect(await open({ mode: 'files' })).toEqual({ picked: false, files: [], truncated: false });
  });

  it('asks for one file when multiple is false', async () => {
    await writeFile(join(dir, 'a.age'), bytes(1));
    picks.push([join(dir, 'a.age')]);
    const { open, dialogCalls } = setup();
    await open({ mode: 'files', multiple: false });
    expect(dialogCalls[0]?.properties).toEqual(['openFile', 'dontAddToRecent']);
  });
});

describe('desk:open-files, reading a folder', () => {
  it('walks sub-folders, returns /-separated relative paths, skips links and hidden files', async () => {
    await mkdir(join(dir, 'stick', 'from-ua', 'inner'), { recursive: true });
    await writeFile(join(dir, 'stick', 'b.age'), bytes(2));
    await writeFile(join(dir, 'stick', 'from-ua', 'a.age'), bytes(1));
    await writeFile(join(dir, 'stick', 'from-ua', 'inner', 'c.AGE'), bytes(3));
    await writeFile(join(dir, 'stick', 'readme.txt'), bytes(4));
    await writeFile(join(dir, 'stick', '._b.age'), bytes(5));
    await writeFile(join(dir, 'outside.age'), bytes(6));
    await symlink(join(dir, 'outside.age'), join(dir, 'stick', 'link.age'));
    await symlink(dir, join(dir, 'stick', 'loop'));
    picks.push([join(dir, 'stick')]);
    const { open, dialogCalls } = setup();
    const result = await open({ mode: 'folder', extensions: ['age'] });
    expect(dialogCalls[0]?.properties).toEqual(['openDirectory', 'dontAddToRecent']);
    expect(result.truncated).toBe(false);
    expect(result.files.map((f) => f.relativePath)).toEqual(['b.age', 'from-ua/a.age', 'from-ua/inner/c.AGE']);
    expect(result.files.map((f) => f.name)).toEqual(['b.age', 'a.age', 'c.AGE']);
  });

  it(`does not go deeper than ${MAX_FOLDER_DEPTH} levels`, async () => {
    let level = join(dir, 'root');
    for (let depth = 1; depth <= MAX_FOLDER_DEPTH + 1; depth += 1) {
      await mkdir(level, { recursive: true });
      await writeFile(join(level, `d${depth}.age`), bytes(depth));
      level = join(level, 'sub');
    }
    picks.push([join(dir, 'root')]);
    const { open } = setup();
    const result = await open({ mode: 'folder' });
    expect(result.files.map((f) => f.name)).toEqual(Array.from({ length: MAX_FOLDER_DEPTH }, (_, i) => `d${i + 1}.age`));
  });

  it(`stops at ${MAX_OPEN_FILES} files and says so`, async () => {
    await mkdir(join(dir, 'many'));
    await Promise.all(Array.from({ length: MAX_OPEN_FILES + 5 }, (_, i) => writeFile(join(dir, 'many', `f${String(i).padStart(4, '0')}.age`), bytes(1))));
    picks.push([join(dir, 'many')]);
    const { open } = setup();
    const result = await open({ mode: 'folder' });
    expect(result.truncated).toBe(true);
    expect(result.files).toHaveLength(MAX_OPEN_FILES);
  });

  it('lists too-large files in a folder without opening them', async () => {
    await mkdir(join(dir, 'f'));
    await writeFile(join(dir, 'f', 'big.age'), new Uint8Array(100));
    picks.push([join(dir, 'f')]);
    const { open } = setup();
    const result = await open({ mode: 'folder', maxBytes: 99 });
    expect(result.files).toEqual([{ status: 'too-large', name: 'big.age', relativePath: 'big.age', size: 100 }]);
    expect(opened.paths).toEqual([]);
  });
});

describe('desk:save-files', () => {
  const request = { files: [{ name: 'to-ua.age', bytes: bytes(1, 2) }, { name: 'to-ua.age.minisig', bytes: bytes(3) }] };

  it('writes every file into the chosen folder, owner-only', async () => {
    picks.push([dir]);
    const { save, dialogCalls } = setup();
    expect(await save(request)).toEqual({ status: 'saved', location: dir });
    expect(dialogCalls[0]?.properties).toEqual(['openDirectory', 'createDirectory', 'dontAddToRecent']);
    expect(new Uint8Array(await readFile(join(dir, 'to-ua.age')))).toEqual(bytes(1, 2));
    expect(new Uint8Array(await readFile(join(dir, 'to-ua.age.minisig')))).toEqual(bytes(3));
    if (process.platform !== 'win32') {
      expect((await lstat(join(dir, 'to-ua.age'))).mode & 0o777).toBe(0o600);
      expect((await lstat(join(dir, 'to-ua.age.minisig'))).mode & 0o777).toBe(0o600);
    }
  });

  it('writes nothing when any name is taken, and says which', async () => {
    await writeFile(join(dir, 'to-ua.age.minisig'), 'older');
    picks.push([dir]);
    const { save } = setup();
    expect(await save(request)).toEqual({ status: 'exists', location: dir, names: ['to-ua.age.minisig'] });
    expect((await readdir(dir)).sort()).toEqual(['to-ua.age.minisig']);
    expect(await readFile(join(dir, 'to-ua.age.minisig'), 'utf8')).toBe('older');
  });

  it('never overwrites a file that appears after the check, and leaves no partial exchange', async () => {
    // The second target appears between the existence check and the write (another program, a sync tool).
    picks.push([dir]);
    const { save } = setup();
    const racing = join(dir, 'to-ua.age.minisig');
    opened.onOpen = (path) => {
      if (path === join(dir, 'to-ua.age')) writeFileSync(racing, 'raced');
    };
    await expect(save(request)).rejects.toThrow(/EEXIST/u);
    expect(await readdir(dir)).toEqual(['to-ua.age.minisig']);
    expect(await readFile(racing, 'utf8')).toBe('raced');
  });

  it('reports a closed picker as cancelled and writes nothing', async () => {
    const { save } = setup();
    expect(await save(request)).toEqual({ status: 'cancelled' });
    expect(await readdir(dir)).toEqual([]);
  });
});
