/**
 * The payload inflater on the runtime's Compression Streams and its fflate fallback: the same bytes out,
 * the same refusals (compression bomb past the cap, truncated or corrupt stream).
 */
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BUNDLE_LIMITS, inflateCapped, inflateCappedAsync, isBundleError, PAYLOAD_SALT_BYTES } from '@shared/bundle';

const salted = (compressed: Uint8Array): Uint8Array => {
  const out = new Uint8Array(PAYLOAD_SALT_BYTES + compressed.length);
  out.set(compressed, PAYLOAD_SALT_BYTES);
  return out;
};

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (isBundleError(error)) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('inflateCappedAsync', () => {
  it('gives exactly what the fflate inflater gives (fast-check)', async () => {
    expect(typeof (globalThis as { DecompressionStream?: unknown }).DecompressionStream).toBe('function');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 20_000 }), fc.integer({ min: 0, max: 9 }), async (bytes, level) => {
        const payload = salted(deflateSync(bytes, { level: level as 0 }));
        expect(await inflateCappedAsync(payload, BUNDLE_LIMITS)).toEqual(inflateCapped(payload, BUNDLE_LIMITS));
      }),
      { numRuns: 60 },
    );
  });

  it('stops a compression bomb at the cap', async () => {
    const bomb = salted(deflateSync(new Uint8Array(8 * 1024 * 1024), { level: 9 }));
    const limits = { ...BUNDLE_LIMITS, decompressedBytes: 1024 * 1024 };
    expect(bomb.length).toBeLessThan(20_000);
    expect(await refusal(() => inflateCappedAsync(bomb, limits))).toBe('payload-too-large');
    expect(await refusal(() => Promise.resolve(inflateCapped(bomb, limits)))).toBe('payload-too-large');
  });

  it('refuses a truncated stream, data after its end, and an empty payload as corrupt', async () => {
    const whole = deflateSync(new TextEncoder().encode('{"header":"x"}'.repeat(500)));
    expect(await refusal(() => inflateCappedAsync(salted(whole.subarray(0, whole.length - 5)), BUNDLE_LIMITS))).toBe('payload-corrupt');
    const junk = new Uint8Array(whole.length + 3);
    junk.set(whole);
    junk.set([1, 2, 3], whole.length);
    // Bytes after the end of the stream: Chromium's inflater refuses them, Node's and fflate ignore them.
    // Either way they were signed with the payload (its hash) and never reach the reader's JSON.
    const withJunk = await inflateCappedAsync(salted(junk), BUNDLE_LIMITS).catch((error: unknown) => error);
    if (withJunk instanceof Uint8Array) expect(withJunk).toEqual(inflateCapped(salted(whole), BUNDLE_LIMITS));
    else expect(isBundleError(withJunk, 'payload-corrupt')).toBe(true);
    expect(await refusal(() => inflateCappedAsync(new Uint8Array(PAYLOAD_SALT_BYTES), BUNDLE_LIMITS))).toBe('payload-corrupt');
    expect(await refusal(() => inflateCappedAsync(salted(new Uint8Array([0xff, 0xff, 0xff])), BUNDLE_LIMITS))).toBe('payload-corrupt');
  });
});
