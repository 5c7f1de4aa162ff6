/**
 * shared/crypto/minisign.ts: the minisign file formats byte for byte, and the parser's refusals. Stock
 * minisign's side of the interoperability is in interop.test.ts.
 */
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import {
  decodeMinisignPublicKey,
  formatKeyId,
  formatMinisignPublicKeyFile,
  MINISIGN_LIMITS,
  minisignPrehash,
  parseKeyId,
  parseMinisignPublicKey,
  parseMinisignSignature,
  signMinisign,
  utf8Encode,
  verifyMinisign,
} from '@shared/crypto';
import { blake2b } from '@noble/hashes/blake2.js';

const pair = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(7));
const keyId = Uint8Array.from([0x92, 0x27, 0x31, 0x55, 0x44, 0xde, 0x7d, 0xfd]);
const key = { keyId, publicKey: pair.publicKey };
const file = utf8Encode('hello bundle');

function parsed(text: string) {
  const result = parseMinisignSignature(text);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('minisign formats', () => {
  it('shows key ids as minisign does (little-endian, upper-case hex) and reads them back', () => {
    expect(formatKeyId(keyId)).toBe('FD7DDE4455312792');
    expect(parseKeyId('FD7DDE4455312792')).toEqual(keyId);
    expect(parseKeyId('fd7dde4455312792')).toBeNull();
  });

  it('writes a public key file minisign reads: "Ed" ‖ key id ‖ key', () => {
    const text = formatMinisignPublicKeyFile(key);
    const [comment, line] = text.split('\n');
    expect(comment).toBe('untrusted comment: minisign public key FD7DDE4455312792');
    expect(line?.startsWith('RWS')).toBe(true);
    const back = parseMinisignPublicKey(text);
    expect(back.ok && back.value).toEqual(key);
    expect(decodeMinisignPublicKey('RWQ=').ok).toBe(false);
  });

  it('signs the BLAKE2b-512 prehash and the trusted comment, and verifies both', async () => {
    const text = await signMinisign(file, { keyId, secretKey: pair.secretKey, trustedComment: 'hello trusted' });
    const lines = text.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[2]).toBe('trusted comment: hello trusted');
    const signature = parsed(text);
    expect(nacl.sign.detached.verify(blake2b(file, { dkLen: 64 }), signature.signature, pair.publicKey)).toBe(true);
    expect(await minisignPrehash(file)).toEqual(blake2b(file, { dkLen: 64 }));
    expect(await verifyMinisign(signature, file, key)).toEqual({ ok: true });
    expect((await verifyMinisign(signature, utf8Encode('other'), key)).ok).toBe(false);
    expect(await verifyMinisign({ ...signature, trustedComment: 'hello trusted!' }, file, key)).toMatchObject({ ok: false, reason: 'comment-signature' });
    expect(await verifyMinisign(signature, file, { ...key, keyId: new Uint8Array(8) })).toMatchObject({ ok: false, reason: 'key-id' });
  });

  it('accepts CRLF line ends like minisign, refuses everything malformed with a reason', async () => {
    const text = await signMinisign(file, { keyId, secretKey: pair.secretKey, trustedComment: 'x' });
    expect(parseMinisignSignature(text.replace(/\n/gu, '\r\n')).ok).toBe(true);
    const lines = text.split('\n');
    const cases: [string | Uint8Array, string][] = [
      ['', 'empty'],
      ['x'.repeat(MINISIGN_LIMITS.signatureFileBytes + 1), 'too-large'],
      [Uint8Array.from([0xff, 0xfe, 0x0a]), 'not-utf8'],
      [lines.slice(0, 3).join('\n'), 'lines'],
      [`${text}extra\n`, 'lines'],
      [text.replace('untrusted comment:', 'comment:'), 'untrusted-comment'],
      [text.replace('trusted comment: x', 'trusted: x'), 'trusted-comment'],
      [text.replace(lines[1] as string, '!!!'), 'base64'],
      [text.replace(lines[1] as string, 'RUQ='), 'length'],
      [text.replace(lines[3] as string, 'AAAA'), 'length'],
      [text.replace('trusted comment: x', `trusted comment: ${'y'.repeat(MINISIGN_LIMITS.trustedCommentBytes + 1)}`), 'trusted-comment'],
      [text.replace('untrusted comment: ', `untrusted comment: ${'u'.repeat(1100)}`), 'untrusted-comment'],
    ];
    for (const [input, reason] of cases) {
      const result = parseMinisignSignature(input);
      expect(result.ok ? 'ok' : result.reason, reason).toBe(reason);
    }
  });

  it('refuses to write comments stock minisign would misread', async () => {
    await expect(signMinisign(file, { keyId, secretKey: pair.secretKey, trustedComment: 'a\nb' })).rejects.toThrow(/one line/u);
    await expect(signMinisign(file, { keyId, secretKey: pair.secretKey, trustedComment: 'y'.repeat(MINISIGN_LIMITS.trustedCommentBytes + 1) })).rejects.toThrow(/at most 8191/u);
    expect(await signMinisign(file, { keyId, secretKey: pair.secretKey, trustedComment: 'y'.repeat(MINISIGN_LIMITS.trustedCommentBytes) })).toContain('yyyy');
  });
});
