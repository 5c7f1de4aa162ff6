/**
 * How a conflict card names things: record kinds and field names in the user's language (the raw name
 * when the field is not one we know), who wrote a value (the delegation's name, else its id shortened;
 * ours and this workstation said so) and when (Intl in the UI language).
 */
import type { ConflictHead } from '@shared/ipc/vault-protocol';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useProfile } from '../../app/hooks';

const KINDS = ['need', 'offer', 'delivery', 'acceptance', 'note', 'decision', 'delegation'] as const;
type KnownKind = (typeof KINDS)[number];

const FIELDS = [
  'title',
  'name',
  'description',
  'institution',
  'sector',
  'category',
  'priority',
  'status',
  'quantity',
  'unit',
  'value',
  'currency',
  'deadline',
  'channel',
  'expectedDate',
  'allocations',
  'dueDate',
  'notes',
  'country',
  'role',
] as const;
type KnownField = (typeof FIELDS)[number];

const isKnownKind = (kind: string): kind is KnownKind => (KINDS as readonly string[]).includes(kind);
const isKnownField = (field: string): field is KnownField => (FIELDS as readonly string[]).includes(field);

/** An opaque id cut to something a person can compare by eye (ids are 26 base32 characters). */
export function shortId(id: string): string {
  return id.length > 10 ? `${id.slice(0, 8)}…` : id;
}

export interface ConflictLabels {
  kind(kind: string): string;
  field(field: string): string;
  /** Who wrote a value: the delegation's display name, else its id shortened. */
  who(head: Pick<ConflictHead, 'delegation' | 'delegationName'>): string;
  /** The workstation that wrote a value. */
  device(device: string): string;
  /** The time of a value in the UI language. */
  time(iso: string): string;
}

export function useConflictLabels(): ConflictLabels {
  const { t, i18n } = useTranslation('conflicts');
  const profile = useProfile();
  const format = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }),
    [i18n.language],
  );

  const kind = useCallback((value: string) => (isKnownKind(value) ? t(`kinds.${value}`) : value), [t]);
  const field = useCallback((value: string) => (isKnownField(value) ? t(`fields.${value}`) : value), [t]);
  const who = useCallback(
    (head: Pick<ConflictHead, 'delegation' | 'delegationName'>) => {
      const own = profile !== undefined && head.delegation === profile.delegationId;
      const name = head.delegationName ?? (own ? profile.name : shortId(head.delegation));
      return own ? t('head.ownDelegation', { name }) : name;
    },
    [profile, t],
  );
  const device = useCallback(
    (value: string) => (profile !== undefined && value === profile.deviceId ? t('head.thisDevice') : t('head.device', { device: shortId(value) })),
    [profile, t],
  );
  const time = useCallback((iso: string) => format.format(new Date(iso)), [format]);

  return useMemo(() => ({ kind, field, who, device, time }), [kind, field, who, device, time]);
}
