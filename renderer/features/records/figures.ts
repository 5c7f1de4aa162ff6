/**
 * Every figure of the dashboard names the records behind it (shared/domain/dashboard.ts). A figure is
 * addressed by a path in the list's URL (`?figure=sector.energy.allocated`), so clicking a figure is a
 * real navigation to the list of exactly those records, which the browser's Back button leaves again.
 *
 * Paths:
 *   total.<requested|pledged|committed|delivered|needs|offers|deliveries|acceptances>
 *   state.<coverage state>                          counted needs in that state
 *   sector.<sector>.<needed|allocated|committed|delivered>
 *   category.<category>.<needed|allocated|committed|delivered>
 *   partner.<delegation id>.<offers|pledged|committed|delivered>
 *   warning.<warning type>                          the subjects of those warnings
 *   critical                                        critical and high-priority needs not fully covered
 */
import type { Dashboard, Figure, GroupCoverage } from '@shared/domain/dashboard';
import { ACTIVE_NEED_STATUSES } from '@shared/domain/need';
import { WARNING_TYPES, type WarningType } from '@shared/domain/warnings';
import { isCategory, isCoverageState, isSector } from './domain-values';

/** Which list shows a figure's records: needs, offers, or any kind (deliveries, warnings). */
export type FigureList = 'needs' | 'offers' | 'records';

export interface ResolvedFigure {
  readonly path: string;
  readonly records: readonly string[];
  readonly list: FigureList;
}

const TOTAL_LISTS: Readonly<Record<string, FigureList>> = {
  requested: 'needs',
  needs: 'needs',
  pledged: 'offers',
  committed: 'offers',
  offers: 'offers',
  delivered: 'records',
  deliveries: 'records',
  acceptances: 'records',
};

const GROUP_LISTS: Readonly<Record<string, FigureList>> = { needed: 'needs', allocated: 'offers', committed: 'offers', delivered: 'records' };
const PARTNER_LISTS: Readonly<Record<string, FigureList>> = { offers: 'offers', pledged: 'offers', committed: 'offers', delivered: 'records' };

const isWarningType = (value: string): value is WarningType => (WARNING_TYPES as readonly string[]).includes(value);

function groupFigure(group: GroupCoverage<string> | undefined, measure: string): Figure | undefined {
  if (group === undefined) return undefined;
  switch (measure) {
    case 'needed':
      return group.needed;
    case 'allocated':
      return group.allocated;
    case 'committed':
      return group.committed;
    case 'delivered':
      return group.delivered;
    default:
      return undefined;
  }
}

/** Which list a figure path belongs to, without computing anything (for links). */
export function listOfFigure(path: string): FigureList {
  const [head, second, third] = path.split('.');
  if (head === 'total') return TOTAL_LISTS[second ?? ''] ?? 'records';
  if (head === 'state' || head === 'critical') return 'needs';
  if (head === 'sector' || head === 'category') return GROUP_LISTS[third ?? ''] ?? 'records';
  if (head === 'partner') return PARTNER_LISTS[path.slice(path.lastIndexOf('.') + 1)] ?? 'records';
  return 'records';
}

/** The records behind the figure at `path`, or null when there is no such figure. */
export function resolveFigure(dashboard: Dashboard, path: string): ResolvedFigure | null {
  const parts = path.split('.');
  const [head, second, third] = parts;
  let figure: Figure | undefined;
  if (head === 'total' && second !== undefined && parts.length === 2) {
    const totals = dashboard.totals;
    figure = Object.hasOwn(TOTAL_LISTS, second) ? (totals as unknown as Record<string, Figure>)[second] : undefined;
  } else if (head === 'state' && second !== undefined && isCoverageState(second) && parts.length === 2) {
    figure = dashboard.totals.byState[second];
  } else if (head === 'sector' && second !== undefined && third !== undefined && isSector(second) && parts.length === 3) {
    figure = groupFigure(
      dashboard.bySector.find((group) => group.key === second),
      third,
    );
  } else if (head === 'category' && second !== undefined && third !== undefined && isCategory(second) && parts.length === 3) {
    figure = groupFigure(
      dashboard.byCategory.find((group) => group.key === second),
      third,
    );
  } else if (head === 'partner' && parts.length === 3 && second !== undefined && third !== undefined) {
    const partner = dashboard.byPartner.find((entry) => entry.partner === second);
    if (partner !== undefined && Object.hasOwn(PARTNER_LISTS, third)) figure = (partner as unknown as Record<string, Figure>)[third];
  } else if (head === 'warning' && second !== undefined && isWarningType(second) && parts.length === 2) {
    figure = dashboard.warningCounts[second];
  } else if (head === 'critical' && parts.length === 1) {
    // Every critical uncovered need (the dashboard lists the most urgent hundred), by its rules.
    const records: string[] = [];
    for (const entry of dashboard.coverage.needs.values()) {
      const need = entry.need;
      if (
        (need.priority === 'critical' || need.priority === 'high') &&
        ACTIVE_NEED_STATUSES.includes(need.status) &&
        (entry.state === 'uncovered' || entry.state === 'partially-covered')
      ) {
        records.push(need.id);
      }
    }
    return { path, records, list: 'needs' };
  }
  if (figure === undefined) return null;
  return { path, records: figure.records, list: listOfFigure(path) };
}

/** The href of the list of the records behind a figure. */
export function figureHref(path: string): string {
  const list = listOfFigure(path);
  return `/${list}?figure=${encodeURIComponent(path)}`;
}
