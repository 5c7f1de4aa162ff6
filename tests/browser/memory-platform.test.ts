/** The in-memory platform behaves like the real ones where tests depend on it. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMemoryPlatform } from '../../renderer/platform/memory';

describe('memory platform', () => {
  it('answers picks in order, then reports a cancelled picker', async () => {
    const platform = createMemoryPlatform({
      picks: [{ picked: true, truncated: false, files: [{ status: 'too-large', name: 'a.age', relativePath: 'a.age', size: 9 }] }],
    });
    await expect(platform.openFiles({ mode: 'files' })).resolves.toMatchObject({ picked: true });
    await expect(platform.openFiles({ mode: 'folder', extensions: ['age'] })).resolves.toEqual({
      picked: false,
      files: [],
      truncated: false,
    });
    expect(platform.openRequests).toEqual([
      { mode: 'files', multiple: true, extensions: [], maxBytes: 256 * 1024 * 1024 },
      { mode: 'folder', multiple: true, extensions: ['age'], maxBytes: 256 * 1024 * 1024 },
    ]);
  });

  it('records valid saves and refuses invalid ones as the real platforms do', async () => {
    const platform = createMemoryPlatform();
    await platform.saveFiles({ files: [{ name: 'a.age', bytes: new Uint8Array([7]) }] });
    await expect(platform.saveFiles({ files: [{ name: 'a:b.age', bytes: new Uint8Array(1) }] })).rejects.toBeInstanceOf(z.ZodError);
    expect(platform.saves).toHaveLength(1);
    expect(platform.saves[0]?.files[0]?.name).toBe('a.age');
  });

  it('delivers lock events to subscribers until they unsubscribe', () => {
    const platform = createMemoryPlatform();
    const seen: string[] = [];
    const stop = platform.onLockNow((reason) => seen.push(reason));
    platform.emitLock('idle');
    stop();
    platform.emitLock('suspend');
    expect(seen).toEqual(['idle']);
    expect(platform.lockListenerCount).toBe(0);
  });
});
