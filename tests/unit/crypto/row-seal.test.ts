import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import nacl from 'tweetnacl';
import {
  canonicalBytes,
  CryptoError,
  deriveRowKey,
  newMasterKey,
  openRow,
  type RowHeader,
  rowHeaderBytes,
  type RowKey,
  sealRow,
  SealedRowSchema,
  systemRandom,
  utf8Encode,
} from '@shared/crypto';
import { flipBit, seededRandom } from './helpers';

const key = deriveRowKey(newMasterKey(seededRandom('row-master')));
const header: RowHeader = { table: 'records', id: 'r-8f3a2c', version: 3 };
const payload = utf8Encode('{"title":"Генератори для ТЕЦ","quantity":12}');

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CryptoError);
    return (error as CryptoError).code;
  }
  return 'opened';
}

describe('row sealing', () => {
  it('round-trips, with a fresh 24-byte nonce each time', () => {
    const a = sealRow(key, header, payload);
    const b = sealRow(key, header, payload);
    expect(SealedRowSchema.parse(a)).toEqual(a);
    expect(a.nonce).toHaveLength(24);
    expect(a.nonce).not.toEqual(b.nonce);
    expect(openRow(key, header, a)).toEqual(payload);
    expect(openRow(key, { ...header }, b)).toEqual(payload);
  });

  it('uses a row key derived from, not equal to, the master key', () => {
    const master = newMasterKey(seededRandom('row-master'));
    expect(deriveRowKey(master)).toEqual(key);
    expect(Array.from(key)).not.toEqual(Array.from(master));
    expect(codeOf(() => openRow(master as RowKey, header, sealRow(key, header, payload)))).toBe('row-unreadable');
  });

  it('refuses a row moved to another id or table, naming where it came from', () => {
    const sealed = sealRow(key, header, payload);
    expect(codeOf(() => openRow(key, { ...header, id: 'r-other' }, sealed))).toBe('row-moved');
    expect(codeOf(() => openRow(key, { ...header, table: 'audit' }, sealed))).toBe('row-moved');
    try {
      openRow(key, { ...header, id: 'r-other' }, sealed);
    } catch (error) {
      expect((error as CryptoError).details).toMatchObject({ id: 'r-other', sealedId: 'r-8f3a2c', sealedTable: 'records' });
      expect((error as CryptoError).message).toContain('records/r-8f3a2c v3');
    }
  });

  it('refuses an older version (rollback) and a newer one, distinctly', () => {
    const v2 = sealRow(key, { ...header, version: 2 }, utf8Encode('old'));
    expect(codeOf(() => openRow(key, header, v2))).toBe('row-rolled-back');
    const v4 = sealRow(key, { ...header, version: 4 }, utf8Encode('new'));
    expect(codeOf(() => openRow(key, header, v4))).toBe('row-version-mismatch');
  });

  it('refuses truncated, extended, bit-flipped, re-nonced and foreign-key rows as unreadable', () => {
    const sealed = sealRow(key, header, payload);
    expect(codeOf(() => openRow(key, header, { ...sealed, box: sealed.box.subarray(0, sealed.box.length - 1) }))).toBe('row-unreadable');
    expect(codeOf(() => openRow(key, header, { ...sealed, box: sealed.box.subarray(0, 10) }))).toBe('row-unreadable');
    expect(codeOf(() => openRow(key, header, { ...sealed, box: new Uint8Array([...sealed.box, 0]) }))).toBe('row-unreadable');
    expect(codeOf(() => openRow(key, header, { ...sealed, box: flipBit(sealed.box, 200) }))).toBe('row-unreadable');
    expect(codeOf(() => openRow(key, header, { ...sealed, nonce: flipBit(sealed.nonce, 0) }))).toBe('row-unreadable');
    expect(codeOf(() => openRow(key, header, { ...sealed, nonce: sealed.nonce.subarray(1) }))).toBe('row-unreadable');
    const otherKey = deriveRowKey(newMasterKey());
    expect(codeOf(() => openRow(otherKey, header, sealed))).toBe('row-unreadable');
  });

  it('validates headers', () => {
    expect(codeOf(() => sealRow(key, { table: 'Records', id: 'x', version: 1 }, payload))).toBe('row-header-invalid');
    expect(codeOf(() => sealRow(key, { table: 'records', id: '', version: 1 }, payload))).toBe('row-header-invalid');
    expect(codeOf(() => sealRow(key, { table: 'records', id: 'x', version: -1 }, payload))).toBe('row-header-invalid');
    expect(codeOf(() => sealRow(key, { table: 'records', id: 'x', version: 1.5 }, payload))).toBe('row-header-invalid');
    expect(codeOf(() => sealRow(key, { table: 'records', id: 'x', version: 2 ** 53 }, payload))).toBe('row-header-invalid');
    expect(codeOf(() => sealRow(key, { table: 'records', id: 'lone \ud800', version: 1 }, payload))).toBe('row-header-invalid');
    expect(codeOf(() => sealRow(key, { table: 'records', id: 'x'.repeat(257), version: 1 }, payload))).toBe('row-header-invalid');
  });

  it('a valid box with a malformed sealed header is reported as such, not as a moved row', () => {
    const nonce = new Uint8Array(24);
    const bogus = nacl.secretbox(new Uint8Array([1, 0, 0, 0, 200, 1, 2, 3]), nonce, key);
    expect(codeOf(() => openRow(key, header, { nonce, box: bogus }))).toBe('row-header-invalid');
  });

  const headers = fc.record({
    table: fc.stringMatching(/^[a-z][a-z0-9_-]{0,63}$/u),
    // 'binary' covers every code point (controls, quotes, backslashes, astral); lengths are UTF-16 units.
    id: fc.string({ minLength: 1, maxLength: 128, unit: 'binary' }).filter((id) => id.length <= 256),
    version: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
  });

  it('property: the hand-built sealed header is exactly the RFC 8785 canonical form', () => {
    fc.assert(
      fc.property(headers, (h) => {
        expect(rowHeaderBytes(h)).toEqual(canonicalBytes({ table: h.table, id: h.id, version: h.version }));
      }),
      { numRuns: 1000 },
    );
    expect(new TextDecoder().decode(rowHeaderBytes({ table: 'records', id: 'a"\\\n\u0001ї😀', version: 0 }))).toBe(
      '{"id":"a\\"\\\\\\n\\u0001ї😀","table":"records","version":0}',
    );
  });

  it('property: any payload under any header opens to itself, and only under that header', () => {
    fc.assert(
      fc.property(headers, headers, fc.uint8Array({ maxLength: 2048 }), (h, other, bytes) => {
        const sealed = sealRow(key, h, bytes);
        expect(openRow(key, h, sealed)).toEqual(bytes);
        const same = h.table === other.table && h.id === other.id && h.version === other.version;
        if (!same) expect(['row-moved', 'row-rolled-back', 'row-version-mismatch']).toContain(codeOf(() => openRow(key, other, sealed)));
      }),
      { numRuns: 300 },
    );
  });

  it("property: the box is exactly tweetnacl's secretbox of version ‖ header length ‖ header ‖ payload, both ways", () => {
    fc.assert(
      fc.property(headers, fc.uint8Array({ maxLength: 70_000 }), (h, bytes) => {
        const head = rowHeaderBytes(h);
        const plaintext = new Uint8Array(5 + head.length + bytes.length);
        plaintext[0] = 1;
        new DataView(plaintext.buffer).setUint32(1, head.length, false);
        plaintext.set(head, 5);
        plaintext.set(bytes, 5 + head.length);
        const sealed = sealRow(key, h, bytes);
        expect(sealed.box).toEqual(nacl.secretbox(plaintext, sealed.nonce, key));
        const nonce = nacl.randomBytes(24);
        expect(openRow(key, h, { nonce, box: nacl.secretbox(plaintext, nonce, key) })).toEqual(bytes);
      }),
      { numRuns: 60 },
    );
  });

  it('property: any single-bit flip of nonce or box is refused', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.nat(), (bytes, position) => {
        const sealed = sealRow(key, header, bytes);
        const totalBits = (sealed.nonce.length + sealed.box.length) * 8;
        const bit = position % totalBits;
        const tampered =
          bit < sealed.nonce.length * 8
            ? { nonce: flipBit(sealed.nonce, bit), box: sealed.box }
            : { nonce: sealed.nonce, box: flipBit(sealed.box, bit - sealed.nonce.length * 8) };
        expect(codeOf(() => openRow(key, header, tampered))).toBe('row-unreadable');
      }),
      { numRuns: 500 },
    );
  });

  // Speed is measured by `npm run bench`; this checks the volume round-trips and prints the figure.
  it('seals and opens 10,000 rows of ~1 KB (figure printed)', () => {
    const random = systemRandom;
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ header: { table: 'records', id: `rec-${i.toString(36)}-0123456789abcdef`, version: 1 }, payload: random(1024) }));
    const t0 = performance.now();
    const sealed = rows.map((row) => sealRow(key, row.header, row.payload));
    const t1 = performance.now();
    let bytes = 0;
    rows.forEach((row, i) => {
      const box = sealed[i];
      if (box !== undefined) bytes += openRow(key, row.header, box).length;
    });
    const t2 = performance.now();
    console.info(`[crypto] row seal 10k × 1 KB: ${(t1 - t0).toFixed(0)} ms, open: ${(t2 - t1).toFixed(0)} ms, total ${(t2 - t0).toFixed(0)} ms`);
    expect(bytes).toBe(10_000 * 1024);
  });
});
