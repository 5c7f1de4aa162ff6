import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import nacl from 'tweetnacl';
import { blake2b } from '@noble/hashes/blake2.js';
import {
  bytesEqual,
  canonicalBytes,
  canonicalJson,
  CryptoError,
  deriveSubkey,
  DOMAINS,
  domainHash,
  domainHashText,
  domainSign,
  domainVerify,
  fromBase32,
  fromBase64,
  randomBytes,
  signedBytes,
  systemRandom,
  toBase32,
  toBase64,
  utf8Encode,
  withUtf8,
  zeroize,
} from '@shared/crypto';

describe('canonical encoding', () => {
  it('follows RFC 8785: sorted keys, no whitespace, UTF-8', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'ї'], c: { z: 1e21, y: 0.1 } })).toBe('{"a":[true,null,"ї"],"b":1,"c":{"y":0.1,"z":1e+21}}');
    expect(Array.from(canonicalBytes({ a: 'ї' }))).toEqual([...new TextEncoder().encode('{"a":"ї"}')]);
  });

  it('refuses values JSON cannot carry exactly', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(CryptoError);
    expect(() => canonicalJson('\ud800')).toThrow(/canonically/u);
    expect(() => canonicalJson(undefined)).toThrow(CryptoError);
  });
});

describe('UTF-8', () => {
  const reference = new TextEncoder();
  // Any UTF-16 text, lone surrogates included (TextEncoder writes them as U+FFFD), short and long.
  const texts = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.constantFrom('ї', 'a', '€', '😀', '\ud800', '\udc00'), maxLength: 5000 }));

  it('encodes exactly as TextEncoder does, in borrowed scratch space too', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const expected = reference.encode(text);
        expect(utf8Encode(text)).toEqual(expected);
        expect(withUtf8(text, (bytes) => Array.from(bytes))).toEqual(Array.from(expected));
      }),
      { numRuns: 300 },
    );
  });

  it('lends scratch bytes only for the call, zeroed after it, and gives a long text its own', () => {
    const first = withUtf8('перший', (bytes) => bytes);
    // Zeroed once the call returns: no text stays behind in the scratch space.
    expect(first.every((byte) => byte === 0)).toBe(true);
    withUtf8('zz', () => undefined);
    expect(Array.from(first)).toEqual(new Array<number>(first.length).fill(0));
    const long = 'ї'.repeat(400_000);
    expect(withUtf8(long, (bytes) => bytes.length)).toBe(800_000);
    expect(domainHashText(DOMAINS.content, long)).toEqual(domainHash(DOMAINS.content, reference.encode(long)));
  });
});

describe('base64 / base32', () => {
  it('round-trips and refuses non-canonical forms', () => {
    const bytes = Uint8Array.from([0, 1, 2, 250, 251, 252, 253]);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    expect(() => fromBase64('YR==')).toThrow(/base64/u); // non-zero pad bits: a second spelling of "a"
    expect(() => fromBase64('YQ')).toThrow(/base64/u); // missing padding
    expect(toBase32(new Uint8Array(16))).toBe('a'.repeat(26));
    expect(fromBase32(toBase32(bytes))).toEqual(bytes);
    expect(() => fromBase32('AAAA')).toThrow(/lowercase/u);
  });
});

describe('bytesEqual, zeroize, random', () => {
  it('compares in constant time with sane edge cases', () => {
    expect(bytesEqual(new Uint8Array(), new Uint8Array())).toBe(true);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(bytesEqual(Uint8Array.of(1), Uint8Array.of(1, 2))).toBe(false);
  });

  it('zeroizes', () => {
    const a = Uint8Array.of(1, 2, 3);
    zeroize(a, undefined);
    expect(Array.from(a)).toEqual([0, 0, 0]);
  });

  it('draws from the platform CSPRNG, in chunks above 64 KiB, and checks injected sources', () => {
    expect(systemRandom(100_000)).toHaveLength(100_000);
    expect(() => randomBytes(16, () => new Uint8Array(15))).toThrow(/random source/u);
  });
});

describe('domains', () => {
  const all = Object.values(DOMAINS);

  it('are versioned, distinct, NUL-free and prefix-free (so domain ‖ bytes parses one way)', () => {
    expect(new Set(all).size).toBe(all.length);
    for (const domain of all) {
      expect(domain).toMatch(/^tallinn-desk\/v1\/[a-z-]+$/u);
      for (const other of all) if (other !== domain) expect(other.startsWith(domain)).toBe(false);
    }
  });

  it('hash = BLAKE2b-256(utf8(domain) ‖ bytes), independent of the helper', () => {
    const message = utf8Encode('hello');
    const expected = blake2b(new Uint8Array([...utf8Encode(DOMAINS.delegationId), ...message]), { dkLen: 32 });
    expect(domainHash(DOMAINS.delegationId, message)).toEqual(expected);
    expect(domainHash(DOMAINS.fingerprint, message)).not.toEqual(expected);
  });

  it('signature = Ed25519(utf8(domain) ‖ 0x00 ‖ message), refused under another domain', () => {
    const pair = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(7));
    const message = utf8Encode('{"a":1}');
    const signature = domainSign(DOMAINS.keyEvent, message, pair.secretKey);
    expect(signedBytes(DOMAINS.keyEvent, message)).toEqual(new Uint8Array([...utf8Encode(DOMAINS.keyEvent), 0, ...message]));
    expect(nacl.sign.detached.verify(new Uint8Array([...utf8Encode(DOMAINS.keyEvent), 0, ...message]), signature, pair.publicKey)).toBe(true);
    expect(domainVerify(DOMAINS.keyEvent, message, signature, pair.publicKey)).toBe(true);
    expect(domainVerify(DOMAINS.checkpoint, message, signature, pair.publicKey)).toBe(false);
    expect(domainVerify(DOMAINS.keyEvent, message, signature.subarray(1), pair.publicKey)).toBe(false);
    expect(() => domainSign(DOMAINS.keyEvent, message, pair.publicKey)).toThrow(/secret key/u);
  });

  it('subkey = keyed BLAKE2b-256 over the domain; distinct per domain', () => {
    const parent = new Uint8Array(32).fill(9);
    expect(deriveSubkey(parent, DOMAINS.rowSeal)).toEqual(blake2b(utf8Encode(DOMAINS.rowSeal), { key: parent, dkLen: 32 }));
    expect(deriveSubkey(parent, DOMAINS.rowSeal)).not.toEqual(deriveSubkey(parent, DOMAINS.audit));
    expect(() => deriveSubkey(new Uint8Array(16), DOMAINS.rowSeal)).toThrow(/32–64 bytes/u);
  });
});
