/**
 * Making an offer, or changing one this delegation owns (DESIGN.md §3: only the partner that owns an
 * offer changes it). Opened from a need (`/offers/new?need=…`), the form starts from that need's
 * category and unit. Allocations are made on the offer's page; an edit keeps them as they are.
 */
import { Alert, Button, Group, NumberInput, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { CATEGORIES } from '@shared/domain/classification';
import { CHANNELS, OFFER_STATUS_TRANSITIONS, type OfferStatus } from '@shared/domain/offer';
import { parseRecordValues } from '@shared/domain/record-values';
import { UNITS } from '@shared/domain/units';
import type { FieldErrors } from '@shared/domain/validation';
import type { RecordView } from '@shared/ipc/vault-protocol';
import type { Tlp } from '@shared/sync/tlp';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useProfile } from '../../app/hooks';
import { PageHeader } from '../../ui';
import {
  DateInput,
  MoneyInput,
  ReadOnlyNotice,
  RecordLink,
  RecordNotFound,
  TlpSelect,
  WriteError,
  countOf,
  dateOf,
  editFor,
  isOfferStatus,
  isTlp,
  moneyDraftOf,
  moneyOf,
  moneyValue,
  normalized,
  textOf,
  useCanCreate,
  useCoordination,
  useDelegationNames,
  useDomainLabels,
  useErrorText,
  useWrite,
  wholeNumber,
  type Coordination,
  type MoneyDraft,
  type NumberDraft,
} from '../records';

const NEW_STATUSES: readonly OfferStatus[] = ['indicative', 'committed', 'contracted'];

interface OfferDraft {
  readonly title: string;
  readonly description: string;
  readonly category: string | null;
  readonly quantity: NumberDraft;
  readonly unit: string | null;
  readonly value: MoneyDraft;
  readonly channel: string | null;
  readonly expectedDate: string;
  readonly status: string;
  readonly tlp: Tlp;
}

function draftOf(view: RecordView | undefined, need: RecordView | undefined): OfferDraft {
  if (view === undefined) {
    const orNull = (value: string): string | null => (value === '' ? null : value);
    return {
      title: '',
      description: '',
      category: need === undefined ? null : orNull(textOf(need.values, 'category')),
      quantity: '',
      unit: need === undefined ? null : orNull(textOf(need.values, 'unit')),
      value: moneyDraftOf(null),
      channel: 'bilateral',
      expectedDate: '',
      status: 'indicative',
      tlp: need !== undefined && isTlp(need.tlp) ? need.tlp : 'AMBER',
    };
  }
  const v = view.values;
  const orNull = (value: string): string | null => (value === '' ? null : value);
  return {
    title: textOf(v, 'title'),
    description: textOf(v, 'description'),
    category: orNull(textOf(v, 'category')),
    quantity: countOf(v, 'quantity') ?? '',
    unit: orNull(textOf(v, 'unit')),
    value: moneyDraftOf(moneyOf(v, 'value')),
    channel: orNull(textOf(v, 'channel')),
    expectedDate: dateOf(v, 'expectedDate') ?? '',
    status: textOf(v, 'status') || 'indicative',
    tlp: isTlp(view.tlp) ? view.tlp : 'AMBER',
  };
}

function valuesOf(draft: OfferDraft, view: RecordView | undefined): Record<string, unknown> {
  const money = moneyValue(draft.value);
  const values: Record<string, unknown> = {
    title: normalized(draft.title),
    description: normalized(draft.description, { multiline: true }),
    quantity: wholeNumber(draft.quantity) ?? undefined,
    value: { amountCents: money.amountCents ?? undefined, currency: money.currency, eurCents: money.eurCents ?? undefined },
    expectedDate: draft.expectedDate === '' ? null : draft.expectedDate,
    status: draft.status,
    // Allocations are kept as they are (they change on the offer's page).
    allocations: Array.isArray(view?.values['allocations']) ? view.values['allocations'] : [],
  };
  if (draft.category !== null) values['category'] = draft.category;
  if (draft.unit !== null) values['unit'] = draft.unit;
  if (draft.channel !== null) values['channel'] = draft.channel;
  return values;
}

export function OfferFormPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const coordination = useCoordination();
  const view = id === undefined ? undefined : coordination.byId.get(id);
  if (id !== undefined && (view === undefined || view.kind !== 'offer')) return <RecordNotFound kind="offer" />;
  const needId = params.get('need');
  const need = needId === null ? undefined : coordination.byId.get(needId);
  return <OfferForm key={view?.id ?? `new/${needId ?? ''}`} coordination={coordination} view={view} need={need?.kind === 'need' ? need : undefined} />;
}

function OfferForm({ coordination, view, need }: { readonly coordination: Coordination; readonly view: RecordView | undefined; readonly need: RecordView | undefined }) {
  const { t } = useTranslation(['records', 'domain']);
  const labels = useDomainLabels();
  const names = useDelegationNames();
  const profile = useProfile();
  const navigate = useNavigate();
  const canCreate = useCanCreate('offer');
  const write = useWrite();
  const [draft, setDraft] = useState<OfferDraft>(() => draftOf(view, need));
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [tried, setTried] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const errorOf = useErrorText(errors);
  const editing = view !== undefined;
  const title = editing ? t('records:offer.editTitle') : t('records:offer.newTitle');

  const set = <K extends keyof OfferDraft>(field: K, value: OfferDraft[K]): void => {
    const next = { ...draft, [field]: value };
    setDraft(next);
    setUnchanged(false);
    if (tried) {
      const parsed = parseRecordValues('offer', valuesOf(next, view));
      setErrors(parsed.ok ? null : parsed.errors);
    }
  };

  if (editing && view.owner !== profile?.delegationId) return <ReadOnlyNotice ownerName={names.plain(view.owner)} />;
  if (!editing && !canCreate) {
    return (
      <Stack gap="lg">
        <PageHeader title={title} />
        <Alert color="gray" role="note">
          {t('records:offer.onlyPartners')}
        </Alert>
      </Stack>
    );
  }

  const currentStatus = editing && isOfferStatus(textOf(view.values, 'status')) ? (textOf(view.values, 'status') as OfferStatus) : null;
  const statuses: readonly string[] = currentStatus === null ? NEW_STATUSES : [currentStatus, ...OFFER_STATUS_TRANSITIONS[currentStatus]];

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTried(true);
    const parsed = parseRecordValues('offer', valuesOf(draft, view));
    if (!parsed.ok) {
      setErrors(parsed.errors);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setErrors(null);
    const edit = editFor('offer', parsed.values, draft.tlp, view);
    if (edit === null) {
      setUnchanged(true);
      return;
    }
    const written = await write.run([edit]);
    const saved = written?.[0];
    if (saved !== undefined) {
      const target = `/offers/${encodeURIComponent(saved.id)}`;
      void navigate(need === undefined ? target : `${target}?allocate=${encodeURIComponent(need.id)}`);
    }
  };

  const cancelTo = editing ? `/offers/${encodeURIComponent(view.id)}` : need === undefined ? '/offers' : `/needs/${encodeURIComponent(need.id)}`;
  const options = <T extends string>(values: readonly T[], label: (value: T) => string) => values.map((value) => ({ value, label: label(value) }));

  return (
    <Stack gap="lg">
      <PageHeader title={title} description={editing ? textOf(view.values, 'title') : t('records:offer.newIntro')} />
      {need === undefined ? null : (
        <Alert variant="light" color="gray" role="note" title={t('records:offer.forNeed')}>
          <RecordLink coordination={coordination} id={need.id} />
        </Alert>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate aria-label={title}>
        <Stack gap="lg" maw="56rem">
          <div ref={summaryRef} tabIndex={-1} className="td-form-summary">
            {errors === null ? null : (
              <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden="true" />}>
                {t('records:form.fixErrors', { count: Object.keys(errors).length })}
              </Alert>
            )}
          </div>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('records:form.what')}
            </Title>
            <TextInput
              label={labels.field('title')}
              description={t('records:offer.titleHelp')}
              value={draft.title}
              onChange={(event) => {
                set('title', event.currentTarget.value);
              }}
              error={errorOf('title')}
              required
            />
            <Textarea
              label={labels.field('description')}
              value={draft.description}
              onChange={(event) => {
                set('description', event.currentTarget.value);
              }}
              error={errorOf('description')}
              autosize
              minRows={3}
              maxRows={12}
            />
            <div className="td-form-row">
              <Select
                label={labels.field('category')}
                data={options(CATEGORIES, labels.category)}
                value={draft.category}
                onChange={(value) => {
                  set('category', value);
                }}
                error={errorOf('category')}
                required
              />
              <Select
                label={labels.field('channel')}
                data={options(CHANNELS, labels.channel)}
                value={draft.channel}
                onChange={(value) => {
                  set('channel', value);
                }}
                error={errorOf('channel')}
                required
              />
            </div>
          </Stack>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('records:form.quantityAndValue')}
            </Title>
            <div className="td-form-row">
              <NumberInput
                label={labels.field('quantity')}
                value={draft.quantity}
                onChange={(value) => {
                  set('quantity', value);
                }}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                error={errorOf('quantity') ?? errorOf('allocations')}
                required
              />
              <Select
                label={labels.field('unit')}
                data={options(UNITS, labels.unit)}
                value={draft.unit}
                onChange={(value) => {
                  set('unit', value);
                }}
                error={errorOf('unit')}
                required
              />
              <DateInput
                label={labels.field('expectedDate')}
                value={draft.expectedDate}
                onChange={(value) => {
                  set('expectedDate', value);
                }}
                error={errorOf('expectedDate')}
              />
            </div>
            <MoneyInput
              label={labels.field('value')}
              value={draft.value}
              onChange={(value) => {
                set('value', value);
              }}
              errorOf={errorOf}
              path="value"
            />
          </Stack>
          <Select
            label={labels.field('status')}
            description={t('records:offer.statusHelp')}
            data={statuses.map((value) => ({ value, label: labels.offerStatus(value) }))}
            value={draft.status}
            onChange={(value) => {
              if (value !== null) set('status', value);
            }}
            allowDeselect={false}
            error={errorOf('status')}
            maw="20rem"
          />
          <TlpSelect
            value={draft.tlp}
            onChange={(value) => {
              if (isTlp(value)) set('tlp', value);
            }}
          />
          <WriteError error={write.error} />
          <div aria-live="polite">{unchanged ? t('records:form.unchanged') : null}</div>
          <Group>
            <Button type="submit" loading={write.busy}>
              {editing ? t('records:form.save') : t('records:offer.create')}
            </Button>
            <Button component={Link} to={cancelTo} variant="default">
              {t('records:form.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
