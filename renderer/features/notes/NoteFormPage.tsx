/**
 * Writing a note or decision, or changing one of this delegation's: title, type, meeting date, text,
 * action items (what, which delegation, by when, done) and the records it is about. Opened from a
 * record (`/notes/new?link=…`) it starts linked to it.
 */
import { ActionIcon, Alert, Button, Checkbox, Group, Paper, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { parseRecordValues } from '@shared/domain/record-values';
import type { FieldErrors } from '@shared/domain/validation';
import type { RecordView } from '@shared/ipc/vault-protocol';
import type { Tlp } from '@shared/sync/tlp';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useProfile } from '../../app/hooks';
import { PageHeader } from '../../ui';
import {
  DateInput,
  ReadOnlyNotice,
  RecordLink,
  RecordNotFound,
  TlpSelect,
  WriteError,
  dateOf,
  editFor,
  isTlp,
  normalized,
  textOf,
  useCoordination,
  useDelegationDirectory,
  useDelegationNames,
  useDomainLabels,
  useErrorText,
  useRecordTitle,
  useWrite,
  type Coordination,
} from '../records';
import { actionItemsOf, linksOf } from './NoteDetailPage';

interface ItemDraft {
  readonly key: number;
  readonly text: string;
  readonly owner: string | null;
  readonly due: string;
  readonly done: boolean;
}

interface NoteDraft {
  readonly title: string;
  readonly type: string;
  readonly meetingDate: string;
  readonly body: string;
  readonly items: readonly ItemDraft[];
  readonly links: readonly string[];
  readonly tlp: Tlp;
}

function draftOf(view: RecordView | undefined, link: string | null): NoteDraft {
  if (view === undefined) return { title: '', type: 'note', meetingDate: '', body: '', items: [], links: link === null ? [] : [link], tlp: 'AMBER' };
  return {
    title: textOf(view.values, 'title'),
    type: textOf(view.values, 'type') || 'note',
    meetingDate: dateOf(view.values, 'meetingDate') ?? '',
    body: textOf(view.values, 'body'),
    items: actionItemsOf(view).map((item, key) => ({ key, text: item.text, owner: item.owner, due: item.due ?? '', done: item.done })),
    links: linksOf(view),
    tlp: isTlp(view.tlp) ? view.tlp : 'AMBER',
  };
}

function valuesOf(draft: NoteDraft): Record<string, unknown> {
  return {
    title: normalized(draft.title),
    body: normalized(draft.body, { multiline: true }),
    type: draft.type,
    meetingDate: draft.meetingDate === '' ? null : draft.meetingDate,
    actionItems: draft.items.map((item) => ({ text: normalized(item.text), owner: item.owner, due: item.due === '' ? null : item.due, done: item.done })),
    links: [...draft.links],
  };
}

export function NoteFormPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const coordination = useCoordination();
  const view = id === undefined ? undefined : coordination.byId.get(id);
  if (id !== undefined && (view === undefined || view.kind !== 'note')) return <RecordNotFound kind="note" />;
  const link = params.get('link');
  return <NoteForm key={view?.id ?? `new/${link ?? ''}`} coordination={coordination} view={view} link={link !== null && coordination.byId.has(link) ? link : null} />;
}

function NoteForm({ coordination, view, link }: { readonly coordination: Coordination; readonly view: RecordView | undefined; readonly link: string | null }) {
  const { t } = useTranslation('records');
  const labels = useDomainLabels();
  const names = useDelegationNames();
  const directory = useDelegationDirectory();
  const profile = useProfile();
  const navigate = useNavigate();
  const write = useWrite();
  const title = useRecordTitle(coordination);
  const typeLabelId = useId();
  const [draft, setDraft] = useState<NoteDraft>(() => draftOf(view, link));
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [tried, setTried] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const [nextKey, setNextKey] = useState(1000);
  const summaryRef = useRef<HTMLDivElement>(null);
  const errorOf = useErrorText(errors);
  const editing = view !== undefined;
  const pageTitle = editing ? t('note.editTitle') : t('note.newTitle');

  const delegations = useMemo(() => directory.delegations.map((delegation) => ({ value: delegation.id, label: names.plain(delegation.id) })), [directory.delegations, names]);
  const linkOptions = useMemo(
    () =>
      [...coordination.needs, ...coordination.offers]
        .filter((record) => !record.deleted && !draft.links.includes(record.id))
        .map((record) => ({ value: record.id, label: `${labels.kind(record.kind)}: ${title(record)}` })),
    [coordination, draft.links, labels, title],
  );

  const update = (next: NoteDraft): void => {
    setDraft(next);
    setUnchanged(false);
    if (tried) {
      const parsed = parseRecordValues('note', valuesOf(next));
      setErrors(parsed.ok ? null : parsed.errors);
    }
  };
  const setItem = (key: number, patch: Partial<ItemDraft>): void => {
    update({ ...draft, items: draft.items.map((item) => (item.key === key ? { ...item, ...patch } : item)) });
  };

  if (editing && view.owner !== profile?.delegationId) return <ReadOnlyNotice ownerName={names.plain(view.owner)} />;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTried(true);
    const parsed = parseRecordValues('note', valuesOf(draft));
    if (!parsed.ok) {
      setErrors(parsed.errors);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setErrors(null);
    const edit = editFor('note', parsed.values, draft.tlp, view);
    if (edit === null) {
      setUnchanged(true);
      return;
    }
    const written = await write.run([edit]);
    const saved = written?.[0];
    if (saved !== undefined) void navigate(`/notes/${encodeURIComponent(saved.id)}`);
  };

  return (
    <Stack gap="lg">
      <PageHeader title={pageTitle} description={t('note.formIntro')} />
      <form onSubmit={(event) => void submit(event)} noValidate aria-label={pageTitle}>
        <Stack gap="lg" maw="56rem">
          <div ref={summaryRef} tabIndex={-1} className="td-form-summary">
            {errors === null ? null : (
              <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden="true" />}>
                {t('form.fixErrors', { count: Object.keys(errors).length })}
              </Alert>
            )}
          </div>
          <TextInput
            label={labels.field('title')}
            value={draft.title}
            onChange={(event) => {
              update({ ...draft, title: event.currentTarget.value });
            }}
            error={errorOf('title')}
            required
          />
          <div className="td-form-row">
            <Stack gap={4}>
              <Text fw={500} size="sm" id={typeLabelId}>
                {labels.field('type')}
              </Text>
              <SegmentedControl
                aria-labelledby={typeLabelId}
                value={draft.type}
                onChange={(type) => {
                  update({ ...draft, type });
                }}
                data={['note', 'decision'].map((value) => ({ value, label: labels.noteType(value) }))}
                w="fit-content"
              />
            </Stack>
            <DateInput
              label={labels.field('meetingDate')}
              value={draft.meetingDate}
              onChange={(meetingDate) => {
                update({ ...draft, meetingDate });
              }}
              error={errorOf('meetingDate')}
            />
          </div>
          <Textarea
            label={labels.field('body')}
            value={draft.body}
            onChange={(event) => {
              update({ ...draft, body: event.currentTarget.value });
            }}
            error={errorOf('body')}
            autosize
            minRows={4}
            maxRows={20}
          />
          <Stack gap="sm" component="fieldset" className="td-money">
            <legend>
              <Text fw={600}>{labels.field('actionItems')}</Text>
            </legend>
            {draft.items.length === 0 ? <Text size="sm">{t('note.noItems')}</Text> : null}
            {draft.items.map((item, index) => (
              <Paper key={item.key} withBorder p="sm" data-action-item={index}>
                <Stack gap="xs">
                  <TextInput
                    label={t('note.itemNumber', { n: index + 1 })}
                    value={item.text}
                    onChange={(event) => {
                      setItem(item.key, { text: event.currentTarget.value });
                    }}
                    error={errorOf(`actionItems.${String(index)}.text`)}
                    required
                  />
                  <div className="td-form-row">
                    <Select
                      label={t('note.responsible')}
                      data={delegations}
                      value={item.owner}
                      onChange={(owner) => {
                        setItem(item.key, { owner });
                      }}
                      clearable
                      searchable
                      placeholder={t('note.unassigned')}
                      error={errorOf(`actionItems.${String(index)}.owner`)}
                    />
                    <DateInput
                      label={t('note.due')}
                      value={item.due}
                      onChange={(due) => {
                        setItem(item.key, { due });
                      }}
                      error={errorOf(`actionItems.${String(index)}.due`)}
                    />
                  </div>
                  <Group justify="space-between">
                    <Checkbox
                      label={t('note.done')}
                      checked={item.done}
                      onChange={(event) => {
                        setItem(item.key, { done: event.currentTarget.checked });
                      }}
                    />
                    <ActionIcon
                      variant="default"
                      aria-label={t('note.removeItem', { n: index + 1 })}
                      onClick={() => {
                        update({ ...draft, items: draft.items.filter((other) => other.key !== item.key) });
                      }}
                    >
                      <IconTrash size={16} aria-hidden="true" />
                    </ActionIcon>
                  </Group>
                </Stack>
              </Paper>
            ))}
            <Button
              variant="default"
              w="fit-content"
              leftSection={<IconPlus size={16} aria-hidden="true" />}
              onClick={() => {
                update({ ...draft, items: [...draft.items, { key: nextKey, text: '', owner: null, due: '', done: false }] });
                setNextKey(nextKey + 1);
              }}
            >
              {t('note.addItem')}
            </Button>
            {errorOf('actionItems') === undefined ? null : (
              <Text c="red.9" size="sm">
                {errorOf('actionItems')}
              </Text>
            )}
          </Stack>
          <Stack gap="sm" component="fieldset" className="td-money">
            <legend>
              <Text fw={600}>{labels.field('links')}</Text>
            </legend>
            {draft.links.length === 0 ? <Text size="sm">{t('note.noLinks')}</Text> : null}
            <Stack gap={4} component="ul" className="td-plain-list">
              {draft.links.map((id) => (
                <li key={id}>
                  <Group gap="xs">
                    <RecordLink coordination={coordination} id={id} />
                    <Button
                      size="compact-sm"
                      variant="default"
                      onClick={() => {
                        update({ ...draft, links: draft.links.filter((other) => other !== id) });
                      }}
                    >
                      {t('note.removeLink')}
                    </Button>
                  </Group>
                </li>
              ))}
            </Stack>
            <Select
              label={t('note.addLink')}
              data={linkOptions}
              value={null}
              onChange={(id) => {
                if (id !== null) update({ ...draft, links: [...draft.links, id] });
              }}
              searchable
              limit={50}
              maw="36rem"
              error={errorOf('links')}
            />
          </Stack>
          <TlpSelect
            value={draft.tlp}
            onChange={(value) => {
              if (isTlp(value)) update({ ...draft, tlp: value });
            }}
          />
          <WriteError error={write.error} />
          <div aria-live="polite">{unchanged ? t('form.unchanged') : null}</div>
          <Group>
            <Button type="submit" loading={write.busy}>
              {editing ? t('form.save') : t('note.create')}
            </Button>
            <Button component={Link} to={editing ? `/notes/${encodeURIComponent(view.id)}` : '/notes'} variant="default">
              {t('form.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
