/**
 * One field in conflict (DESIGN.md §4): every value with who wrote it and when, the one shown now marked,
 * and a choice. Keeping a value is an ordinary operation whose base names every head, so it replaces all
 * of them on every replica. The choice is a native radio group (Tab into it, arrow keys to move, Space to
 * pick); nothing is chosen until the user chooses.
 */
import { Alert, Button, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import type { Conflict } from '@shared/ipc/vault-protocol';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConflictLabels } from './labels';
import type { Resolve } from './resolve';
import { HeadMeta, isStructured, ScalarText, StructuredValue } from './values';

export interface FieldConflictCardProps {
  readonly conflict: Conflict;
  /** Null when this delegation may resolve it; otherwise why not (the owner's name). */
  readonly readOnlyOwner: string | null;
  readonly resolve: Resolve;
}

export function FieldConflictCard({ conflict, readOnlyOwner, resolve }: FieldConflictCardProps) {
  const { t } = useTranslation('conflicts');
  const labels = useConflictLabels();
  const headingId = useId();
  const metaId = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  const [mustChoose, setMustChoose] = useState(false);
  const busy = resolve.busy;
  const fieldLabel = labels.field(conflict.field);

  const keep = (): void => {
    const head = conflict.heads.find((candidate) => candidate.cs === chosen);
    if (head === undefined) {
      setMustChoose(true);
      return;
    }
    setMustChoose(false);
    resolve.run(
      head.value,
      conflict.heads.map((candidate) => candidate.cs),
    );
  };

  const heads = conflict.heads.map((head, index) => {
    const label = isStructured(head.value) ? t('value.structured', { n: index + 1 }) : <ScalarText value={head.value} />;
    const describedBy = `${metaId}-${String(index)}`;
    return (
      <div key={head.cs} className="td-conflict-head" data-head={head.cs}>
        {readOnlyOwner === null ? (
          <Radio value={head.cs} label={label} aria-describedby={describedBy} disabled={busy} />
        ) : (
          <Text fw={500} component="div">
            {label}
          </Text>
        )}
        <div className={readOnlyOwner === null ? 'td-conflict-head-details' : undefined} id={describedBy}>
          {isStructured(head.value) ? <StructuredValue value={head.value} /> : null}
          <HeadMeta head={head} shownNow={index === 0} />
        </div>
      </div>
    );
  });

  return (
    <Paper component="article" withBorder p="md" radius="md" aria-labelledby={headingId} data-conflict-field={conflict.field}>
      <Stack gap="sm">
        <Title order={3} id={headingId}>
          {t('field.heading', { field: fieldLabel })}
        </Title>
        {readOnlyOwner === null ? (
          <>
            <Radio.Group
              label={t('field.choose')}
              value={chosen}
              onChange={(value) => {
                setChosen(value);
                setMustChoose(false);
              }}
              error={mustChoose ? t('field.mustChoose') : undefined}
            >
              <Stack gap="md" mt="xs">
                {heads}
              </Stack>
            </Radio.Group>
            <Group>
              <Button onClick={keep} loading={busy}>
                {t('field.keep')}
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Stack gap="md">{heads}</Stack>
            <Text size="sm">{t('notOwner', { owner: readOnlyOwner })}</Text>
          </>
        )}
        <ResolveStatus resolve={resolve} />
      </Stack>
    </Paper>
  );
}

/** The busy line and the failure of this card's last attempt, in words. */
export function ResolveStatus({ resolve }: { readonly resolve: Resolve }) {
  const { t } = useTranslation('conflicts');
  return (
    <>
      <div aria-live="polite">{resolve.busy ? <Text size="sm">{t('resolving')}</Text> : null}</div>
      {resolve.error === null ? null : (
        <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden="true" />}>
          {resolve.error}
        </Alert>
      )}
    </>
  );
}
