/** Step 1: the recipients, among the verified, unrevoked delegations other than this one. */
import { Alert, Anchor, Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import type { DelegationView } from '@shared/ipc/vault-protocol';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDomainLabels } from '../records';

interface Props {
  readonly eligible: readonly DelegationView[];
  readonly loading: boolean;
  readonly selected: readonly string[];
  readonly onChange: (selected: string[]) => void;
  readonly onNext: () => void;
}

export const MAX_RECIPIENTS = 64;

export function RecipientsStep({ eligible, loading, selected, onChange, onNext }: Props) {
  const { t } = useTranslation('exchange');
  const labels = useDomainLabels();
  const [tried, setTried] = useState(false);
  const error = selected.length === 0 ? t('export.recipients.required') : selected.length > MAX_RECIPIENTS ? t('export.recipients.tooMany', { max: MAX_RECIPIENTS }) : undefined;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setTried(true);
    if (error === undefined) onNext();
  };

  if (eligible.length === 0) {
    return (
      <Stack gap="sm">
        <Alert color="yellow" variant="light" maw="70ch" data-no-recipients="">
          <Stack gap={4}>
            <Text size="sm">{loading ? t('export.recipients.loading') : t('export.recipients.none')}</Text>
            {loading ? null : (
              <Anchor component={Link} to="/delegations" size="sm" fw={600}>
                {t('goToDelegations')}
              </Anchor>
            )}
          </Stack>
        </Alert>
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Checkbox.Group
          label={t('export.recipients.label')}
          description={t('export.recipients.description')}
          value={[...selected]}
          onChange={onChange}
          error={tried ? error : undefined}
          required
        >
          <Stack gap="xs" mt="xs">
            {eligible.map((delegation) => (
              <Checkbox key={delegation.id} value={delegation.id} label={delegation.name} description={labels.role(delegation.role)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Text size="sm" c="dimmed" maw="70ch">
          {t('export.recipients.excluded')}
        </Text>
        <Group>
          <Button type="submit">{t('export.next')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
