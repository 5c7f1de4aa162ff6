/**
 * Filing a need, or changing one this delegation owns (DESIGN.md §3: only the beneficiary that owns a
 * need changes it). Every message is shown beside its field, in the UI language; text is normalised
 * (NFC, trimmed) before it is checked and written; an edit writes only the fields that changed.
 */
import { Alert, Button, Group, NumberInput, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { CATEGORIES, PRIORITIES, SECTORS } from '@shared/domain/classification';
import { ASSESSMENT_SCORE_MAX, INTER_AGENCY_PRIORITY_MAX, NEED_STATUS_TRANSITIONS, type NeedStatus } from '@shared/domain/need';
import { parseRecordValues } from '@shared/domain/record-values';
import { UNITS } from '@shared/domain/units';
import type { FieldErrors } from '@shared/domain/validation';
import type { RecordView } from '@shared/ipc/vault-protocol';
import type { Tlp } from '@shared/sync/tlp';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useProfile } from '../../app/hooks';
import { PageHeader } from '../../ui';
import {
  DateInput,
  MoneyInput,
  ReadOnlyNotice,
  RecordNotFound,
  TlpSelect,
  WriteError,
  countOf,
  dateOf,
  editFor,
  isNeedStatus,
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
  type MoneyDraft,
  type NumberDraft,
} from '../records';

const NEW_STATUSES: readonly NeedStatus[] = ['draft', 'submitted', 'assessed', 'prioritised', 'open'];

interface NeedDraft {
  readonly title: string;
  readonly description: string;
  readonly institution: string;
  readonly sector: string | null;
  readonly category: string | null;
  readonly priority: string | null;
  readonly quantity: NumberDraft;
  readonly unit: string | null;
  readonly estimatedValue: MoneyDraft;
  readonly deadline: string;
  readonly assessmentScore: NumberDraft;
  readonly interAgencyPriority: NumberDraft;
  readonly status: string;
  readonly tlp: Tlp;
}

function draftOf(view: RecordView | undefined): NeedDraft {
  if (view === undefined) {
    return {
      title: '',
      description: '',
      institution: '',
      sector: null,
      category: null,
      priority: null,
      quantity: '',
      unit: null,
      estimatedValue: moneyDraftOf(null),
      deadline: '',
      assessmentScore: '',
      interAgencyPriority: '',
      status: 'draft',
      tlp: 'AMBER',
    };
  }
  const v = view.values;
  const orNull = (value: string): string | null => (value === '' ? null : value);
  return {
    title: textOf(v, 'title'),
    description: textOf(v, 'description'),
    institution: textOf(v, 'institution'),
    sector: orNull(textOf(v, 'sector')),
    category: orNull(textOf(v, 'category')),
    priority: orNull(textOf(v, 'priority')),
    quantity: countOf(v, 'quantity') ?? '',
    unit: orNull(textOf(v, 'unit')),
    estimatedValue: moneyDraftOf(moneyOf(v, 'estimatedValue')),
    deadline: dateOf(v, 'deadline') ?? '',
    assessmentScore: countOf(v, 'assessmentScore') ?? '',
    interAgencyPriority: countOf(v, 'interAgencyPriority') ?? '',
    status: textOf(v, 'status') || 'draft',
    tlp: isTlp(view.tlp) ? view.tlp : 'AMBER',
  };
}

/** The record values of a draft; a field left empty is missing, for the schema to say "Required." beside it. */
function valuesOf(draft: NeedDraft): Record<string, unknown> {
  const money = moneyValue(draft.estimatedValue);
  const values: Record<string, unknown> = {
    title: normalized(draft.title),
    description: normalized(draft.description, { multiline: true }),
    institution: normalized(draft.institution),
    quantity: wholeNumber(draft.quantity) ?? undefined,
    estimatedValue: { amountCents: money.amountCents ?? undefined, currency: money.currency, eurCents: money.eurCents ?? undefined },
    deadline: draft.deadline === '' ? null : draft.deadline,
    assessmentScore: wholeNumber(draft.assessmentScore),
    interAgencyPriority: wholeNumber(draft.interAgencyPriority),
    status: draft.status,
  };
  if (draft.sector !== null) values['sector'] = draft.sector;
  if (draft.category !== null) values['category'] = draft.category;
  if (draft.priority !== null) values['priority'] = draft.priority;
  if (draft.unit !== null) values['unit'] = draft.unit;
  return values;
}

export function NeedFormPage() {
  const { id } = useParams();
  const coordination = useCoordination();
  const view = id === undefined ? undefined : coordination.byId.get(id);
  if (id !== undefined && (view === undefined || view.kind !== 'need')) return <RecordNotFound kind="need" />;
  return <NeedForm key={view?.id ?? 'new'} view={view} />;
}

function NeedForm({ view }: { readonly view: RecordView | undefined }) {
  const { t } = useTranslation(['records', 'domain']);
  const labels = useDomainLabels();
  const names = useDelegationNames();
  const profile = useProfile();
  const navigate = useNavigate();
  const canCreate = useCanCreate('need');
  const write = useWrite();
  const [draft, setDraft] = useState<NeedDraft>(() => draftOf(view));
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [tried, setTried] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const errorOf = useErrorText(errors);
  const editing = view !== undefined;
  const title = editing ? t('records:need.editTitle') : t('records:need.newTitle');

  const set = <K extends keyof NeedDraft>(field: K, value: NeedDraft[K]): void => {
    const next = { ...draft, [field]: value };
    setDraft(next);
    setUnchanged(false);
    // After a first attempt the messages follow what is typed.
    if (tried) {
      const parsed = parseRecordValues('need', valuesOf(next));
      setErrors(parsed.ok ? null : parsed.errors);
    }
  };

  if (editing && view.owner !== profile?.delegationId) return <ReadOnlyNotice ownerName={names.plain(view.owner)} />;
  if (!editing && !canCreate) {
    return (
      <Stack gap="lg">
        <PageHeader title={title} />
        <Alert color="gray" role="note">
          {t('records:need.onlyBeneficiaries')}
        </Alert>
      </Stack>
    );
  }

  const currentStatus = editing && isNeedStatus(textOf(view.values, 'status')) ? (textOf(view.values, 'status') as NeedStatus) : null;
  const statuses: readonly string[] = currentStatus === null ? NEW_STATUSES : [currentStatus, ...NEED_STATUS_TRANSITIONS[currentStatus]];

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTried(true);
    const parsed = parseRecordValues('need', valuesOf(draft));
    if (!parsed.ok) {
      setErrors(parsed.errors);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setErrors(null);
    const edit = editFor('need', parsed.values, draft.tlp, view);
    if (edit === null) {
      setUnchanged(true);
      return;
    }
    const written = await write.run([edit]);
    const saved = written?.[0];
    if (saved !== undefined) void navigate(`/needs/${encodeURIComponent(saved.id)}`);
  };

  const cancelTo = editing ? `/needs/${encodeURIComponent(view.id)}` : '/needs';
  const options = <T extends string>(values: readonly T[], label: (value: T) => string) => values.map((value) => ({ value, label: label(value) }));

  return (
    <Stack gap="lg">
      <PageHeader title={title} description={editing ? textOf(view.values, 'title') : t('records:need.newIntro')} />
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
              value={draft.title}
              onChange={(event) => {
                set('title', event.currentTarget.value);
              }}
              error={errorOf('title')}
              required
            />
            <TextInput
              label={labels.field('institution')}
              description={t('records:need.institutionHelp')}
              value={draft.institution}
              onChange={(event) => {
                set('institution', event.currentTarget.value);
              }}
              error={errorOf('institution')}
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
          </Stack>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('records:form.classification')}
            </Title>
            <div className="td-form-row">
              <Select
                label={labels.field('sector')}
                data={options(SECTORS, labels.sector)}
                value={draft.sector}
                onChange={(value) => {
                  set('sector', value);
                }}
                error={errorOf('sector')}
                required
              />
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
                label={labels.field('priority')}
                data={options(PRIORITIES, labels.priority)}
                value={draft.priority}
                onChange={(value) => {
                  set('priority', value);
                }}
                error={errorOf('priority')}
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
                error={errorOf('quantity')}
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
                label={labels.field('deadline')}
                value={draft.deadline}
                onChange={(value) => {
                  set('deadline', value);
                }}
                error={errorOf('deadline')}
              />
            </div>
            <MoneyInput
              label={labels.field('estimatedValue')}
              value={draft.estimatedValue}
              onChange={(value) => {
                set('estimatedValue', value);
              }}
              errorOf={errorOf}
              path="estimatedValue"
            />
          </Stack>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('records:form.assessment')}
            </Title>
            <div className="td-form-row">
              <Select
                label={labels.field('status')}
                description={t('records:need.statusHelp')}
                data={statuses.map((value) => ({ value, label: labels.needStatus(value) }))}
                value={draft.status}
                onChange={(value) => {
                  if (value !== null) set('status', value);
                }}
                allowDeselect={false}
                error={errorOf('status')}
              />
              <NumberInput
                label={labels.field('assessmentScore')}
                value={draft.assessmentScore}
                onChange={(value) => {
                  set('assessmentScore', value);
                }}
                min={0}
                max={ASSESSMENT_SCORE_MAX}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                error={errorOf('assessmentScore')}
              />
              <NumberInput
                label={labels.field('interAgencyPriority')}
                value={draft.interAgencyPriority}
                onChange={(value) => {
                  set('interAgencyPriority', value);
                }}
                min={1}
                max={INTER_AGENCY_PRIORITY_MAX}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                error={errorOf('interAgencyPriority')}
              />
            </div>
          </Stack>
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
              {editing ? t('records:form.save') : t('records:need.create')}
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
