/**
 * The mutable working form of a record used inside one merge computation (an import, a local write, a
 * rebuild). Internal to shared/sync: callers see RecordState (merge.ts), the canonical stored form.
 *
 * Why a separate form: RecordState keeps heads and `superseded` as sorted arrays so that two replicas
 * holding the same set of operations store byte-identical records (a rebuild from the log can then be
 * compared field for field). Applying operations to sorted arrays one by one would cost O(history) per
 * operation, O(n²) over an import. Here each register touched is thawed once into a Map (heads by
 * change-set hash) and a Set (superseded hashes), every operation is O(|base|), and `freeze` sorts each
 * touched register once. Untouched registers are never copied: the frozen arrays are returned as they were.
 *
 * The merge rule itself (DESIGN.md §4, docs/sync.md §6), for an operation o on field f from change-set H:
 *   superseded(f) ∪= o.base;  heads(f) = heads(f) \ o.base;  if H ∉ superseded(f): heads(f) ∪= {H}.
 * The result is heads(f) = {operations on f} \ {hashes named in the base of any operation on f}: a
 * function of the *set* of operations, whatever their order or repetition. Clocks play no part in it;
 * they only order concurrent heads for display (`compareHeads`).
 *
 * Note that an operation that arrives already superseded still retires the heads in its own base: with
 * X ← Y ← Z (each naming the previous) arriving Z, X, Y, skipping Y entirely would leave X a head for
 * ever on this replica and not on one that saw them in order (a fast-check counterexample).
 */
import { compareTlp, type Tlp } from './tlp';
import { type Content, MAX_FIELDS_PER_RECORD, MAX_HEADS_PER_REGISTER, type Operation, TOMBSTONE_FIELD } from './changeset';
import type { FieldRegister, Head, LoggedChangeSet, RecordState } from './model';

/** Display order of heads: HLC descending (latest first), ties by change-set hash ascending. */
export function compareHeads(a: Pick<Head, 'hlc' | 'cs'>, b: Pick<Head, 'hlc' | 'cs'>): number {
  if (a.hlc !== b.hlc) return a.hlc > b.hlc ? -1 : 1;
  return a.cs < b.cs ? -1 : a.cs > b.cs ? 1 : 0;
}

/** Code-unit order, the order of every sorted list of hashes in the formats (`base`, `superseded`). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Membership in a sorted array of strings (frozen `superseded`) without building a Set. */
export function sortedIncludes(sorted: readonly string[], value: string): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const probe = sorted[mid] as string;
    if (probe === value) return true;
    if (probe < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

/**
 * The register of `field`, or undefined. Own properties only: field names such as `constructor` are
 * legal, and `record.fields.constructor` would otherwise be Object's.
 */
export function registerOf(record: RecordState, field: string): FieldRegister | undefined {
  return Object.hasOwn(record.fields, field) ? record.fields[field] : undefined;
}

class ThawedRegister {
  constructor(
    readonly heads: Map<string, Head>,
    readonly superseded: Set<string>,
  ) {}

  static of(frozen: FieldRegister | undefined): ThawedRegister {
    if (frozen === undefined) return new ThawedRegister(new Map(), new Set());
    return new ThawedRegister(new Map(frozen.heads.map((head) => [head.cs, head])), new Set(frozen.superseded));
  }

  freeze(): FieldRegister {
    return { heads: [...this.heads.values()].sort(compareHeads), superseded: [...this.superseded].sort(compareText) };
  }
}

type Slot = FieldRegister | ThawedRegister;

function headsOf(slot: Slot): Iterable<Head> {
  return slot instanceof ThawedRegister ? slot.heads.values() : slot.heads;
}

export class WorkingRecord {
  private readonly slots = new Map<string, Slot>();
  /** Registers other than the tombstone, kept up to date so `capProblem` need not count them. */
  private dataFields = 0;
  private changed = false;
  private created: string;
  private updated: string;
  private tlp: Tlp;

  private constructor(
    readonly id: string,
    readonly kind: string,
    readonly owner: string,
    private readonly source: RecordState | undefined,
  ) {
    this.created = source?.created ?? '';
    this.updated = source?.updated ?? '';
    this.tlp = source?.tlp ?? 'CLEAR';
    if (source !== undefined) {
      for (const [field, register] of Object.entries(source.fields)) {
        this.slots.set(field, register);
        if (field !== TOMBSTONE_FIELD) this.dataFields += 1;
      }
    }
  }

  static from(state: RecordState): WorkingRecord {
    return new WorkingRecord(state.id, state.kind, state.owner, state);
  }

  /** A record no operation has reached yet; its kind is the kind of the first change-set applied. */
  static empty(id: string, kind: string, owner: string): WorkingRecord {
    return new WorkingRecord(id, kind, owner, undefined);
  }

  /** Merges every operation of a change-set that carries content (the caller checked kind and owner). */
  apply(logged: LoggedChangeSet): void {
    const { header, content } = logged.changeSet;
    if (content === undefined) return;
    for (const op of content.ops) this.applyOp(op, logged, content);
    const hlc = content.hlc;
    if (this.created === '' || hlc < this.created) this.created = hlc;
    // The record's TLP is the one its latest change-set was published at. Equal HLCs (only a misbehaving
    // device reuses one) take the more restrictive label, so the result does not depend on arrival order.
    if (hlc > this.updated) {
      this.updated = hlc;
      this.tlp = header.tlp;
    } else if (hlc === this.updated && compareTlp(header.tlp, this.tlp) > 0) {
      this.tlp = header.tlp;
    }
    this.changed = true;
  }

  private applyOp(op: Operation, logged: LoggedChangeSet, content: Content): void {
    const hash = logged.hash;
    const register = this.thaw(op.field);
    for (const replaced of op.base) {
      register.superseded.add(replaced);
      register.heads.delete(replaced);
    }
    if (register.superseded.has(hash) || register.heads.has(hash)) return;
    const head: Head = {
      cs: hash,
      value: op.value,
      hlc: content.hlc,
      device: logged.changeSet.header.device,
      delegation: logged.delegation,
      ...(op.field === TOMBSTONE_FIELD ? { base: op.base } : {}),
    };
    register.heads.set(hash, head);
  }

  private thaw(field: string): ThawedRegister {
    const slot = this.slots.get(field);
    if (slot instanceof ThawedRegister) return slot;
    const thawed = ThawedRegister.of(slot);
    if (slot === undefined && field !== TOMBSTONE_FIELD) this.dataFields += 1;
    this.slots.set(field, thawed);
    return thawed;
  }

  /**
   * Why this change-set may not be merged into this record, or null: it would take the record past
   * MAX_FIELDS_PER_RECORD fields (tombstone not counted) or one of its fields past MAX_HEADS_PER_REGISTER
   * concurrent heads (docs/sync.md §10). A change-set that does not grow a count past its bound is always
   * fine, so a record that somehow holds more can still be repaired. O(ops × (base + heads)), nothing
   * copied: it is called once per change-set of an import.
   */
  capProblem(content: Content, hash: string): { readonly reason: 'too-many-fields' | 'too-many-heads'; readonly message: string } | null {
    let added = 0;
    for (const op of content.ops) if (op.field !== TOMBSTONE_FIELD && !this.slots.has(op.field)) added += 1;
    if (added > 0) {
      const fields = this.dataFields;
      if (fields + added > MAX_FIELDS_PER_RECORD) {
        return {
          reason: 'too-many-fields',
          message: `Record ${this.id} has ${fields} fields; this change-set adds ${added} more, and a record has at most ${MAX_FIELDS_PER_RECORD}.`,
        };
      }
    }
    for (const op of content.ops) {
      const slot = this.slots.get(op.field);
      if (slot === undefined) continue;
      const before = slot instanceof ThawedRegister ? slot.heads.size : slot.heads.length;
      let replaced = 0;
      if (slot instanceof ThawedRegister) {
        for (const cs of op.base) if (slot.heads.has(cs)) replaced += 1;
      } else if (op.base.length > 0) {
        const base = new Set(op.base);
        for (const head of slot.heads) if (base.has(head.cs)) replaced += 1;
      }
      const known = slot instanceof ThawedRegister ? slot.heads.has(hash) || slot.superseded.has(hash) : slot.heads.some((head) => head.cs === hash) || sortedIncludes(slot.superseded, hash);
      const after = before - replaced + (known ? 0 : 1);
      if (after > MAX_HEADS_PER_REGISTER && after > before) {
        return {
          reason: 'too-many-heads',
          message: `Field ${op.field} of record ${this.id} already holds ${before} concurrent values; a field holds at most ${MAX_HEADS_PER_REGISTER} (resolve the conflict first).`,
        };
      }
    }
    return null;
  }

  /** Sorted hashes of the current heads of `field`; for the tombstone, of every field (docs/sync.md §6). */
  currentBase(field: string): string[] {
    const base = new Set<string>();
    for (const [name, slot] of this.slots) {
      if (field !== TOMBSTONE_FIELD && name !== field) continue;
      for (const head of headsOf(slot)) base.add(head.cs);
    }
    return [...base].sort(compareText);
  }

  /** The canonical state: fields in key order, heads in display order, superseded sorted. */
  freeze(): RecordState {
    if (!this.changed && this.source !== undefined) return this.source;
    const fields: Record<string, FieldRegister> = {};
    for (const field of [...this.slots.keys()].sort(compareText)) {
      const slot = this.slots.get(field) as Slot;
      fields[field] = slot instanceof ThawedRegister ? slot.freeze() : slot;
    }
    return { id: this.id, kind: this.kind, owner: this.owner, fields, created: this.created, updated: this.updated, tlp: this.tlp };
  }
}
