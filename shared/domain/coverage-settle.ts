/**
 * The last phase of coverage (coverage.ts): each need's state from what is allocated to it, then the
 * warnings that compare the offers allocated to one need — over-coverage, and duplicate offers
 * (redundant, or one partner's offer entered twice). The rules are listed in coverage.ts.
 */
import { isPledged, type AllocationEntry, type CoverageState, type NeedEntry, type OfferEntry } from './coverage-entries';
import { makeWarning, type DeconflictionWarning } from './warnings';

function titleKey(title: string): string {
  return title.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

function stateOf(requested: number, allocated: number): CoverageState {
  if (allocated === 0) return 'uncovered';
  if (allocated < requested) return 'partially-covered';
  return allocated === requested ? 'covered' : 'over-covered';
}

/** Counted (pledged) allocations to a need: what over-coverage and duplicate detection look at. */
function isCounted(allocation: AllocationEntry): boolean {
  return isPledged(allocation.offerEntry.status);
}

/** Each need's state, over-coverage and duplicates. */
export function settleNeeds(needs: readonly NeedEntry[], warnings: DeconflictionWarning[]): void {
  for (let i = 0; i < needs.length; i += 1) {
    const need = needs[i] as NeedEntry;
    need.state = stateOf(need.quantity, need.allocatedQty);
    // Most needs have one allocation or none: nothing to compare.
    const first = need.firstAllocation;
    if (first === null || first.nextForNeed === null) {
      if (need.state === 'over-covered' && first !== null && isCounted(first)) {
        warnings.push(makeWarning('over-coverage', need.id, need.offers, { requested: need.quantity, allocated: need.allocatedQty, unit: need.unit }));
      }
      continue;
    }
    const redundant = redundantOffers(need);
    if (redundant !== null) {
      warnings.push(redundant);
      continue;
    }
    if (need.state === 'over-covered') {
      warnings.push(makeWarning('over-coverage', need.id, need.offers, { requested: need.quantity, allocated: need.allocatedQty, unit: need.unit }));
    }
    const twice = samePartnerTwice(need);
    if (twice !== null) warnings.push(twice);
  }
}

/** duplicate-offer when one of two or more counted offers is not needed: the others already cover the need. */
function redundantOffers(need: NeedEntry): DeconflictionWarning | null {
  // Counted without building the list first: most needs have one offer or none.
  let countedOffers = 0;
  let smallest = Number.POSITIVE_INFINITY;
  for (let a = need.firstAllocation; a !== null; a = a.nextForNeed) {
    if (!a.sameUnit || !isCounted(a)) continue;
    countedOffers += 1;
    if (a.quantity < smallest) smallest = a.quantity;
  }
  if (countedOffers < 2 || need.allocatedQty - smallest < need.quantity) return null;
  const ids: string[] = [];
  const partners = new Set<string>();
  for (let a = need.firstAllocation; a !== null; a = a.nextForNeed) {
    if (!a.sameUnit || !isCounted(a)) continue;
    ids.push(a.offerEntry.id);
    partners.add(a.offerEntry.owner);
  }
  return makeWarning('duplicate-offer', need.id, ids, {
    basis: 'redundant',
    partners: partners.size,
    requested: need.quantity,
    allocated: need.allocatedQty,
    unit: need.unit,
  });
}

/** duplicate-offer when one partner allocated two offers with the same title to the need: likely entered twice. */
function samePartnerTwice(need: NeedEntry): DeconflictionWarning | null {
  // Titles are compared only between counted offers of one partner: usually there is none to compare,
  // so that is looked for along the chain first, without building anything.
  let samePartner = false;
  for (let a = need.firstAllocation; a !== null && !samePartner; a = a.nextForNeed) {
    if (!isCounted(a)) continue;
    for (let b = a.nextForNeed; b !== null; b = b.nextForNeed) {
      if (isCounted(b) && b.offerEntry.owner === a.offerEntry.owner) {
        samePartner = true;
        break;
      }
    }
  }
  if (!samePartner) return null;
  const counted: OfferEntry[] = [];
  for (let a = need.firstAllocation; a !== null; a = a.nextForNeed) if (isCounted(a)) counted.push(a.offerEntry);
  const groups = new Map<string, string[]>();
  for (const offer of counted) {
    const key = `${offer.owner}\u0000${titleKey(offer.title)}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [offer.id]);
    else group.push(offer.id);
  }
  const ids = [...groups.values()].filter((group) => group.length >= 2).flat();
  if (ids.length === 0) return null;
  return makeWarning('duplicate-offer', need.id, ids, {
    basis: 'same-partner',
    partners: 1,
    requested: need.quantity,
    allocated: need.allocatedQty,
    unit: need.unit,
  });
}
