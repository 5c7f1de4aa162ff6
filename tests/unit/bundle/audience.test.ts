/** payloadFor: a payload holds only what every recipient may see (DESIGN.md §3). */
import { describe, expect, it } from 'vitest';
import { payloadFor, splitByAudience } from '@shared/bundle';
import type { Tlp } from '@shared/sync/tlp';
import { makeDelegation, writeChain } from './helpers';

const ua = makeDelegation('SSSCIP', 'UA', 'beneficiary', 'aud-ua');
const ee = makeDelegation('EE MFA', 'EE', 'partner', 'aud-ee');
const pl = makeDelegation('PL MDA', 'PL', 'partner', 'aud-pl');
const LEVELS: Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];

describe('payloadFor', () => {
  it('own change-sets: all levels but RED go to the selected recipients; RED only to a named audience', () => {
    const own = writeChain(ua, 5, { tlp: (i) => LEVELS[i] as Tlp });
    const result = payloadFor({ sender: ua.id, recipients: [ee.id, pl.id], changeSets: own.logged });
    expect(result.decisions.map((d) => [d.included, d.reason])).toEqual([
      [true, 'own'],
      [true, 'own'],
      [true, 'own'],
      [true, 'own'],
      [false, 'red-audience'],
    ]);
    expect(result.changeSets[4]).toEqual({ header: own.changeSets[4]?.header });
    const red = own.logged[4]?.changeSet.content?.record as string;
    const named = payloadFor({ sender: ua.id, recipients: [ee.id, pl.id], changeSets: own.logged, audienceOf: (r) => (r === red ? [ee.id, pl.id] : undefined) });
    expect(named.decisions[4]).toMatchObject({ included: true, reason: 'own-red-audience' });
    const partly = payloadFor({ sender: ua.id, recipients: [ee.id, pl.id], changeSets: own.logged, audienceOf: (r) => (r === red ? [ee.id] : undefined) });
    expect(partly.decisions[4]).toMatchObject({ included: false, reason: 'red-audience' });
  });

  it('own change-sets with an audience go only where every recipient is in it', () => {
    const own = writeChain(ua, 1, { tlp: 'AMBER' });
    const result = payloadFor({ sender: ua.id, recipients: [ee.id, pl.id], changeSets: own.logged, audienceOf: () => [ee.id] });
    expect(result.decisions[0]).toMatchObject({ included: false, reason: 'not-in-audience' });
  });

  it('relayed change-sets of others travel in full only at CLEAR and GREEN', () => {
    const others = writeChain(pl, 5, { tlp: (i) => LEVELS[i] as Tlp });
    const result = payloadFor({ sender: ua.id, recipients: [ee.id], changeSets: others.logged });
    expect(result.decisions.map((d) => d.reason)).toEqual(['relay-clear-green', 'relay-clear-green', 'relay-above-green', 'relay-above-green', 'relay-above-green']);
    expect(result).toMatchObject({ included: 2, redacted: 3 });
  });

  it('content not held stays a header; TLP is the level as authored', () => {
    const own = writeChain(ua, 1, { tlp: 'GREEN' });
    const header = { ...own.logged[0], changeSet: { header: own.changeSets[0]?.header } } as (typeof own.logged)[0];
    expect(payloadFor({ sender: ua.id, recipients: [ee.id], changeSets: [header] }).decisions[0]?.reason).toBe('content-not-held');
  });

  it('a raised TLP withholds older content: own GREEN change-sets of a record now RED go only to a named audience (tlp-raised)', () => {
    const own = writeChain(ua, 3, { tlp: 'GREEN' });
    const [raisedRed, raisedAmber] = own.logged.map((logged) => logged.changeSet.content?.record as string);
    const currentTlpOf = (record: string): Tlp | undefined => (record === raisedRed ? 'RED' : record === raisedAmber ? 'AMBER' : undefined);
    const result = payloadFor({ sender: ua.id, recipients: [ee.id], changeSets: own.logged, currentTlpOf });
    expect(result.decisions.map((d) => [d.included, d.reason])).toEqual([
      [false, 'tlp-raised'],
      [true, 'own'],
      [true, 'own'],
    ]);
    expect(result.changeSets[0]).toEqual({ header: own.changeSets[0]?.header });
    const named = payloadFor({ sender: ua.id, recipients: [ee.id], changeSets: own.logged, currentTlpOf, audienceOf: (r) => (r === raisedRed ? [ee.id] : undefined) });
    expect(named.decisions[0]).toMatchObject({ included: true, reason: 'own-red-audience' });
    // A recipient outside the named audience still gets the header only.
    const partly = payloadFor({ sender: ua.id, recipients: [ee.id, pl.id], changeSets: own.logged, currentTlpOf, audienceOf: (r) => (r === raisedRed ? [ee.id] : undefined) });
    expect(partly.decisions[0]).toMatchObject({ included: false, reason: 'tlp-raised' });
  });

  it('a relayer withholds GREEN change-sets of a record it now holds above GREEN; lowering never releases older content', () => {
    const others = writeChain(pl, 3, { tlp: (i) => (i === 2 ? 'AMBER' : 'GREEN') });
    const [raised, kept, lowered] = others.logged.map((logged) => logged.changeSet.content?.record as string);
    const currentTlpOf = (record: string): Tlp | undefined => (record === raised ? 'AMBER' : record === kept ? 'CLEAR' : record === lowered ? 'GREEN' : undefined);
    const result = payloadFor({ sender: ua.id, recipients: [ee.id], changeSets: others.logged, currentTlpOf });
    expect(result.decisions.map((d) => [d.included, d.reason])).toEqual([
      [false, 'tlp-raised'],
      [true, 'relay-clear-green'],
      [false, 'relay-above-green'],
    ]);
    // Own AMBER content lowered to GREEN stays as authored too (AMBER goes to the selected recipients anyway;
    // RED lowered to GREEN stays RED).
    const own = writeChain(ua, 1, { tlp: 'RED' });
    expect(payloadFor({ sender: ua.id, recipients: [ee.id], changeSets: own.logged, currentTlpOf: () => 'GREEN' }).decisions[0]).toMatchObject({ included: false, reason: 'red-audience' });
  });

  it('splitByAudience groups recipients that may see exactly the same', () => {
    const own = writeChain(ua, 2, { tlp: 'RED' });
    const first = own.logged[0]?.changeSet.content?.record as string;
    const groups = splitByAudience({ sender: ua.id, recipients: [ee.id, pl.id], changeSets: own.logged, audienceOf: (r) => (r === first ? [ee.id] : undefined) });
    expect(groups).toEqual([[ee.id], [pl.id]]);
    expect(splitByAudience({ sender: ua.id, recipients: [ee.id, pl.id], changeSets: own.logged })).toEqual([[ee.id, pl.id]]);
  });
});
