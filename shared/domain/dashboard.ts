/**
 * The dashboard's figures (issue #5), computed from coverage.ts in one more pass. Every figure carries
 * the ids of the records behind it, so the UI can open exactly those records when a figure is clicked
 * ("every figure clicks through to the records behind it"): a total the user cannot check is a total
 * the user cannot trust.
 *
 * Which records count:
 * - needs: those stated and not withdrawn — submitted, assessed, prioritised, open and closed (closed
 *   needs were requested, and are what delivered assistance answered). Drafts are the local
 *   beneficiary's work in progress; withdrawn and deleted needs ask for nothing.
 * - requested = the counted needs' estimated values; pledged = offers in a pledged status (indicative
 *   and later, not cancelled or suspended); committed = offers in a binding status; delivered = the EUR
 *   value of delivery events (coverage.ts: each delivery's share of its offer's value).
 * - coverage by sector and category: for the counted needs of each sector (category), the needed,
 *   allocated, committed and delivered EUR values as coverage.ts attributes them to the needs.
 * - offers by partner: every offer not deleted, grouped by owning delegation.
 * - critical uncovered: counted needs still being worked on (not closed), of critical or high priority,
 *   not fully covered; most urgent first (priority, then deadline — none last — then inter-agency
 *   rank, then id).
 *
 * All money is in EUR cents (integers); percentages are rounded to one decimal and null when there is
 * nothing to divide by.
 *
 * Cost: linear. After coverage.ts, one pass over needs, offers and deliveries; record lists are arrays
 * filled in those passes (an offer spread over several needs of one group is listed once by checking
 * its own few allocations, not with a Set per group); only the listed critical needs are materialised.
 */
import type { Tlp } from '../sync/tlp';
import { TLP_LEVELS } from '../sync/tlp';
import { CATEGORIES, SECTORS, priorityRank, type Category, type Priority, type Sector } from './classification';
import { computeCoverage, type CoverageInput, type CoverageResult, type CoverageState, type NeedCoverage, type OfferCoverage } from './coverage';
import type { RecordInput } from './facts';
import { COMMITTED_OFFER_STATUSES, PLEDGED_OFFER_STATUSES, type OfferStatus } from './offer';
import { ACTIVE_NEED_STATUSES, type NeedStatus } from './need';
import type { Unit } from './units';
import { WARNING_TYPES, type DeconflictionWarning, type WarningType } from './warnings';

/** A number and the records it is computed from. */
export interface Figure {
  readonly value: number;
  readonly records: readonly string[];
}

export interface DashboardTotals {
  /** EUR cents. */
  readonly requested: Figure;
  readonly pledged: Figure;
  readonly committed: Figure;
  readonly delivered: Figure;
  /** Counts. */
  readonly needs: Figure;
  readonly offers: Figure;
  readonly deliveries: Figure;
  readonly acceptances: Figure;
  /** Counted needs by coverage state. */
  readonly byState: Readonly<Record<CoverageState, Figure>>;
}

export interface GroupCoverage<K extends string> {
  readonly key: K;
  /** EUR cents: needs (records: needs), allocations of pledged / committed offers (records: offers), deliveries (records: deliveries). */
  readonly needed: Figure;
  readonly allocated: Figure;
  readonly committed: Figure;
  readonly delivered: Figure;
  /** allocated / needed and delivered / needed, in percent. */
  readonly allocatedPercent: number | null;
  readonly deliveredPercent: number | null;
}

export interface PartnerOffers {
  /** The owning delegation id. */
  readonly partner: string;
  /** Count of offers (any status). */
  readonly offers: Figure;
  /** EUR cents. */
  readonly pledged: Figure;
  readonly committed: Figure;
  readonly delivered: Figure;
}

export interface CriticalNeed {
  readonly id: string;
  readonly title: string;
  readonly institution: string;
  readonly sector: Sector;
  readonly priority: Priority;
  readonly status: NeedStatus;
  readonly deadline: string | null;
  /** The deadline is before `today` (false when no `today` was given). */
  readonly overdue: boolean;
  readonly interAgencyPriority: number | null;
  readonly state: CoverageState;
  readonly requestedQty: number;
  readonly allocatedQty: number;
  readonly unit: Unit;
  /** The need and the offers, deliveries and acceptances behind its coverage. */
  readonly records: readonly string[];
}

export interface Dashboard {
  readonly totals: DashboardTotals;
  readonly bySector: readonly GroupCoverage<Sector>[];
  readonly byCategory: readonly GroupCoverage<Category>[];
  /** Most pledged first. */
  readonly byPartner: readonly PartnerOffers[];
  readonly criticalUncovered: readonly CriticalNeed[];
  /** How many critical uncovered needs there are in all (the list holds at most `criticalLimit`). */
  readonly criticalUncoveredCount: number;
  readonly warnings: readonly DeconflictionWarning[];
  /** Warnings by type; records = the subject of each warning. */
  readonly warningCounts: Readonly<Record<WarningType, Figure>>;
  /** The most restrictive TLP among the records the figures come from: the banner of a printed report. */
  readonly highestTlp: Tlp;
  /** The coverage the figures were computed from (per need, per offer, per delivery). */
  readonly coverage: CoverageResult;
}

export interface DashboardOptions {
  /** Today's plain date, for `overdue`. */
  readonly today?: string;
  /** Longest list of critical uncovered needs (default 100). */
  readonly criticalLimit?: number;
  /** Priorities listed as critical (default critical and high). */
  readonly criticalPriorities?: readonly Priority[];
}

const COUNTED_NEED_STATUSES = new Set<NeedStatus>(['submitted', 'assessed', 'prioritised', 'open', 'closed']);
const WORKING_NEED_STATUSES = new Set<NeedStatus>(ACTIVE_NEED_STATUSES);
const PLEDGED = new Set<OfferStatus>(PLEDGED_OFFER_STATUSES);
const COMMITTED = new Set<OfferStatus>(COMMITTED_OFFER_STATUSES);

/** A figure being summed, with the records it is summed from. */
class Sum {
  value = 0;
  readonly records: string[] = [];
  add(amount: number, id: string): void {
    this.value += amount;
    this.records.push(id);
  }
  figure(): Figure {
    return { value: this.value, records: this.records };
  }
}

interface GroupAcc {
  needed: Sum;
  allocated: Sum;
  committed: Sum;
  delivered: Sum;
}

function groupAcc(): GroupAcc {
  return { needed: new Sum(), allocated: new Sum(), committed: new Sum(), delivered: new Sum() };
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 1000) / whole) / 10;
}

function groupFigures<K extends string>(key: K, acc: GroupAcc): GroupCoverage<K> {
  const needed = acc.needed.figure();
  const allocated = acc.allocated.figure();
  const delivered = acc.delivered.figure();
  return {
    key,
    needed,
    allocated,
    committed: acc.committed.figure(),
    delivered,
    allocatedPercent: percent(allocated.value, needed.value),
    deliveredPercent: percent(delivered.value, needed.value),
  };
}

export function computeDashboard(input: CoverageInput, options: DashboardOptions = {}): Dashboard {
  const coverage = computeCoverage(input);
  const today = options.today;
  const criticalPriorities = new Set<Priority>(options.criticalPriorities ?? ['critical', 'high']);
  const criticalLimit = options.criticalLimit ?? 100;

  const requested = new Sum();
  const needCount = new Sum();
  const byState: Record<CoverageState, Sum> = { uncovered: new Sum(), 'partially-covered': new Sum(), covered: new Sum(), 'over-covered': new Sum() };
  const sectors = Object.fromEntries(SECTORS.map((s) => [s, groupAcc()])) as Record<Sector, GroupAcc>;
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, groupAcc()])) as Record<Category, GroupAcc>;
  // Sorted as they are; only the listed ones become CriticalNeed entries.
  const critical: NeedCoverage[] = [];

  for (const entry of coverage.needs.values()) {
    const need = entry.need;
    if (!COUNTED_NEED_STATUSES.has(need.status)) continue;
    requested.add(need.eurCents, need.id);
    needCount.add(1, need.id);
    byState[entry.state].add(1, need.id);
    // EUR values per need here; the offers and deliveries behind them are listed in the passes below,
    // so an offer spread over several needs of one group is listed once without a Set per group.
    addNeed(sectors[need.sector], entry);
    addNeed(categories[need.category], entry);
    if (WORKING_NEED_STATUSES.has(need.status) && criticalPriorities.has(need.priority) && (entry.state === 'uncovered' || entry.state === 'partially-covered')) {
      critical.push(entry);
    }
  }

  const pledged = new Sum();
  const committed = new Sum();
  const offerCount = new Sum();
  const partners = new Map<string, { offers: Sum; pledged: Sum; committed: Sum; delivered: Sum }>();
  for (const entry of coverage.offers.values()) {
    const offer = entry.offer;
    offerCount.add(1, offer.id);
    let partner = partners.get(offer.owner);
    if (partner === undefined) {
      partner = { offers: new Sum(), pledged: new Sum(), committed: new Sum(), delivered: new Sum() };
      partners.set(offer.owner, partner);
    }
    partner.offers.add(1, offer.id);
    if (PLEDGED.has(offer.status)) {
      pledged.add(offer.eurCents, offer.id);
      partner.pledged.add(offer.eurCents, offer.id);
    }
    if (COMMITTED.has(offer.status)) {
      committed.add(offer.eurCents, offer.id);
      partner.committed.add(offer.eurCents, offer.id);
    }
    if (entry.deliveries.length > 0) {
      partner.delivered.value += entry.deliveredEurCents;
      partner.delivered.records.push(...entry.deliveries);
    }
    if (PLEDGED.has(offer.status)) listInGroups(entry, COMMITTED.has(offer.status), sectors, categories);
  }

  const delivered = new Sum();
  for (const entry of coverage.deliveries.values()) {
    delivered.add(entry.eurCents, entry.delivery.id);
    const need = entry.target?.need;
    if (need === undefined || !COUNTED_NEED_STATUSES.has(need.status)) continue;
    sectors[need.sector].delivered.records.push(entry.delivery.id);
    categories[need.category].delivered.records.push(entry.delivery.id);
  }
  const acceptanceCount = new Sum();
  for (const record of input.acceptances) if (!record.deleted) acceptanceCount.add(1, record.id);

  const warningCounts = Object.fromEntries(WARNING_TYPES.map((type) => [type, new Sum()])) as Record<WarningType, Sum>;
  for (const warning of coverage.warnings) warningCounts[warning.type].add(1, warning.subject);

  critical.sort(compareCritical);

  return {
    totals: {
      requested: requested.figure(),
      pledged: pledged.figure(),
      committed: committed.figure(),
      delivered: delivered.figure(),
      needs: needCount.figure(),
      offers: offerCount.figure(),
      deliveries: { value: delivered.records.length, records: delivered.records },
      acceptances: acceptanceCount.figure(),
      byState: {
        uncovered: byState.uncovered.figure(),
        'partially-covered': byState['partially-covered'].figure(),
        covered: byState.covered.figure(),
        'over-covered': byState['over-covered'].figure(),
      },
    },
    bySector: SECTORS.map((sector) => groupFigures(sector, sectors[sector])),
    byCategory: CATEGORIES.map((category) => groupFigures(category, categories[category])),
    byPartner: [...partners.entries()]
      .map(([partner, acc]) => ({ partner, offers: acc.offers.figure(), pledged: acc.pledged.figure(), committed: acc.committed.figure(), delivered: acc.delivered.figure() }))
      .sort((a, b) => b.pledged.value - a.pledged.value || (a.partner < b.partner ? -1 : a.partner > b.partner ? 1 : 0)),
    criticalUncovered: critical.slice(0, criticalLimit).map((entry) => criticalNeed(entry, today)),
    criticalUncoveredCount: critical.length,
    warnings: coverage.warnings,
    warningCounts: Object.fromEntries(WARNING_TYPES.map((type) => [type, warningCounts[type].figure()])) as Record<WarningType, Figure>,
    highestTlp: highestTlp(input),
    coverage,
  };
}

function addNeed(group: GroupAcc, entry: NeedCoverage): void {
  group.needed.add(entry.need.eurCents, entry.need.id);
  group.allocated.value += entry.allocatedEurCents;
  group.committed.value += entry.committedEurCents;
  group.delivered.value += entry.deliveredEurCents;
}

/** Lists a pledged offer under the sector and category of each counted need it is allocated to, once per group. */
function listInGroups(entry: OfferCoverage, committed: boolean, sectors: Readonly<Record<Sector, GroupAcc>>, categories: Readonly<Record<Category, GroupAcc>>): void {
  const id = entry.offer.id;
  const allocations = entry.allocations;
  // Most offers go to one need: no bookkeeping of groups already listed.
  const seen: GroupAcc[] | null = allocations.length > 1 ? [] : null;
  const list = (group: GroupAcc): void => {
    if (seen !== null) {
      if (seen.includes(group)) return;
      seen.push(group);
    }
    group.allocated.records.push(id);
    if (committed) group.committed.records.push(id);
  };
  for (const allocation of allocations) {
    const need = allocation.target?.need;
    if (need === undefined || !COUNTED_NEED_STATUSES.has(need.status)) continue;
    list(sectors[need.sector]);
    list(categories[need.category]);
  }
}

function criticalNeed(entry: NeedCoverage, today: string | undefined): CriticalNeed {
  const need = entry.need;
  return {
    id: need.id,
    title: need.title,
    institution: need.institution,
    sector: need.sector,
    priority: need.priority,
    status: need.status,
    deadline: need.deadline,
    overdue: today !== undefined && need.deadline !== null && need.deadline < today,
    interAgencyPriority: need.interAgencyPriority,
    state: entry.state,
    requestedQty: entry.requestedQty,
    allocatedQty: entry.allocatedQty,
    unit: need.unit,
    records: [need.id, ...entry.offers, ...entry.mismatchedOffers, ...entry.deliveries, ...entry.acceptances],
  };
}

function compareCritical(x: NeedCoverage, y: NeedCoverage): number {
  const a = x.need;
  const b = y.need;
  return (
    priorityRank(a.priority) - priorityRank(b.priority) ||
    compareNullsLast(a.deadline, b.deadline) ||
    compareNullsLast(a.interAgencyPriority, b.interAgencyPriority) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function compareNullsLast<T extends string | number>(a: T | null, b: T | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function highestTlp(input: CoverageInput): Tlp {
  let highest = 0;
  const rank = new Map<string, number>(TLP_LEVELS.map((level, index) => [level, index]));
  const visit = (records: readonly RecordInput[]): void => {
    for (const record of records) {
      if (record.deleted) continue;
      const r = rank.get(record.tlp) ?? TLP_LEVELS.length - 1;
      if (r > highest) highest = r;
    }
  };
  visit(input.needs);
  visit(input.offers);
  visit(input.deliveries);
  visit(input.acceptances);
  return TLP_LEVELS[highest] ?? 'RED';
}
