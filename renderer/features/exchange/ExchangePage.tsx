/**
 * Exchange (issue #7): export, import and history as three tabs (arrow keys move between them), the
 * current one kept in the address (`?part=import`) so a link or a reload lands on it.
 */
import { Stack, Tabs } from '@mantine/core';
import { IconFileExport, IconFileImport, IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../ui';
import { ExportWizard } from './ExportWizard';
import { HistoryPanel } from './HistoryPanel';
import { ImportPanel } from './ImportPanel';
import './exchange.css';

const PARTS = ['export', 'import', 'history'] as const;
type Part = (typeof PARTS)[number];

function isPart(value: string | null): value is Part {
  return value !== null && (PARTS as readonly string[]).includes(value);
}

export function ExchangePage() {
  const { t } = useTranslation(['sections', 'exchange']);
  const [params, setParams] = useSearchParams();
  const requested = params.get('part');
  const part: Part = isPart(requested) ? requested : 'export';

  return (
    <Stack gap="lg">
      <PageHeader title={t('sections:exchange.title')} description={t('sections:exchange.summary')} />
      <Tabs
        value={part}
        onChange={(value) => {
          if (isPart(value)) setParams(value === 'export' ? {} : { part: value }, { replace: true });
        }}
        keepMounted
      >
        <Tabs.List aria-label={t('exchange:tabs.label')}>
          <Tabs.Tab value="export" leftSection={<IconFileExport size={16} aria-hidden="true" />}>
            {t('exchange:tabs.export')}
          </Tabs.Tab>
          <Tabs.Tab value="import" leftSection={<IconFileImport size={16} aria-hidden="true" />}>
            {t('exchange:tabs.import')}
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} aria-hidden="true" />}>
            {t('exchange:tabs.history')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="export" pt="md">
          <ExportWizard />
        </Tabs.Panel>
        <Tabs.Panel value="import" pt="md">
          <ImportPanel />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <HistoryPanel active={part === 'history'} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
