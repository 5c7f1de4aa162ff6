/**
 * Allocations of an offer to needs (DESIGN.md §3): part of the offer record, so only the offer's owner
 * writes them, always as the whole list. Allocating from a need's page writes into one of the partner's
 * own offers. The domain checks the list (one allocation per need, not more than the offer) before it is
 * written, and its messages are shown beside the fields. An allocation to a need that was withdrawn,
 * closed or deleted stays listed, marked.
 */
import { Alert, Badge, Button, Group, NumberInput, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { AllocationMarker } from '@shared/domain/coverage';
import { ACTIVE_NEED_STATUSES } from '@shared/domain/need';
import { parseRecordValues } from '@shared/domain/record-values';
import type { FieldErrors } from '@shared/domain/validation';
import type { RecordView } from '@shared/ipc/vault-protocol';
import type { Json } from '@shared/sync/json';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useProfile } from '../../app/hooks';
import { useDelegationNames } from './delegations';
import { countOf, moneyOf, textOf } from './domain-values';
import { fromMinorUnits, toMinorUnits, useErrorText, wholeNumber, type NumberDraft } from './form-fields';
import { minorUnits, useFormatters } from './format';
import { useDomainLabels } from './labels';
import type { Coordination } from './model';
import { RecordLink, WriteError } from './parts';
import { useWrite } from './write';

interface StoredAllocation {
  readonly need: string;
  readonly quantity: number;
  readonly value: { readonly amountCents: number; readonly currency: string; readonly eurCents: number };
}

/** The offer's allocations as stored (entries that do not have the shape are kept as they are). */
function allocationsOf(offer: RecordView): unknown[] {
  const list = offer.values['allocations'];
  return Array.isArray(list) ? [...list] : [];
}

function needOf(entry: unknown): string | null {
  return entry !== null && typeof entry === 'object' && typeof (entry as { need?: unknown }).need === 'string' ? (entry as { need: string }).need : null;
}

/** The EUR value of `amountCents` of the offer's currency, at the rate its owner chose for the offer. */
function eurShare(offer: RecordView, amountCents: number): number {
  const value = moneyOf(offer.values, 'value');
  if (value === null) return 0;
  if (value.currency === 'EUR') return amountCents;
  return value.amountCents === 0 ? 0 : Math.round((amountCents * value.eurCents) / value.amountCents);
}

/** The offer's value shared out for `quantity` of its units. */
function proportionalAmount(offer: RecordView, quantity: number): number {
  const value = moneyOf(offer.values, 'value');
  const total = countOf(offer.values, 'quantity');
  if (value === null || total === null || total === 0) return 0;
  return Math.floor((value.amountCents * quantity) / total);
}

export type AllocationFormProps =
  | { readonly coordination: Coordination; readonly offer: RecordView; readonly need?: undefined; readonly initialNeed?: string | null; readonly onDone?: () => void }
  | { readonly coordination: Coordination; readonly need: RecordView; readonly offer?: undefined; readonly initialNeed?: undefined; readonly onDone?: () => void };

/** Allocates an offer of this delegation to a need: from the offer's page (choose the need) or the need's (choose the offer). */
export function AllocationForm(props: AllocationFormProps) {
  const { coordination } = props;
  const { t } = useTranslation('records');
  const labels = useDomainLabels();
  const format = useFormatters();
  const profile = useProfile();
  const write = useWrite();
  const [needId, setNeedId] = useState<string | null>(props.need?.id ?? props.initialNeed ?? null);
  const [offerId, setOfferId] = useState<string | null>(props.offer?.id ?? null);
  const [quantity, setQuantity] = useState<NumberDraft>('');
  const [amount, setAmount] = useState<NumberDraft | null>(null);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [choice, setChoice] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const errorOf = useErrorText(errors);

  const offer = offerId === null ? undefined : coordination.byId.get(offerId);
  const need = needId === null ? undefined : coordination.byId.get(needId);
  const currency = offer === undefined ? 'EUR' : (moneyOf(offer.values, 'value')?.currency ?? 'EUR');
  const typedQuantity = wholeNumber(quantity);
  const proposed = offer !== undefined && typedQuantity !== null && !Number.isNaN(typedQuantity) ? fromMinorUnits(proportionalAmount(offer, typedQuantity), currency) : '';
  const amountDraft = amount ?? proposed;
  const amountCents = toMinorUnits(amountDraft, currency);

  const needOptions = useMemo(() => {
    if (props.need !== undefined) return [];
    return coordination.needs
      .filter((view) => !view.deleted && (ACTIVE_NEED_STATUSES as readonly string[]).includes(textOf(view.values, 'status')))
      .map((view) => ({ value: view.id, label: `${textOf(view.values, 'title')} — ${textOf(view.values, 'institution')}` }));
  }, [coordination, props.need]);
  const offerOptions = useMemo(() => {
    if (props.offer !== undefined) return [];
    return coordination.offers
      .filter((view) => view.owner === profile?.delegationId && !view.deleted && !['cancelled', 'delivered'].includes(textOf(view.values, 'status')))
      .map((view) => ({ value: view.id, label: `${textOf(view.values, 'title')} (${labels.offerStatus(textOf(view.values, 'status'))})` }));
  }, [coordination, props.offer, profile, labels]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setDone(null);
    if (offer === undefined || needId === null) {
      setChoice(t(props.offer === undefined ? 'allocation.chooseOffer' : 'allocation.chooseNeed'));
      return;
    }
    setChoice(null);
    const list = allocationsOf(offer);
    const index = list.findIndex((entry) => needOf(entry) === needId);
    const entry = {
      need: needId,
      quantity: typedQuantity ?? undefined,
      value: { amountCents: amountCents ?? undefined, currency, eurCents: amountCents === null || Number.isNaN(amountCents) ? undefined : eurShare(offer, amountCents) },
    };
    const next = index >= 0 ? list.map((item, i) => (i === index ? entry : item)) : [...list, entry];
    const at = index >= 0 ? index : next.length - 1;
    const parsed = parseRecordValues('offer', { ...offer.values, allocations: next });
    if (!parsed.ok) {
      // Messages about this allocation, or about the list as a whole, go beside the quantity.
      const mine: Record<string, FieldErrors[string]> = {};
      for (const [path, message] of Object.entries(parsed.errors)) {
        const prefix = `allocations.${String(at)}.`;
        if (path.startsWith(prefix)) mine[path.slice(prefix.length).split('.')[0] ?? ''] = message;
        else if (path === 'allocations') mine['quantity'] ??= message;
        else mine['offer'] ??= message;
      }
      setErrors(mine);
      return;
    }
    setErrors(null);
    const written = await write.run([{ record: offer.id, kind: 'offer', tlp: offer.tlp, ops: [{ field: 'allocations', value: parsed.values.allocations }] }]);
    if (written !== null) {
      setDone(t('allocation.done', { quantity: format.quantity(typedQuantity ?? 0, textOf(offer.values, 'unit')) }));
      setQuantity('');
      setAmount(null);
      props.onDone?.();
    }
  };

  const offerUnit = offer === undefined ? '' : textOf(offer.values, 'unit');
  const needUnit = need === undefined ? '' : textOf(need.values, 'unit');
  const existing = offer === undefined || needId === null ? undefined : allocationsOf(offer).find((entry) => needOf(entry) === needId);

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={t('allocation.formLabel')} data-allocation-form="">
      <Stack gap="sm">
        {props.offer === undefined ? (
          offerOptions.length === 0 ? (
            <Alert color="gray" role="note">
              {t('allocation.noOffers')}
            </Alert>
          ) : (
            <Select
              label={t('allocation.offer')}
              data={offerOptions}
              value={offerId}
              onChange={(value) => {
                setOfferId(value);
                setAmount(null);
              }}
              searchable
              error={choice ?? errorOf('offer')}
              required
            />
          )
        ) : (
          <Select
            label={t('allocation.need')}
            data={needOptions}
            value={needId}
            onChange={(value) => {
              setNeedId(value);
            }}
            searchable
            limit={50}
            nothingFoundMessage={t('allocation.noNeed')}
            error={choice ?? errorOf('need')}
            required
          />
        )}
        {existing === undefined ? null : (
          <Text size="sm">{t('allocation.replaces', { quantity: format.number((existing as { quantity?: number }).quantity ?? 0) })}</Text>
        )}
        {offer !== undefined && need !== undefined && offerUnit !== needUnit ? (
          <Alert color="indigo" variant="light" icon={<IconInfoCircle size={18} aria-hidden="true" />} role="note">
            {t('allocation.unitDiffers', { offerUnit: labels.unit(offerUnit), needUnit: labels.unit(needUnit) })}
          </Alert>
        ) : null}
        <div className="td-form-row">
          <NumberInput
            label={offer === undefined ? labels.field('quantity') : t('allocation.quantityIn', { unit: labels.unit(offerUnit) })}
            value={quantity}
            onChange={setQuantity}
            allowDecimal={false}
            allowNegative={false}
            hideControls
            error={errorOf('quantity')}
            required
          />
          <NumberInput
            label={t('allocation.value', { currency })}
            description={amountCents === null || Number.isNaN(amountCents) || offer === undefined ? undefined : t('allocation.eur', { eur: format.eur(eurShare(offer, amountCents)) })}
            value={amountDraft}
            onChange={setAmount}
            decimalScale={minorUnits(currency)}
            decimalSeparator={format.language === 'uk' ? ',' : '.'}
            allowNegative={false}
            hideControls
            error={errorOf('value')}
          />
        </div>
        <WriteError error={write.error} />
        <div aria-live="polite">{done === null ? null : <Text size="sm">{done}</Text>}</div>
        <Group>
          <Button type="submit" loading={write.busy}>
            {t('allocation.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export const MARKER_TONE: Readonly<Record<AllocationMarker, 'ok' | 'info' | 'warning'>> = {
  ok: 'ok',
  'unit-mismatch': 'info',
  missing: 'info',
  withdrawn: 'warning',
  closed: 'warning',
  deleted: 'warning',
};

export function AllocationMarkerBadge({ marker }: { readonly marker: AllocationMarker }) {
  const { t } = useTranslation('domain');
  const tone = MARKER_TONE[marker];
  return (
    <Badge variant={tone === 'ok' ? 'outline' : 'filled'} color={tone === 'warning' ? 'red.9' : tone === 'info' ? 'indigo.9' : 'teal.9'} tt="none" data-marker={marker}>
      {t(`allocationMarker.${marker}`)}
    </Badge>
  );
}

/** The allocations of an offer, each with its need, marker and (for the owner) a way to remove it. */
export function OfferAllocations({ coordination, offer, editable }: { readonly coordination: Coordination; readonly offer: RecordView; readonly editable: boolean }) {
  const { t } = useTranslation('records');
  const format = useFormatters();
  const labels = useDomainLabels();
  const write = useWrite();
  const coverage = coordination.dashboard.coverage.offers.get(offer.id);
  const stored = allocationsOf(offer);
  const unit = textOf(offer.values, 'unit');
  if (stored.length === 0) return <Text>{t('allocation.none')}</Text>;
  const remove = (needId: string): void => {
    const next = stored.filter((entry) => needOf(entry) !== needId);
    void write.run([{ record: offer.id, kind: 'offer', tlp: offer.tlp, ops: [{ field: 'allocations', value: next as Json }] }]);
  };
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth="44rem">
        <Table withTableBorder striped data-allocations="">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{labels.field('need')}</Table.Th>
              <Table.Th scope="col">{labels.field('quantity')}</Table.Th>
              <Table.Th scope="col">{labels.field('value')}</Table.Th>
              <Table.Th scope="col">{t('allocation.state')}</Table.Th>
              {editable ? (
                <Table.Th scope="col">
                  <VisuallyHidden>{t('allocation.actions')}</VisuallyHidden>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {stored.map((entry, index) => {
              const needId = needOf(entry);
              const allocation = entry as Partial<StoredAllocation>;
              const marker = coverage?.allocations.find((item) => item.need === needId)?.marker ?? 'missing';
              return (
                <Table.Tr key={needId ?? index} data-allocation={needId ?? ''}>
                  <Table.Td>{needId === null ? '—' : <RecordLink coordination={coordination} id={needId} />}</Table.Td>
                  <Table.Td>{typeof allocation.quantity === 'number' ? format.quantity(allocation.quantity, unit) : '—'}</Table.Td>
                  <Table.Td>{allocation.value === undefined ? '—' : format.money(allocation.value)}</Table.Td>
                  <Table.Td>
                    <AllocationMarkerBadge marker={marker} />
                  </Table.Td>
                  {editable ? (
                    <Table.Td>
                      {needId === null ? null : (
                        <Button
                          size="compact-sm"
                          variant="default"
                          disabled={write.busy}
                          onClick={() => {
                            remove(needId);
                          }}
                        >
                          {t('allocation.remove')}
                        </Button>
                      )}
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <WriteError error={write.error} />
    </Stack>
  );
}

/** The offers allocated to a need, whatever their status, each with whether it counts. */
export function NeedAllocations({ coordination, need }: { readonly coordination: Coordination; readonly need: RecordView }) {
  const { t } = useTranslation('records');
  const format = useFormatters();
  const labels = useDomainLabels();
  const names = useDelegationNames();
  const allocations = coordination.allocationsTo(need.id);
  if (allocations.length === 0) return <Text>{t('allocation.noneToNeed')}</Text>;
  return (
    <Table.ScrollContainer minWidth="44rem">
      <Table withTableBorder striped data-need-allocations="">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{labels.field('offer')}</Table.Th>
            <Table.Th scope="col">{t('field.owner')}</Table.Th>
            <Table.Th scope="col">{labels.field('status')}</Table.Th>
            <Table.Th scope="col">{labels.field('quantity')}</Table.Th>
            <Table.Th scope="col">{t('allocation.state')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {allocations.map((allocation) => {
            const counted = ['indicative', 'committed', 'contracted', 'delivering', 'delivered'].includes(allocation.offer.status);
            return (
              <Table.Tr key={allocation.offer.id} data-allocation-offer={allocation.offer.id}>
                <Table.Td>
                  <RecordLink coordination={coordination} id={allocation.offer.id} />
                </Table.Td>
                <Table.Td>{names.plain(allocation.offer.owner)}</Table.Td>
                <Table.Td>{labels.offerStatus(allocation.offer.status)}</Table.Td>
                <Table.Td>{format.quantity(allocation.quantity, allocation.offer.unit)}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <AllocationMarkerBadge marker={allocation.marker} />
                    {counted ? null : (
                      <Badge variant="filled" color="gray.7" tt="none">
                        {t('allocation.notCounted')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
