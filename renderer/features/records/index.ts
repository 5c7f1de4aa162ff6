/**
 * The coordination core shared by Needs, Offers, Notes and the Dashboard: the picture derived from the
 * working set (coverage, figures, warnings), list rows and the virtualised list, labels and formats in
 * the UI language, permissions by role and ownership, and the pieces of record pages and forms.
 */
export { Coordination, coordinationOf, DASHBOARD_COMPUTED_MARK, useCoordination, useWorkingSetLoaded } from './model';
export { needRows, offerRows, genericRow, searchTerms, searchText, type BaseRow, type GenericRow, type NeedRow, type OfferRow } from './rows';
export { RecordList, type FilterDefinition, type FilterOption, type RecordListProps } from './RecordList';
export { RecordTable, ROW_HEIGHT, type Column } from './RecordTable';
export type { FilterAccessors, FilterKey, SortKey } from './list-query';
export { useCommonOptions, useOwnerOptions } from './list-options';
export { figureHref, listOfFigure, resolveFigure, type FigureList } from './figures';
export { useFigureLabel } from './figure-label';
export { localPlainDate, minorUnits, useFormatters, type Formatters } from './format';
export { useDomainLabels, type DomainLabels } from './labels';
export { shortId, useDelegationDirectory, useDelegationNames, type DelegationNames } from './delegations';
export { permissionsFor, useCanCreate, useRecordPermissions, type RecordPermissions } from './permissions';
export { recordHref } from './paths';
export {
  countOf,
  dateOf,
  isCategory,
  isChannel,
  isCoverageState,
  isCurrency,
  isNeedStatus,
  isNoteType,
  isOfferStatus,
  isPriority,
  isSector,
  isTlp,
  isUnit,
  moneyOf,
  textOf,
} from './domain-values';
export { CoverageBadge, CoverageText, Dot, MarkerBadge, PriorityBadge, PriorityText, StatusBadge, TlpBadge } from './badges';
export { FieldList, ReadOnlyNotice, RecordLink, Section, TextBlock, WriteError, useRecordTitle, type FieldItem } from './parts';
export { RecordHeader, RecordNotFound, hlcTime } from './RecordHeader';
export { HistorySection } from './HistorySection';
export { WarningsList, useWarningText } from './WarningsList';
export { NotesSection } from './NotesSection';
export { CoverageSummary } from './CoverageSummary';
export { DeleteRecord, StatusChange } from './actions';
export { AllocationForm, AllocationMarkerBadge, NeedAllocations, OfferAllocations } from './allocations';
export { AcceptanceForm, DeliveriesTable, DeliveryForm, acceptedOf } from './events';
export {
  DateInput,
  MoneyInput,
  TlpSelect,
  firstError,
  fromMinorUnits,
  moneyDraftOf,
  moneyValue,
  normalized,
  toMinorUnits,
  useErrorText,
  wholeNumber,
  type MoneyDraft,
  type NumberDraft,
} from './form-fields';
export { editFor, stableJson } from './form-state';
export { useWrite, useWriteErrorText, type Write } from './write';
export { FigureRecordsPage } from './FigureRecordsPage';
export { RecordDetailPage } from './RecordDetailPage';
