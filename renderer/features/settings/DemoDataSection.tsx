/**
 * Demo data (issue #5): fills an empty vault with a realistic picture of the Tallinn Mechanism — needs
 * of Ukrainian institutions, offers of the partner states, deliveries, acceptances and meeting notes,
 * with one of each deconfliction case — written through the change log by demo delegations. Offered
 * only while the vault holds no records; the explanation says plainly that those delegations are
 * recorded as verified by "demo data", not by a fingerprint check.
 */
import { Alert, Button, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import type { IngestReport } from '@shared/ipc/vault-protocol';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { failureOf, useVaultSession, useWorkingSet, type VaultFailure } from '../../app/hooks';
import { useWriteErrorText } from '../records';

export function DemoDataSection() {
  const { t } = useTranslation('settings');
  const session = useVaultSession();
  const errorText = useWriteErrorText();
  const titleId = useId();
  const count = useWorkingSet((state) => state.records.length);
  const loaded = useWorkingSet((state) => state.loaded);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<IngestReport | null>(null);
  const [failure, setFailure] = useState<VaultFailure | null>(null);

  // Shown while the vault is empty, and afterwards with the result of the load.
  if (!loaded || (count > 0 && report === null)) return null;

  const load = async (): Promise<void> => {
    setBusy(true);
    setFailure(null);
    try {
      setReport(await session.loadDemoData());
    } catch (error) {
      setFailure(failureOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby={titleId} data-demo-data="">
      <Title order={2} id={titleId}>
        {t('demo.title')}
      </Title>
      <Text maw="70ch">{t('demo.description')}</Text>
      <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} role="note" maw="70ch">
        <List size="sm" spacing={4}>
          <List.Item>{t('demo.verifiedByDemo')}</List.Item>
          <List.Item>{t('demo.notReal')}</List.Item>
          <List.Item>{t('demo.onlyEmpty')}</List.Item>
        </List>
      </Alert>
      {busy ? (
        <Group gap="sm" role="status">
          <Loader size="sm" aria-hidden="true" />
          <Text>{t('demo.working')}</Text>
        </Group>
      ) : null}
      {failure === null ? null : (
        <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden="true" />} maw="70ch">
          {errorText(failure)}
        </Alert>
      )}
      <div aria-live="polite">
        {report === null ? null : (
          <Alert color="teal" icon={<IconCircleCheck aria-hidden="true" />} maw="70ch" data-demo-loaded={count}>
            {t('demo.done', { records: count, applied: report.applied })}
          </Alert>
        )}
      </div>
      {report === null ? (
        <Group>
          <Button onClick={() => void load()} loading={busy}>
            {t('demo.load')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
