/**
 * Hybrid logical clocks (hlc.ts) and version vectors (version-vector.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  changeSetsMissingFrom,
  changeSetsWithContent,
  checkDrift,
  compareHlc,
  compareVectors,
  formatHlc,
  HLC_MAX_COUNTER,
  type Hlc,
  HashB64Schema,
  LogIndex,
  parseHlc,
  receive,
  redact,
  tick,
  versionVector,
  zeroHlc,
} from '@shared/sync';
import { base64BytesSchema, toBase64 } from '@shared/crypto';
import { makeDelegation, TestReplica } from './helpers';

const node = 'a'.repeat(26);
const other = 'b'.repeat(26);
const YEAR = 365 * 86_400_000;
const NOW = Date.UTC(2024, 2, 1);

describe('HLC', () => {
  it('text form: fixed widths, string order = timestamp order, round trip', () => {
    const hlc = { wall: NOW, counter: 7, node };
    expect(formatHlc(hlc)).toBe(`00${NOW}.00007.${node}`);
    expect(parseHlc(formatHlc(hlc))).toEqual(hlc);
    expect(parseHlc('1.2.x')).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 * NOW }), fc.integer({ min: 0, max: HLC_MAX_COUNTER }), fc.integer({ min: 0, max: 2 * NOW }), fc.integer({ min: 0, max: HLC_MAX_COUNTER }), (w1, c1, w2, c2) => {
        const a = formatHlc({ wall: w1, counter: c1, node });
        const b = formatHlc({ wall: w2, counter: c2, node: other });
        expect(Math.sign(compareHlc({ wall: w1, counter: c1, node }, { wall: w2, counter: c2, node: other }))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
      { numRuns: 200 },
    );
  });

  it('tick never goes backwards, whatever the physical clock does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 * NOW }), { minLength: 1, maxLength: 50 }), (nows) => {
        let clock: Hlc = zeroHlc(node);
        for (const now of nows) {
          const next = tick(clock, now);
          expect(compareHlc(next, clock)).toBeGreaterThan(0);
          expect(next.wall).toBeGreaterThanOrEqual(now);
          clock = next;
        }
      }),
      { numRuns: 100 },
    );
  });

  it('counter overflow moves the wall on by one millisecond', () => {
    expect(tick({ wall: NOW, counter: HLC_MAX_COUNTER, node }, NOW)).toEqual({ wall: NOW + 1, counter: 0, node });
    expect(receive({ wall: NOW, counter: HLC_MAX_COUNTER, node }, { wall: NOW, counter: 5, node: other }, NOW - 10)).toEqual({ wall: NOW + 1, counter: 0, node });
    expect(receive({ wall: NOW, counter: 3, node }, { wall: NOW, counter: HLC_MAX_COUNTER, node: other }, NOW)).toEqual({ wall: NOW + 1, counter: 0, node });
  });

  it('receive: ahead of both clocks it has seen, keeps our node, never throws on skew', () => {
    const local = { wall: NOW, counter: 2, node };
    const behind = receive(local, { wall: NOW - 10 * YEAR, counter: 9, node: other }, NOW + 5);
    expect(behind).toEqual({ wall: NOW + 5, counter: 0, node });
    const same = receive(local, { wall: NOW, counter: 9, node: other }, NOW - 5);
    expect(same).toEqual({ wall: NOW, counter: 10, node });
    const ahead = receive(local, { wall: NOW + 10 * YEAR, counter: 4, node: other }, NOW);
    expect(ahead).toEqual({ wall: NOW + 10 * YEAR, counter: 5, node });
  });

  it('drift: ahead beyond the bound is refused with the skew; behind is always fine', () => {
    expect(checkDrift({ wall: NOW - 10 * YEAR, counter: 0, node }, NOW, 3_600_000)).toEqual({ ok: true });
    expect(checkDrift({ wall: NOW + 3_600_000, counter: 0, node }, NOW, 3_600_000)).toEqual({ ok: true });
    expect(checkDrift({ wall: NOW + 7_200_000, counter: 0, node }, NOW, 3_600_000)).toEqual({ ok: false, skewMs: 7_200_000, maxDriftMs: 3_600_000 });
  });
});

describe('hash encoding', () => {
  it('HashB64Schema accepts exactly what base64BytesSchema(32) accepts', () => {
    const reference = base64BytesSchema(32);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 30, maxLength: 34 }), fc.integer({ min: 0, max: 63 }), fc.integer({ min: 0, max: 45 }), (bytes, char, position) => {
        const text = toBase64(bytes);
        const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
        const mutated = `${text.slice(0, position)}${alphabet[char] as string}${text.slice(position + 1)}`;
        for (const candidate of [text, mutated, `${text}=`, text.replace(/=+$/u, '')]) {
          expect(HashB64Schema.safeParse(candidate).success).toBe(reference.safeParse(candidate).success);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('version vectors', () => {
  const chain = (device: string, contiguous: number, beyond: number[] = []) => ({ device, delegation: 'x', contiguous, beyond, checkpoint: null, fork: null });

  it('device → contiguous, sorted, zero entries left out; gaps never counted', () => {
    expect(versionVector([chain(other, 3, [5]), chain(node, 0, [2]), chain('c'.repeat(26), 1)])).toEqual({ [other]: 3, ['c'.repeat(26)]: 1 });
    expect(Object.keys(versionVector(new Map([[other, chain(other, 1)], [node, chain(node, 2)]])))).toEqual([node, other]);
  });

  it('compares', () => {
    expect(compareVectors({}, {})).toBe('equal');
    expect(compareVectors({ [node]: 1 }, { [node]: 1 })).toBe('equal');
    expect(compareVectors({ [node]: 1 }, { [node]: 2 })).toBe('before');
    expect(compareVectors({ [node]: 2, [other]: 1 }, { [node]: 2 })).toBe('after');
    expect(compareVectors({ [node]: 2 }, { [other]: 1 })).toBe('concurrent');
    expect(compareVectors({ constructor: 1 }, {})).toBe('after');
  });

  it('what a peer lacks: every change-set above its entry, by device then seq; content on request', () => {
    const ua = makeDelegation('vector-ua', 2);
    const [d1, d2] = ua.devices as [string, string];
    const first = new TestReplica(ua, d1, [ua]);
    const second = new TestReplica(ua, d2, [ua]);
    for (let i = 0; i < 3; i += 1) first.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: i }] }]);
    second.write([{ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: 'x' }] }]);
    const log = new LogIndex();
    for (const logged of [...second.state.log.values(), ...first.state.log.values()].reverse()) log.add(logged);
    const missing = changeSetsMissingFrom({ log }, { [d1]: 1 }).map((l) => [l.changeSet.header.device, l.changeSet.header.seq]);
    const expected = [
      [d1, 2],
      [d1, 3],
      [d2, 1],
    ].sort((a, b) => (a[0] === b[0] ? (a[1] as number) - (b[1] as number) : (a[0] as string) < (b[0] as string) ? -1 : 1));
    expect(missing).toEqual(expected);
    const [one] = first.state.log.values();
    if (one === undefined) throw new Error('empty');
    const redactedLog = new LogIndex();
    redactedLog.add({ ...one, changeSet: redact(one.changeSet) });
    expect(changeSetsWithContent({ log: redactedLog }, [one.hash])).toEqual([]);
    redactedLog.add(one);
    redactedLog.add({ ...one, changeSet: redact(one.changeSet) });
    expect(changeSetsWithContent({ log: redactedLog }, [one.hash, one.hash, 'unknown'])).toEqual([one]);
    expect(redactedLog.size).toBe(1);
  });
});
