/**
 * The browser implementation of DeskApi: downloads for saving, a file input for opening, and an honest
 * posture. The file input is driven through the platform's input factory seam: the test keeps the
 * input the platform made, fills it as the browser would, and fires its events.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { appInfoSchema, MAX_OPEN_FILES } from '@shared/ipc/desk-api';
import { createWebPlatform } from '../../renderer/platform/web';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A platform whose file inputs are captured instead of opening a picker. */
function pickerPlatform() {
  const inputs: HTMLInputElement[] = [];
  const platform = createWebPlatform({
    createFileInput: (doc) => {
      const input = doc.createElement('input');
      input.click = () => {
        inputs.push(input);
      };
      return input;
    },
  });
  return {
    platform,
    /** The input of the picker that is open now. */
    input: (): HTMLInputElement => {
      const input = inputs.at(-1);
      if (input === undefined) throw new Error('no picker was opened');
      return input;
    },
  };
}

/** What the browser does when the user chooses files: fill `files`, fire `change`. */
function choose(input: HTMLInputElement, files: readonly File[]): void {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

function fileOf(name: string, size: number, options: { relativePath?: string } = {}): File {
  const bytes = new Uint8Array(size).map((_, i) => (i * 7 + name.length) % 256);
  const file = new File([bytes], name);
  if (options.relativePath !== undefined) {
    Object.defineProperty(file, 'webkitRelativePath', { value: options.relativePath });
  }
  return file;
}

describe('web platform: saveFiles', () => {
  it('refuses a name that is not portable, with the schema error, before downloading anything', async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const createObjectURL = vi.spyOn(URL, 'createObjectURL');
    const platform = createWebPlatform();

    const refused = platform.saveFiles({
      files: [
        { name: 'fine.tdesk.age', bytes: new Uint8Array([1]) },
        { name: 'reports/2025.pdf', bytes: new Uint8Array([2]) },
      ],
    });
    await expect(refused).rejects.toBeInstanceOf(z.ZodError);
    await expect(refused).rejects.toThrow(/reserved character/u);
    await expect(platform.saveFiles({ files: [{ name: 'CON.txt', bytes: new Uint8Array([1]) }] })).rejects.toThrow(
      /reserved device name/u,
    );
    await expect(
      platform.saveFiles({
        files: [
          { name: 'Same.age', bytes: new Uint8Array([1]) },
          { name: 'same.AGE', bytes: new Uint8Array([2]) },
        ],
      }),
    ).rejects.toThrow(/share a name/u);
    expect(click).not.toHaveBeenCalled();
    expect(createObjectURL).not.toHaveBeenCalled();
  });

  it('downloads each valid file under its name with its bytes, then revokes the URLs', async () => {
    const downloads: { name: string; url: string; bytes: Uint8Array }[] = [];
    const pending: Promise<void>[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      const { download: name, href: url } = this;
      pending.push(
        fetch(url)
          .then((response) => response.arrayBuffer())
          .then((buffer) => {
            downloads.push({ name, url, bytes: new Uint8Array(buffer) });
          }),
      );
    });
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    const platform = createWebPlatform({ revokeDelayMs: 50 });

    const result = await platform.saveFiles({
      files: [
        { name: 'UA-to-EE 2025-06-01 #3.tdesk.age', bytes: new Uint8Array([0xa1, 0xb2, 0xc3]) },
        { name: 'UA-to-EE 2025-06-01 #3.tdesk.age.minisig', bytes: new TextEncoder().encode('untrusted comment: x') },
      ],
    });
    expect(result).toEqual({ status: 'saved', location: 'downloads' });
    await Promise.all(pending);

    expect(downloads.map((d) => d.name)).toEqual([
      'UA-to-EE 2025-06-01 #3.tdesk.age',
      'UA-to-EE 2025-06-01 #3.tdesk.age.minisig',
    ]);
    expect([...(downloads[0]?.bytes ?? [])]).toEqual([0xa1, 0xb2, 0xc3]);
    expect(new TextDecoder().decode(downloads[1]?.bytes)).toBe('untrusted comment: x');
    expect(downloads.every((d) => d.url.startsWith('blob:'))).toBe(true);

    await vi.waitFor(() => {
      expect(revoke.mock.calls.map(([url]) => url).sort()).toEqual(downloads.map((d) => d.url).sort());
    });
    // A revoked URL no longer serves the bytes.
    await expect(fetch(downloads[0]?.url ?? '')).rejects.toThrow();
  });
});

describe('web platform: openFiles', () => {
  it('sets up the picker from the request: file input, several files, accepted extensions', async () => {
    const { platform, input } = pickerPlatform();
    const opened = platform.openFiles({ mode: 'files', extensions: ['age', 'minisig'] });
    expect(input().type).toBe('file');
    expect(input().multiple).toBe(true);
    expect(input().accept).toBe('.age,.minisig');
    expect(input().webkitdirectory).toBe(false);
    input().dispatchEvent(new Event('cancel'));
    await opened;

    const single = platform.openFiles({ mode: 'files', multiple: false });
    expect(input().multiple).toBe(false);
    expect(input().accept).toBe('');
    input().dispatchEvent(new Event('cancel'));
    await single;
  });

  it('lists a file over the size limit as too large without reading it, and reads the others', async () => {
    const { platform, input } = pickerPlatform();
    const small = fileOf('UA.tdesk.age', 10);
    const large = fileOf('huge.tdesk.age', 11);
    const readSmall = vi.spyOn(small, 'arrayBuffer');
    const readLarge = vi.spyOn(large, 'arrayBuffer');
    const readLargeText = vi.spyOn(large, 'text');
    const readLargeStream = vi.spyOn(large, 'stream');

    const opened = platform.openFiles({ mode: 'files', extensions: ['age'], maxBytes: 10 });
    choose(input(), [small, large]);
    const result = await opened;

    expect(result.picked).toBe(true);
    expect(result.truncated).toBe(false);
    expect(result.files).toHaveLength(2);
    const [first, second] = result.files;
    expect(first).toMatchObject({ status: 'read', name: 'UA.tdesk.age', relativePath: 'UA.tdesk.age', size: 10 });
    expect(first?.status === 'read' ? [...first.bytes] : []).toEqual([...new Uint8Array(await small.arrayBuffer())]);
    expect(second).toEqual({ status: 'too-large', name: 'huge.tdesk.age', relativePath: 'huge.tdesk.age', size: 11 });
    expect(readSmall).toHaveBeenCalled();
    expect(readLarge).not.toHaveBeenCalled();
    expect(readLargeText).not.toHaveBeenCalled();
    expect(readLargeStream).not.toHaveBeenCalled();
  });

  it('skips files with other extensions, whatever the user picked', async () => {
    const { platform, input } = pickerPlatform();
    const opened = platform.openFiles({ mode: 'files', extensions: ['tdesk-card'] });
    choose(input(), [fileOf('notes.txt', 3), fileOf('Estonia.TDESK-CARD', 4), fileOf('card.tdesk-card.exe', 2)]);
    const result = await opened;
    expect(result.picked).toBe(true);
    expect(result.files.map((f) => f.name)).toEqual(['Estonia.TDESK-CARD']);
  });

  it('reads a folder with paths relative to the chosen folder', async () => {
    const { platform, input } = pickerPlatform();
    const opened = platform.openFiles({ mode: 'folder', extensions: ['age'] });
    expect(input().webkitdirectory).toBe(true);
    choose(input(), [
      fileOf('a.age', 2, { relativePath: 'STICK/a.age' }),
      fileOf('b.age', 2, { relativePath: 'STICK/in/2025/b.age' }),
      fileOf('readme.txt', 2, { relativePath: 'STICK/readme.txt' }),
    ]);
    const result = await opened;
    expect(result.files.map((f) => f.relativePath)).toEqual(['a.age', 'in/2025/b.age']);
  });

  it(`returns at most ${MAX_OPEN_FILES} files and says the rest were left out`, async () => {
    const { platform, input } = pickerPlatform();
    const opened = platform.openFiles({ mode: 'folder' });
    const many = Array.from({ length: MAX_OPEN_FILES + 5 }, (_, i) => fileOf(`f${i}.age`, 1, { relativePath: `D/f${i}.age` }));
    choose(input(), many);
    const result = await opened;
    expect(result.truncated).toBe(true);
    expect(result.files).toHaveLength(MAX_OPEN_FILES);
    expect(result.files[0]?.name).toBe('f0.age');
  });

  it('resolves as not picked when the user cancels the picker', async () => {
    const { platform, input } = pickerPlatform();
    const opened = platform.openFiles({ mode: 'files' });
    input().dispatchEvent(new Event('cancel'));
    await expect(opened).resolves.toEqual({ picked: false, files: [], truncated: false });
  });

  it('resolves as not picked when the picker closes with nothing chosen', async () => {
    const { platform, input } = pickerPlatform();
    const opened = platform.openFiles({ mode: 'folder' });
    choose(input(), []);
    await expect(opened).resolves.toEqual({ picked: false, files: [], truncated: false });
  });

  it('refuses an invalid request without opening a picker', async () => {
    const { platform, input } = pickerPlatform();
    await expect(platform.openFiles({ mode: 'files', extensions: ['.AGE'] })).rejects.toBeInstanceOf(z.ZodError);
    await expect(platform.openFiles({ mode: 'files', maxBytes: 0 })).rejects.toBeInstanceOf(z.ZodError);
    expect(() => input()).toThrow('no picker was opened');
  });
});

describe('web platform: appInfo', () => {
  it('reports a web platform with the browser version and only what a browser enforces', async () => {
    const info = appInfoSchema.parse(await createWebPlatform().appInfo());
    expect(info.platform).toBe('web');
    expect(info.version).toBe('0.0.0-test');
    expect(info.runtime['chrome']).toMatch(/^\d+(\.\d+)*$/u);
    expect(info.os).toBe(navigator.platform);

    const state = Object.fromEntries(info.posture.map((item) => [item.id, item.state]));
    expect(Object.keys(state)).toHaveLength(15);
    // The test page runs without a CSP, and the platform notices.
    expect(state['csp']).toBe('off');
    expect(state['renderer-sandbox']).toBe('on');
    // Electron-only mechanisms are not claimed.
    expect(state['context-isolation']).toBe('n/a');
    expect(state['fuses']).toBe('n/a');
    expect(state['ipc-sender-checked']).toBe('n/a');
    // What the desktop app blocks, a browser tab does not.
    expect(state['network-blocked']).toBe('off');
    expect(state['single-instance']).toBe('off');
  });

  it('reports the CSP as in force only where the browser hid the page nonce, as it does under a header CSP', async () => {
    const cspState = async (): Promise<string | undefined> =>
      (await createWebPlatform().appInfo()).posture.find((item) => item.id === 'csp')?.state;
    const meta = document.createElement('meta');
    meta.setAttribute('property', 'csp-nonce');
    document.head.append(meta);
    try {
      // A nonce still readable as an attribute: no header policy applied it (development, tests).
      meta.setAttribute('nonce', 'bm9uY2Utbm90LWhpZGRlbi0xMjM0');
      expect(await cspState()).toBe('off');
      // What Chromium does under a header CSP: attribute emptied, value kept in the property.
      meta.setAttribute('nonce', '');
      meta.nonce = 'bm9uY2UtaGlkZGVuLTEyMzQ1Ng';
      expect(meta.getAttribute('nonce')).toBe('');
      expect(await cspState()).toBe('on');
    } finally {
      meta.remove();
    }
  });
});
