/**
 * The actions on a record's page that change one field: its status (only to the statuses the domain
 * allows next, checked against the record's other values before writing; leaving draft re-publishes
 * every value, see shared/domain/sharing `leavesDraft`) and its deletion (a tombstone; the record stays
 * in the change log and is shown as deleted).
 */
import { Alert, Button, Group, Select, Stack, Text } from '@mantine/core';
import { NEED_STATUS_TRANSITIONS } from '@shared/domain/need';
import { OFFER_STATUS_TRANSITIONS } from '@shared/domain/offer';
import { parseRecordValues } from '@shared/domain/record-values';
import { leavesDraft } from '@shared/domain/sharing';
import type { RecordView } from '@shared/ipc/vault-protocol';
import type { Json } from '@shared/sync/json';
import { IconTrash } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isNeedStatus, isOfferStatus, textOf } from './domain-values';
import { statusOf } from './form-state';
import { useDomainLabels } from './labels';
import { WriteError } from './parts';
import { useWrite } from './write';

function nextStatuses(view: RecordView): readonly string[] {
  const status = textOf(view.values, 'status');
  if (view.kind === 'need' && isNeedStatus(status)) return NEED_STATUS_TRANSITIONS[status];
  if (view.kind === 'offer' && isOfferStatus(status)) return OFFER_STATUS_TRANSITIONS[status];
  return [];
}

export function StatusChange({ view }: { readonly view: RecordView }) {
  const { t } = useTranslation('records');
  const labels = useDomainLabels();
  const write = useWrite();
  const [next, setNext] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const options = nextStatuses(view);
  const doneText = <div aria-live="polite">{done === null ? null : <Text size="sm">{t('status.changed', { status: done })}</Text>}</div>;
  if (options.length === 0) {
    return (
      <Stack gap="xs" data-status-change="">
        {doneText}
        <Text size="sm" c="dimmed">
          {t('status.final')}
        </Text>
      </Stack>
    );
  }
  const change = async (): Promise<void> => {
    setDone(null);
    if (next === null) {
      setMessage(t('status.choose'));
      return;
    }
    // The new status with the record's other values: an assessed need must have its score, and so on.
    const parsed = parseRecordValues(view.kind, { ...view.values, status: next });
    if (!parsed.ok) {
      const problem = Object.entries(parsed.errors)[0];
      setMessage(problem === undefined ? null : t('status.invalid', { field: labels.field(problem[0].split('.')[0] ?? ''), message: labels.message(problem[1]) }));
      return;
    }
    setMessage(null);
    // Submitting a draft re-publishes every current value in the submitting change-set: the change-sets
    // written while it was a draft never leave the vault, so the values must travel in this one.
    const values: Readonly<Record<string, Json>> = parsed.values;
    const ops = leavesDraft(statusOf(view.values), statusOf(values)) ? Object.entries(values).map(([field, value]) => ({ field, value })) : [{ field: 'status', value: next }];
    const written = await write.run([{ record: view.id, kind: view.kind, tlp: view.tlp, ops }]);
    if (written !== null) {
      setDone(labels.status(view.kind, next));
      setNext(null);
    }
  };
  return (
    <Stack gap="xs" data-status-change="">
      <Group align="flex-end" gap="sm">
        <Select
          label={t('status.newStatus')}
          data={options.map((value) => ({ value, label: labels.status(view.kind, value) }))}
          value={next}
          onChange={(value) => {
            setNext(value);
            setMessage(null);
          }}
          error={message ?? undefined}
          w="16rem"
        />
        <Button onClick={() => void change()} loading={write.busy} variant="default">
          {t('status.change')}
        </Button>
      </Group>
      <WriteError error={write.error} />
      {doneText}
    </Stack>
  );
}

export function DeleteRecord({ view, label, onDeleted }: { readonly view: RecordView; readonly label: string; readonly onDeleted?: () => void }) {
  const { t } = useTranslation('records');
  const write = useWrite();
  const [confirming, setConfirming] = useState(false);
  const questionId = useId();
  if (!confirming) {
    return (
      <Button
        variant="default"
        color="red"
        leftSection={<IconTrash size={16} aria-hidden="true" />}
        onClick={() => {
          setConfirming(true);
        }}
      >
        {label}
      </Button>
    );
  }
  return (
    <Alert color="red" variant="light" role="alertdialog" aria-labelledby={questionId}>
      <Stack gap="sm">
        <Text id={questionId} size="sm">
          {t('delete.question')}
        </Text>
        <Group gap="sm">
          <Button
            color="red.9"
            loading={write.busy}
            onClick={() => {
              void write.run([{ record: view.id, kind: view.kind, tlp: view.tlp, ops: [{ field: '_deleted', value: true }] }]).then((written) => {
                if (written !== null) {
                  setConfirming(false);
                  onDeleted?.();
                }
              });
            }}
          >
            {t('delete.confirm')}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              setConfirming(false);
            }}
          >
            {t('form.cancel')}
          </Button>
        </Group>
        <WriteError error={write.error} />
      </Stack>
    </Alert>
  );
}
