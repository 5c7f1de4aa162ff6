/** Step 2: what goes (since each recipient's last acknowledgement, or everything) and how it is bundled. */
import { Button, Group, Radio, Stack } from '@mantine/core';
import type { ExportOptions } from '@shared/ipc/vault-protocol';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

type Scope = ExportOptions['scope'];
type Grouping = ExportOptions['grouping'];

interface Props {
  readonly scope: Scope;
  readonly grouping: Grouping;
  readonly busy: boolean;
  readonly onScope: (scope: Scope) => void;
  readonly onGrouping: (grouping: Grouping) => void;
  readonly onBack: () => void;
  readonly onNext: () => void;
}

export function ScopeStep({ scope, grouping, busy, onScope, onGrouping, onBack, onNext }: Props) {
  const { t } = useTranslation('exchange');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onNext();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Radio.Group
          label={t('export.scope.label')}
          value={scope}
          onChange={onScope}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="incremental" label={t('export.scope.incremental')} description={t('export.scope.incrementalHelp')} />
            <Radio value="everything" label={t('export.scope.everything')} description={t('export.scope.everythingHelp')} />
          </Stack>
        </Radio.Group>
        <Radio.Group
          label={t('export.grouping.label')}
          value={grouping}
          onChange={onGrouping}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="per-recipient" label={t('export.grouping.per-recipient')} description={t('export.grouping.per-recipientHelp')} />
            <Radio value="by-audience" label={t('export.grouping.by-audience')} description={t('export.grouping.by-audienceHelp')} />
          </Stack>
        </Radio.Group>
        <Group>
          <Button variant="default" onClick={onBack}>
            {t('export.back')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('export.preview.show')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
