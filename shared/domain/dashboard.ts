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
 * Cost: linear. After coverage.ts, one pass over needs, offers and deliveries that adds up numbers; the
 * list of records behind a figure is made when that figure is first read (clicked), by one more pass;
 * only the listed critical needs are materialised.
 */
import type { Tlp } from '../sync/tlp';
import { TLP_LEVELS } from '../sync/tlp';
import { CATEGORIES, SECTORS, priorityRank, type Category, type Priority, type Sector } from './classification';
import { computeCoverage, type CoverageInput, type CoverageResult, type CoverageState } from './coverage';
import type { NeedEntry, OfferEntry } from './coverage-entries';
import type { RecordInput } from './facts';
import { COMMITTED, COUNTED_NEED_STATUSES, type GroupBy, lazyFigure, once, PLEDGED, RecordLists } from './dashboard-records';
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

const WORKING_NEED_STATUSES = new Set<NeedStatus>(ACTIVE_NEED_STATUSES);

interface GroupAcc {
  needed: number;
  allocated: number;
  committed: number;
  delivered: number;
}

function groupAcc(): GroupAcc {
  return { needed: 0, allocated: 0, committed: 0, delivered: 0 };
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 1000) / whole) / 10;
}

function groupFigures<K extends Sector | Category>(by: GroupBy, key: K, acc: GroupAcc, lists: RecordLists): GroupCoverage<K> {
  return {
    key,
    needed: lazyFigure(acc.needed, () => lists.needs((need) => need[by] === key)),
    allocated: lazyFigure(acc.allocated, () => lists.groupOffers(by, key, false)),
    committed: lazyFigure(acc.committed, () => lists.groupOffers(by, key, true)),
    delivered: lazyFigure(acc.delivered, () => lists.groupDeliveries(by, key)),
    allocatedPercent: percent(acc.allocated, acc.needed),
    deliveredPercent: percent(acc.delivered, acc.needed),
  };
}

interface PartnerAcc {
  offers: number;
  pledged: number;
  committed: number;
  delivered: number;
}

export function computeDashboard(input: CoverageInput, options: DashboardOptions = {}): Dashboard {
  const coverage = computeCoverage(input);
  const lists = new RecordLists(coverage, input);
  const today = options.today;
  const criticalPriorities = new Set<Priority>(options.criticalPriorities ?? ['critical', 'high']);
  const criticalLimit = options.criticalLimit ?? 100;

  let requested = 0;
  let needCount = 0;
  const byState: Record<CoverageState, number> = { uncovered: 0, 'partially-covered': 0, covered: 0, 'over-covered': 0 };
  const sectors = Object.fromEntries(SECTORS.map((s) => [s, groupAcc()])) as Record<Sector, GroupAcc>;
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, groupAcc()])) as Record<Category, GroupAcc>;
  // Sorted as they are; only the listed ones become CriticalNeed entries.
  const critical: NeedEntry[] = [];

  // Entries are read directly (a need's entry holds its facts; an offer's the facts read here), by index:
  // for-of allocates an iterator result per step in code not yet optimised (coverage-entries.ts, coverage.ts).
  const needList = coverage.needList;
  for (let i = 0; i < needList.length; i += 1) {
    const need = needList[i] as NeedEntry;
    if (!COUNTED_NEED_STATUSES.has(need.status)) continue;
    requested += need.eurCents;
    needCount += 1;
    byState[need.state] += 1;
    addNeed(sectors[need.sector], need);
    addNeed(categories[need.category], need);
    if (WORKING_NEED_STATUSES.has(need.status) && criticalPriorities.has(need.priority) && (need.state === 'uncovered' || need.state === 'partially-covered')) {
      critical.push(need);
    }
  }

  let pledged = 0;
  let committed = 0;
  const partners = new Map<string, PartnerAcc>();
  const offerList = coverage.offerList;
  for (let i = 0; i < offerList.length; i += 1) {
    const offer = offerList[i] as OfferEntry;
    let partner = partners.get(offer.owner);
    if (partner === undefined) {
      partner = { offers: 0, pledged: 0, committed: 0, delivered: 0 };
      partners.set(offer.owner, partner);
    }
    partner.offers += 1;
    if (PLEDGED.has(offer.status)) {
      pledged += offer.eurCents;
      partner.pledged += offer.eurCents;
    }
    if (COMMITTED.has(offer.status)) {
      committed += offer.eurCents;
      partner.committed += offer.eurCents;
    }
    partner.delivered += offer.deliveredEurCents;
  }

  let delivered = 0;
  const deliveryList = coverage.deliveryList;
  for (let i = 0; i < deliveryList.length; i += 1) delivered += (deliveryList[i] as (typeof deliveryList)[number]).eurCents;
  let acceptanceCount = 0;
  for (let i = 0; i < input.acceptances.length; i += 1) if (!(input.acceptances[i] as RecordInput).deleted) acceptanceCount += 1;

  const warningCounts = Object.fromEntries(WARNING_TYPES.map((type) => [type, [] as string[]])) as Record<WarningType, string[]>;
  for (const warning of coverage.warnings) warningCounts[warning.type].push(warning.subject);

  critical.sort(compareCritical);

  const offerIds = once(() => lists.offers(() => true));
  const pledgedIds = once(() => lists.offers((offer) => PLEDGED.has(offer.status)));
  const committedIds = once(() => lists.offers((offer) => COMMITTED.has(offer.status)));
  const deliveryIds = once(() => lists.deliveries(() => true));
  const stateFigure = (state: CoverageState): Figure => lazyFigure(byState[state], () => lists.needs((need) => need.state === state));

  return {
    totals: {
      requested: lazyFigure(requested, lists.countedNeeds),
      pledged: lazyFigure(pledged, pledgedIds),
      committed: lazyFigure(committed, committedIds),
      delivered: lazyFigure(delivered, deliveryIds),
      needs: lazyFigure(needCount, lists.countedNeeds),
      offers: lazyFigure(coverage.offers.size, offerIds),
      deliveries: lazyFigure(coverage.deliveries.size, deliveryIds),
      acceptances: lazyFigure(acceptanceCount, () => lists.acceptances()),
      byState: {
        uncovered: stateFigure('uncovered'),
        'partially-covered': stateFigure('partially-covered'),
        covered: stateFigure('covered'),
        'over-covered': stateFigure('over-covered'),
      },
    },
    bySector: SECTORS.map((sector) => groupFigures('sector', sector, sectors[sector], lists)),
    byCategory: CATEGORIES.map((category) => groupFigures('category', category, categories[category], lists)),
    byPartner: [...partners.entries()]
      .map(([partner, acc]) => ({
        partner,
        offers: lazyFigure(acc.offers, () => lists.offers((offer) => offer.owner === partner)),
        pledged: lazyFigure(acc.pledged, () => lists.offers((offer) => offer.owner === partner && PLEDGED.has(offer.status))),
        committed: lazyFigure(acc.committed, () => lists.offers((offer) => offer.owner === partner && COMMITTED.has(offer.status))),
        delivered: lazyFigure(acc.delivered, () => lists.partnerDeliveries(partner)),
      }))
      .sort((a, b) => b.pledged.value - a.pledged.value || (a.partner < b.partner ? -1 : a.partner > b.partner ? 1 : 0)),
    criticalUncovered: critical.slice(0, criticalLimit).map((entry) => criticalNeed(entry, today)),
    criticalUncoveredCount: critical.length,
    warnings: coverage.warnings,
    warningCounts: Object.fromEntries(WARNING_TYPES.map((type): [WarningType, Figure] => [type, { value: warningCounts[type].length, records: warningCounts[type] }])) as Record<WarningType, Figure>,
    highestTlp: highestTlp(input),
    coverage,
  };
}

function addNeed(group: GroupAcc, need: NeedEntry): void {
  group.needed += need.eurCents;
  group.allocated += need.allocatedEurCents;
  group.committed += need.committedEurCents;
  group.delivered += need.deliveredEurCents;
}

function criticalNeed(need: NeedEntry, today: string | undefined): CriticalNeed {
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
    state: need.state,
    requestedQty: need.quantity,
    allocatedQty: need.allocatedQty,
    unit: need.unit,
    records: [need.id, ...need.offers, ...need.mismatchedOffers, ...need.deliveries, ...need.acceptances],
  };
}

function compareCritical(a: NeedEntry, b: NeedEntry): number {
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
  // Ranked by position in TLP_LEVELS (a handful of constants: cheaper than hashing 100,000 fresh strings).
  const levels: readonly string[] = TLP_LEVELS;
  let highest = 0;
  const lists = [input.needs, input.offers, input.deliveries, input.acceptances];
  for (let l = 0; l < lists.length; l += 1) {
    const records = lists[l] as readonly RecordInput[];
    for (let i = 0; i < records.length; i += 1) {
      const record = records[i] as RecordInput;
      if (record.deleted) continue;
      const index = levels.indexOf(record.tlp);
      // Unknown levels count as the most restrictive.
      const rank = index === -1 ? levels.length - 1 : index;
      if (rank > highest) highest = rank;
    }
  }
  return TLP_LEVELS[highest] ?? 'RED';
}
