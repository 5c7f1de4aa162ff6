/**
 * Merge rules (docs/sync.md §6): registers replace exactly the heads named in `base`, concurrent heads are
 * ordered by HLC only for display, conflicts are distinct values, tombstones conflict with unseen edits,
 * and the result is a function of the set of change-sets (property-tested against order and repetition).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@shared/crypto';
import {
  applyChangeSet,
  conflictsOf,
  currentBase,
  type LoggedChangeSet,
  rebuildRecords,
  type RecordState,
  SyncError,
  TOMBSTONE_FIELD,
  viewOf,
} from '@shared/sync';
import { craft, makeDelegation, recordOf, seededRandom, T0 } from './helpers';

const owner = makeDelegation('merge-owner', 2);
const [deviceA, deviceB] = owner.devices as [string, string];
const record = recordOf(owner, 'merge');

function applyAll(changeSets: readonly LoggedChangeSet[], start?: RecordState): RecordState {
  let state = start;
  for (const logged of changeSets) state = applyChangeSet(state, logged);
  if (state === undefined) throw new Error('nothing applied');
  return state;
}

function edit(field: string, value: unknown, wall: number, base: readonly string[] = [], device = deviceA): LoggedChangeSet {
  return craft({ delegation: owner, device, record, hlc: T0 + wall, ops: [{ field, value, base }] }).logged;
}

describe('field registers', () => {
  it('an operation replaces the heads named in its base (no conflict)', () => {
    const a = edit('title', 'Generators', 1);
    const b = edit('title', 'Diesel generators', 2, [a.hash]);
    const state = applyAll([a, b]);
    expect(state.fields['title']?.heads.map((head) => head.cs)).toEqual([b.hash]);
    expect(state.fields['title']?.superseded).toEqual([a.hash]);
    expect(viewOf(state)).toMatchObject({ values: { title: 'Diesel generators' }, conflicts: [], deleted: false, deleteConflict: false });
  });

  it('causality beats clocks: a later operation with an older HLC still replaces what it saw', () => {
    const a = edit('title', 'first', 500);
    const b = edit('title', 'second', 1, [a.hash], deviceB);
    expect(viewOf(applyAll([a, b])).values['title']).toBe('second');
    expect(viewOf(applyAll([b, a])).values['title']).toBe('second');
  });

  it('concurrent edits are a conflict; the latest HLC is displayed on every replica', () => {
    const a = edit('title', 'one', 1);
    const b = edit('title', 'two', 2, [a.hash], deviceA);
    const c = edit('title', 'three', 3, [a.hash], deviceB);
    const state = applyAll([a, c, b]);
    expect(state.fields['title']?.heads.map((head) => head.value)).toEqual(['three', 'two']);
    expect(viewOf(state)).toMatchObject({ values: { title: 'three' }, conflicts: ['title'] });
    const [conflict] = conflictsOf(state);
    expect(conflict).toMatchObject({ recordId: record, kind: 'need', field: 'title' });
    expect(conflict?.heads.map((head) => [head.value, head.device, head.delegation])).toEqual([
      ['three', deviceB, owner.id],
      ['two', deviceA, owner.id],
    ]);
    expect(canonicalJson(applyAll([b, a, c]))).toBe(canonicalJson(state));
  });

  it('the same value written concurrently is not a conflict (canonical JSON equality)', () => {
    const a = edit('quantity', { n: 1, unit: 'pcs' }, 1);
    const b = edit('quantity', { unit: 'pcs', n: 1 }, 2, [], deviceB);
    const state = applyAll([a, b]);
    expect(state.fields['quantity']?.heads).toHaveLength(2);
    expect(viewOf(state).conflicts).toEqual([]);
    expect(conflictsOf(state)).toEqual([]);
  });

  it('resolving a conflict is an ordinary operation whose base names all heads', () => {
    const b = edit('title', 'two', 2);
    const c = edit('title', 'three', 3, [], deviceB);
    const conflicted = applyAll([b, c]);
    expect(currentBase(conflicted, 'title')).toEqual([b.hash, c.hash].sort());
    const resolution = edit('title', 'agreed', 4, currentBase(conflicted, 'title'));
    const state = applyChangeSet(conflicted, resolution);
    expect(viewOf(state)).toMatchObject({ values: { title: 'agreed' }, conflicts: [] });
  });

  it('an operation that arrives after something replaced it does not come back', () => {
    const a = edit('title', 'old', 1);
    const b = edit('title', 'new', 2, [a.hash]);
    const state = applyAll([b, a]);
    expect(state.fields['title']?.heads.map((head) => head.cs)).toEqual([b.hash]);
    expect(applyChangeSet(state, a)).toEqual(state);
    expect(applyChangeSet(state, b)).toEqual(state);
  });

  it('does not mutate the record it is given', () => {
    const a = edit('title', 'old', 1);
    const before = applyAll([a]);
    const snapshot = canonicalJson(before);
    applyChangeSet(before, edit('title', 'new', 2, [a.hash]));
    expect(canonicalJson(before)).toBe(snapshot);
  });

  it('field names that are also Object.prototype members are ordinary fields', () => {
    const a = edit('constructor', 'c', 1);
    const state = applyAll([a]);
    expect(viewOf(state).values).toEqual({ constructor: 'c' });
    expect(currentBase(state, 'toString')).toEqual([]);
    expect(currentBase(state, 'constructor')).toEqual([a.hash]);
  });
});

describe('record metadata', () => {
  it('kind is fixed by the first change-set; another kind is refused', () => {
    const state = applyAll([edit('title', 'x', 1)]);
    const offer = craft({ delegation: owner, record, kind: 'offer', hlc: T0 + 2, ops: [{ field: 'title', value: 'y' }] }).logged;
    expect(() => applyChangeSet(state, offer)).toThrow(SyncError);
    try {
      applyChangeSet(state, offer);
    } catch (error) {
      expect((error as SyncError).code).toBe('kind-mismatch');
    }
  });

  it('created/updated are the smallest and largest HLC; TLP is the latest change-set’s', () => {
    const a = craft({ delegation: owner, record, tlp: 'GREEN', hlc: T0 + 5, ops: [{ field: 'title', value: 'x' }] }).logged;
    const b = craft({ delegation: owner, record, tlp: 'AMBER', hlc: T0 + 9, ops: [{ field: 'title', value: 'y', base: [a.hash] }] }).logged;
    const c = craft({ delegation: owner, record, tlp: 'CLEAR', hlc: T0 + 1, ops: [{ field: 'notes', value: 'z' }] }).logged;
    for (const order of [[a, b, c], [c, b, a], [b, c, a]]) {
      const state = applyAll(order);
      expect(state.tlp).toBe('AMBER');
      expect(state.created).toMatch(new RegExp(`^0*${T0 + 1}\\.`, 'u'));
      expect(state.updated).toMatch(new RegExp(`^0*${T0 + 9}\\.`, 'u'));
    }
  });

  it('equal HLCs (a misbehaving device) take the more restrictive TLP in any order', () => {
    const hlc = { wall: T0, counter: 0, node: deviceA };
    const a = craft({ delegation: owner, record, tlp: 'RED', hlc, ops: [{ field: 'title', value: 'x' }] }).logged;
    const b = craft({ delegation: owner, record, tlp: 'GREEN', hlc, ops: [{ field: 'notes', value: 'y' }] }).logged;
    expect(applyAll([a, b]).tlp).toBe('RED');
    expect(applyAll([b, a]).tlp).toBe('RED');
  });

  it('refuses a redacted change-set and one for another record', () => {
    const a = edit('title', 'x', 1);
    expect(() => applyChangeSet(undefined, { ...a, changeSet: { header: a.changeSet.header } })).toThrow(/redacted/u);
    const other = craft({ delegation: owner, record: recordOf(owner, 'other'), hlc: T0, ops: [{ field: 'title', value: 'x' }] }).logged;
    expect(() => applyChangeSet(applyAll([a]), other)).toThrow(/not/u);
  });
});

describe('tombstones', () => {
  function created(): { a: LoggedChangeSet; state: RecordState } {
    const a = craft({ delegation: owner, record, hlc: T0 + 1, ops: [{ field: 'quantity', value: 4 }, { field: 'title', value: 'x' }] }).logged;
    return { a, state: applyAll([a]) };
  }

  it('a delete that saw everything deletes without conflict; a restore brings the record back', () => {
    const { state } = created();
    const del = edit(TOMBSTONE_FIELD, true, 2, currentBase(state, TOMBSTONE_FIELD));
    const deleted = applyChangeSet(state, del);
    expect(viewOf(deleted)).toMatchObject({ deleted: true, deleteConflict: false, conflicts: [] });
    expect(viewOf(deleted).values).toEqual({ quantity: 4, title: 'x' });
    const restore = edit(TOMBSTONE_FIELD, false, 3, currentBase(deleted, TOMBSTONE_FIELD));
    expect(viewOf(applyChangeSet(deleted, restore))).toMatchObject({ deleted: false, deleteConflict: false, conflicts: [] });
  });

  it('the tombstone base names the heads of every field', () => {
    const { a, state } = created();
    const b = edit('title', 'y', 2, [a.hash], deviceB);
    const after = applyChangeSet(state, b);
    expect(currentBase(after, TOMBSTONE_FIELD)).toEqual([a.hash, b.hash].sort());
    expect(currentBase(undefined, TOMBSTONE_FIELD)).toEqual([]);
  });

  it('a delete concurrent with an edit is a delete conflict naming the unseen edit, in any order', () => {
    const { a, state } = created();
    const del = edit(TOMBSTONE_FIELD, true, 3, currentBase(state, TOMBSTONE_FIELD), deviceA);
    const concurrentEdit = edit('title', 'edited meanwhile', 2, [a.hash], deviceB);
    const one = applyAll([del, concurrentEdit], state);
    const two = applyAll([concurrentEdit, del], state);
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(viewOf(one)).toMatchObject({ deleted: true, deleteConflict: true, conflicts: [TOMBSTONE_FIELD] });
    const conflicts = conflictsOf(one);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ field: TOMBSTONE_FIELD, heads: [{ cs: del.hash, value: true }] });
    expect(conflicts[0]?.unseenEdits).toEqual([{ field: 'title', head: expect.objectContaining({ cs: concurrentEdit.hash, value: 'edited meanwhile' }) as unknown }]);
  });

  it('a delete conflict is resolved by a restore or by deleting again', () => {
    const { a, state } = created();
    const del = edit(TOMBSTONE_FIELD, true, 3, currentBase(state, TOMBSTONE_FIELD));
    const concurrentEdit = edit('title', 'edited meanwhile', 2, [a.hash], deviceB);
    const conflicted = applyAll([del, concurrentEdit], state);
    const restore = edit(TOMBSTONE_FIELD, false, 4, currentBase(conflicted, TOMBSTONE_FIELD));
    expect(viewOf(applyChangeSet(conflicted, restore))).toMatchObject({ deleted: false, deleteConflict: false, conflicts: [], values: { title: 'edited meanwhile' } });
    const again = edit(TOMBSTONE_FIELD, true, 4, currentBase(conflicted, TOMBSTONE_FIELD));
    expect(viewOf(applyChangeSet(conflicted, again))).toMatchObject({ deleted: true, deleteConflict: false, conflicts: [] });
  });

  it('a change-set that deletes and edits at once saw its own edit', () => {
    const { state } = created();
    const both = craft({ delegation: owner, record, hlc: T0 + 2, ops: [{ field: TOMBSTONE_FIELD, value: true, base: currentBase(state, TOMBSTONE_FIELD) }, { field: 'title', value: 'last words', base: currentBase(state, 'title') }] }).logged;
    expect(viewOf(applyChangeSet(state, both))).toMatchObject({ deleted: true, deleteConflict: false, conflicts: [] });
  });

  it('concurrent delete and restore are a conflict on _deleted, displayed by HLC', () => {
    const { state } = created();
    const del = edit(TOMBSTONE_FIELD, true, 2, currentBase(state, TOMBSTONE_FIELD));
    const deleted = applyChangeSet(state, del);
    const restore = edit(TOMBSTONE_FIELD, false, 3, currentBase(deleted, TOMBSTONE_FIELD), deviceB);
    const deleteAgain = edit(TOMBSTONE_FIELD, true, 4, currentBase(deleted, TOMBSTONE_FIELD), deviceA);
    const view = viewOf(applyAll([restore, deleteAgain], deleted));
    expect(view).toMatchObject({ deleted: true, conflicts: [TOMBSTONE_FIELD], deleteConflict: false });
  });
});

describe('order independence (property)', () => {
  const FIELDS = ['title', 'quantity', TOMBSTONE_FIELD] as const;
  // A history: each change-set writes 1–3 fields; each base is a random subset of earlier change-sets.
  const historyArb = fc.array(
    fc.record({
      fields: fc.subarray([0, 1, 2], { minLength: 1 }),
      value: fc.integer({ min: 0, max: 3 }),
      wall: fc.integer({ min: 0, max: 20 }),
      device: fc.boolean(),
      bases: fc.array(fc.nat(), { maxLength: 4 }),
    }),
    { minLength: 1, maxLength: 12 },
  );

  interface HistoryStep {
    readonly fields: number[];
    readonly value: number;
    readonly wall: number;
    readonly device: boolean;
    readonly bases: number[];
  }

  function build(steps: readonly HistoryStep[], seed: number): LoggedChangeSet[] {
    const random = seededRandom(`merge-property:${seed}`);
    const out: LoggedChangeSet[] = [];
    for (const step of steps) {
      const base = out.length === 0 ? [] : [...new Set(step.bases.map((n) => (out[n % out.length] as LoggedChangeSet).hash))];
      const ops = step.fields.map((index) => {
        const field = FIELDS[index] as string;
        return { field, value: field === TOMBSTONE_FIELD ? step.value % 2 === 0 : step.value, base };
      });
      out.push(craft({ delegation: owner, device: step.device ? deviceA : deviceB, record, hlc: T0 + step.wall, ops, random }).logged);
    }
    return out;
  }

  it('any permutation with duplicates gives the same canonical state, equal to a rebuild', () => {
    fc.assert(
      fc.property(historyArb, fc.integer(), fc.array(fc.nat(), { maxLength: 6 }), (steps, seed, duplicates) => {
        const changeSets = build(steps, seed);
        const reference = canonicalJson(applyAll(changeSets));
        const shuffled = fc.sample(fc.shuffledSubarray(changeSets, { minLength: changeSets.length, maxLength: changeSets.length }), { numRuns: 1, seed })[0] as LoggedChangeSet[];
        const repeated = [...shuffled, ...duplicates.map((n) => shuffled[n % shuffled.length] as LoggedChangeSet)];
        const other = applyAll(repeated);
        expect(canonicalJson(other)).toBe(reference);
        expect(canonicalJson(rebuildRecords(repeated.reverse()).get(record))).toBe(reference);
        // The view and the conflict list are functions of the state.
        expect(canonicalJson(conflictsOf(other))).toBe(canonicalJson(conflictsOf(applyAll(changeSets))));
      }),
      { numRuns: 60 },
    );
  });
});
