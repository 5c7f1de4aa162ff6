/**
 * Deliveries and acceptances (DESIGN.md §3): append-only events. A delivery is recorded by the owner of
 * the offer, an acceptance by the owner of the need; delivered and accepted quantities are sums of these
 * events, never overwritten counters. An event is never edited: a wrong one is retracted (deleted) and
 * recorded again.
 */
import { Badge, Button, Group, NumberInput, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { parseRecordValues } from '@shared/domain/record-values';
import type { FieldErrors } from '@shared/domain/validation';
import type { RecordView } from '@shared/ipc/vault-protocol';
import type { Tlp } from '@shared/sync/tlp';
import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useProfile } from '../../app/hooks';
import { useDelegationNames } from './delegations';
import { countOf, dateOf, isTlp, textOf } from './domain-values';
import { DateInput, normalized, TlpSelect, useErrorText, wholeNumber, type NumberDraft } from './form-fields';
import { useFormatters } from './format';
import { useDomainLabels } from './labels';
import type { Coordination } from './model';
import { RecordLink, WriteError } from './parts';
import { permissionsFor } from './permissions';
import { useWrite } from './write';

function needsOfOffer(offer: RecordView): string[] {
  const list = offer.values['allocations'];
  if (!Array.isArray(list)) return [];
  const ids: string[] = [];
  for (const entry of list) {
    const need = entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? entry['need'] : undefined;
    if (typeof need === 'string') ids.push(need);
  }
  return ids;
}

/** Sum of the accepted quantities of a delivery's acceptances (retracted ones left out). */
export function acceptedOf(coordination: Coordination, deliveryId: string): number {
  let sum = 0;
  for (const acceptance of coordination.acceptancesOf(deliveryId)) if (!acceptance.deleted) sum += countOf(acceptance.values, 'quantityAccepted') ?? 0;
  return sum;
}

export function DeliveryForm({ coordination, offer, today, onDone }: { readonly coordination: Coordination; readonly offer: RecordView; readonly today: string; readonly onDone?: () => void }) {
  const { t } = useTranslation('records');
  const labels = useDomainLabels();
  const format = useFormatters();
  const title = (id: string): string => textOf(coordination.byId.get(id)?.values ?? {}, 'title') || t('missingRecord', { id: `${id.slice(0, 8)}…` });
  const needs = needsOfOffer(offer);
  const write = useWrite();
  const [need, setNeed] = useState<string | null>(needs.length === 1 ? (needs[0] ?? null) : null);
  const [quantity, setQuantity] = useState<NumberDraft>('');
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const [tlp, setTlp] = useState<Tlp>(isTlp(offer.tlp) ? offer.tlp : 'AMBER');
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [needChoice, setNeedChoice] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const errorOf = useErrorText(errors);
  const unit = textOf(offer.values, 'unit');

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setDone(null);
    // With several allocations a delivery must say which need it is for, or it cannot be attributed.
    const mustChoose = needs.length > 1 && need === null;
    setNeedChoice(mustChoose);
    const values = { offer: offer.id, need, quantity: wholeNumber(quantity) ?? undefined, unit, date, note: normalized(note, { multiline: true }) };
    const parsed = parseRecordValues('delivery', values);
    if (!parsed.ok || mustChoose) {
      setErrors(parsed.ok ? null : parsed.errors);
      return;
    }
    setErrors(null);
    const written = await write.run([{ kind: 'delivery', tlp, ops: Object.entries(parsed.values).map(([field, value]) => ({ field, value })) }]);
    if (written !== null) {
      setDone(t('delivery.recorded', { quantity: format.quantity(parsed.values.quantity, unit) }));
      setQuantity('');
      setNote('');
      onDone?.();
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={t('delivery.formLabel')} data-delivery-form="">
      <Stack gap="sm">
        <Text size="sm">{t('delivery.explain')}</Text>
        <div className="td-form-row">
          <Select
            label={labels.field('need')}
            data={needs.map((id) => ({ value: id, label: title(id) }))}
            value={need}
            onChange={setNeed}
            clearable={needs.length <= 1}
            placeholder={needs.length === 0 ? t('delivery.noAllocation') : undefined}
            error={needChoice ? t('delivery.chooseNeed') : errorOf('need')}
            required={needs.length > 1}
          />
          <NumberInput
            label={t('delivery.quantityIn', { unit: labels.unit(unit) })}
            value={quantity}
            onChange={setQuantity}
            allowDecimal={false}
            allowNegative={false}
            hideControls
            error={errorOf('quantity')}
            required
          />
          <DateInput label={t('delivery.date')} value={date} onChange={setDate} error={errorOf('date')} required />
        </div>
        <Textarea label={labels.field('note')} value={note} onChange={(event) => { setNote(event.currentTarget.value); }} error={errorOf('note')} autosize minRows={2} />
        <TlpSelect value={tlp} onChange={(value) => { if (isTlp(value)) setTlp(value); }} />
        <WriteError error={write.error} />
        <div aria-live="polite">{done === null ? null : <Text size="sm">{done}</Text>}</div>
        <Group>
          <Button type="submit" loading={write.busy}>
            {t('delivery.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AcceptanceForm({
  coordination,
  delivery,
  need,
  today,
  onDone,
}: {
  readonly coordination: Coordination;
  readonly delivery: RecordView;
  readonly need: RecordView;
  readonly today: string;
  readonly onDone?: () => void;
}) {
  const { t } = useTranslation('records');
  const labels = useDomainLabels();
  const format = useFormatters();
  const write = useWrite();
  const delivered = countOf(delivery.values, 'quantity') ?? 0;
  const open = Math.max(0, delivered - acceptedOf(coordination, delivery.id));
  const [quantity, setQuantity] = useState<NumberDraft>(open);
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const [tlp, setTlp] = useState<Tlp>(isTlp(need.tlp) ? need.tlp : 'AMBER');
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const errorOf = useErrorText(errors);
  const unit = textOf(delivery.values, 'unit');

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const values = { delivery: delivery.id, need: need.id, quantityAccepted: wholeNumber(quantity) ?? undefined, date, note: normalized(note, { multiline: true }) };
    const parsed = parseRecordValues('acceptance', values);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors(null);
    const written = await write.run([{ kind: 'acceptance', tlp, ops: Object.entries(parsed.values).map(([field, value]) => ({ field, value })) }]);
    if (written !== null) onDone?.();
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={t('acceptance.formLabel')} data-acceptance-form="">
      <Stack gap="sm">
        <Text size="sm">{t('acceptance.explain', { quantity: format.quantity(delivered, unit) })}</Text>
        <div className="td-form-row">
          <NumberInput
            label={t('acceptance.quantityIn', { unit: labels.unit(unit) })}
            value={quantity}
            onChange={setQuantity}
            allowDecimal={false}
            allowNegative={false}
            hideControls
            error={errorOf('quantityAccepted')}
            required
          />
          <DateInput label={t('acceptance.date')} value={date} onChange={setDate} error={errorOf('date')} required />
        </div>
        <Textarea label={labels.field('note')} value={note} onChange={(event) => { setNote(event.currentTarget.value); }} error={errorOf('note')} autosize minRows={2} />
        <TlpSelect value={tlp} onChange={(value) => { if (isTlp(value)) setTlp(value); }} />
        <WriteError error={write.error} />
        <Group>
          <Button type="submit" loading={write.busy}>
            {t('acceptance.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Delivery events with their acceptances. On an offer's page: every delivery of the offer (retracted
 * ones marked); on a need's page: those attributed to the need, each acceptable by the need's owner.
 */
export function DeliveriesTable({
  coordination,
  deliveries,
  context,
  need,
}: {
  readonly coordination: Coordination;
  readonly deliveries: readonly RecordView[];
  readonly context: 'offer' | 'need';
  /** On a need's page: the need (acceptances are recorded against it). */
  readonly need?: RecordView;
}) {
  const { t } = useTranslation('records');
  const format = useFormatters();
  const names = useDelegationNames();
  const profile = useProfile();
  const retract = useWrite();
  const [accepting, setAccepting] = useState<string | null>(null);
  if (deliveries.length === 0) return <Text>{t('delivery.none')}</Text>;
  const role = profile?.role ?? null;
  const local = profile?.delegationId ?? null;
  const columns = 6;
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth="48rem">
        <Table withTableBorder data-deliveries="">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('delivery.date')}</Table.Th>
              <Table.Th scope="col">{t('delivery.quantity')}</Table.Th>
              <Table.Th scope="col">{context === 'offer' ? t('delivery.forNeed') : t('delivery.ofOffer')}</Table.Th>
              <Table.Th scope="col">{t('delivery.by')}</Table.Th>
              <Table.Th scope="col">{t('delivery.accepted')}</Table.Th>
              <Table.Th scope="col">{t('delivery.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {deliveries.map((delivery) => {
              const v = delivery.values;
              const quantity = countOf(v, 'quantity') ?? 0;
              const unit = textOf(v, 'unit');
              const date = dateOf(v, 'date');
              const attributed = coordination.dashboard.coverage.deliveries.get(delivery.id)?.need ?? (textOf(v, 'need') || null);
              const accepted = acceptedOf(coordination, delivery.id);
              const own = permissionsFor(role, local, 'delivery', delivery.owner, delivery.deleted);
              const targetNeed = need ?? (attributed === null ? undefined : coordination.byId.get(attributed));
              // "Accept" is offered to the beneficiary that owns the need the delivery is for.
              const canAccept = own.can('accept') && targetNeed !== undefined && targetNeed.owner === local && !targetNeed.deleted;
              const acceptances = coordination.acceptancesOf(delivery.id).filter((item) => !item.deleted);
              return (
                <Fragment key={delivery.id}>
                  <Table.Tr data-delivery={delivery.id} data-deleted={delivery.deleted ? '' : undefined}>
                    <Table.Td>{date === null ? '—' : format.date(date)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {format.quantity(quantity, unit)}
                        {delivery.deleted ? (
                          <Badge size="sm" variant="filled" color="gray.7" tt="none">
                            {t('delivery.retracted')}
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {context === 'offer' ? (
                        attributed === null ? (
                          <Text size="sm">{t('delivery.unattributed')}</Text>
                        ) : (
                          <RecordLink coordination={coordination} id={attributed} />
                        )
                      ) : (
                        <RecordLink coordination={coordination} id={textOf(v, 'offer')} />
                      )}
                    </Table.Td>
                    <Table.Td>{names.plain(delivery.owner)}</Table.Td>
                    <Table.Td>
                      {acceptances.length === 0 ? (
                        <Text size="sm">{t('delivery.notAccepted')}</Text>
                      ) : (
                        <Text size="sm">{t('delivery.acceptedOf', { accepted: format.number(accepted), delivered: format.number(quantity) })}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {canAccept ? (
                          <Button
                            size="compact-sm"
                            variant={accepting === delivery.id ? 'filled' : 'default'}
                            aria-expanded={accepting === delivery.id}
                            onClick={() => {
                              setAccepting(accepting === delivery.id ? null : delivery.id);
                            }}
                          >
                            {t('acceptance.open')}
                          </Button>
                        ) : null}
                        {own.can('delete') ? (
                          <Button
                            size="compact-sm"
                            variant="default"
                            disabled={retract.busy}
                            onClick={() => {
                              void retract.run([{ record: delivery.id, kind: 'delivery', tlp: delivery.tlp, ops: [{ field: '_deleted', value: true }] }]);
                            }}
                          >
                            {t('delivery.retract')}
                          </Button>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                  {accepting === delivery.id && targetNeed !== undefined ? (
                    <Table.Tr>
                      <Table.Td colSpan={columns}>
                        <AcceptanceForm
                          coordination={coordination}
                          delivery={delivery}
                          need={targetNeed}
                          today={coordination.today}
                          onDone={() => {
                            setAccepting(null);
                          }}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ) : null}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <WriteError error={retract.error} />
    </Stack>
  );
}
