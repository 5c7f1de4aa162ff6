/**
 * Labels of shared/domain's enumerations in the UI language (renderer/locales/*\/domain.json). A value
 * that is not one of the options (a record from a newer version, or merged from concurrent edits) is
 * shown as it is, never dropped.
 */
import type { FieldMessage } from '@shared/domain/validation';
import type { Role } from '@shared/crypto/formats';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  isCategory,
  isChannel,
  isCoverageState,
  isCurrency,
  isNeedStatus,
  isNoteType,
  isOfferStatus,
  isPriority,
  isRecordKind,
  isSector,
  isTlp,
  isUnit,
} from './domain-values';

export interface DomainLabels {
  readonly kind: (value: string) => string;
  readonly sector: (value: string) => string;
  readonly category: (value: string) => string;
  readonly priority: (value: string) => string;
  readonly needStatus: (value: string) => string;
  readonly offerStatus: (value: string) => string;
  readonly status: (kind: string, value: string) => string;
  readonly channel: (value: string) => string;
  readonly unit: (value: string) => string;
  readonly currency: (value: string) => string;
  readonly tlp: (value: string) => string;
  readonly tlpDescription: (value: string) => string;
  readonly coverage: (value: string) => string;
  readonly noteType: (value: string) => string;
  readonly role: (value: Role) => string;
  readonly field: (name: string) => string;
  /** A validation message (an i18n key of domain.json with its parameters). */
  readonly message: (message: FieldMessage) => string;
}

const FIELDS = new Set([
  'title',
  'description',
  'institution',
  'sector',
  'category',
  'priority',
  'quantity',
  'unit',
  'estimatedValue',
  'deadline',
  'assessmentScore',
  'interAgencyPriority',
  'status',
  'value',
  'channel',
  'expectedDate',
  'allocations',
  'offer',
  'need',
  'date',
  'note',
  'delivery',
  'quantityAccepted',
  'body',
  'type',
  'meetingDate',
  'actionItems',
  'links',
]);
type FieldName =
  | 'title'
  | 'description'
  | 'institution'
  | 'sector'
  | 'category'
  | 'priority'
  | 'quantity'
  | 'unit'
  | 'estimatedValue'
  | 'deadline'
  | 'assessmentScore'
  | 'interAgencyPriority'
  | 'status'
  | 'value'
  | 'channel'
  | 'expectedDate'
  | 'allocations'
  | 'offer'
  | 'need'
  | 'date'
  | 'note'
  | 'delivery'
  | 'quantityAccepted'
  | 'body'
  | 'type'
  | 'meetingDate'
  | 'actionItems'
  | 'links';

export function useDomainLabels(): DomainLabels {
  const { t } = useTranslation(['domain', 'vault']);
  return useMemo(() => {
    const labels: DomainLabels = {
      kind: (value) => (isRecordKind(value) ? t(`domain:kind.${value}`) : value),
      sector: (value) => (isSector(value) ? t(`domain:sector.${value}`) : value),
      category: (value) => (isCategory(value) ? t(`domain:category.${value}`) : value),
      priority: (value) => (isPriority(value) ? t(`domain:priority.${value}`) : value),
      needStatus: (value) => (isNeedStatus(value) ? t(`domain:needStatus.${value}`) : value),
      offerStatus: (value) => (isOfferStatus(value) ? t(`domain:offerStatus.${value}`) : value),
      status: (kind, value) => (kind === 'need' ? labels.needStatus(value) : kind === 'offer' ? labels.offerStatus(value) : value),
      channel: (value) => (isChannel(value) ? t(`domain:channel.${value}`) : value),
      unit: (value) => (isUnit(value) ? t(`domain:unit.${value}`) : value),
      currency: (value) => (isCurrency(value) ? t(`domain:currency.${value}`) : value),
      tlp: (value) => (isTlp(value) ? `TLP:${value}` : value),
      tlpDescription: (value) => (isTlp(value) ? t(`domain:tlp.${value}.description`) : ''),
      coverage: (value) => (isCoverageState(value) ? t(`domain:coverageState.${value}`) : value),
      noteType: (value) => (isNoteType(value) ? t(`domain:noteType.${value}`) : value),
      role: (value) => t(`vault:roles.${value}.label`),
      field: (name) => (FIELDS.has(name) ? t(`domain:field.${name as FieldName}`) : name),
      message: (message) => t(`domain:${message.key}`, { ...message.params }),
    };
    return labels;
  }, [t]);
}
