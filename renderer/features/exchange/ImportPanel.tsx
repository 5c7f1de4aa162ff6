/**
 * Import (issue #7): bundle files or a whole folder are picked through DeskApi and handed to the
 * worker, which takes each pair (`X.tdesk.age` beside `X.tdesk.age.minisig`) through the reading
 * pipeline, all or nothing per bundle, with progress. One report per bundle follows. The working set
 * is read again by the session when something was applied.
 */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { OpenFilesRequest, OpenFilesResult } from '@shared/ipc/desk-api';
import type { BundleImportReport, ExchangeFile, VaultProgress } from '@shared/ipc/vault-protocol';
import { IconAlertTriangle, IconFileImport, IconFolderOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { failureOf, usePlatform, useVaultSession, type VaultFailure } from '../../app/hooks';
import { useDelegationDirectory, useFormatters } from '../records';
import { useVaultErrorText } from '../vault';
import { ImportReportCard } from './ImportReportCard';
import { ProgressView } from './ProgressView';

const BUNDLE_EXTENSIONS = ['age', 'minisig'];

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'importing'; readonly progress: VaultProgress | null }
  | { readonly kind: 'failed'; readonly failure: VaultFailure | null }
  | { readonly kind: 'done'; readonly reports: readonly BundleImportReport[] };

interface Pick {
  readonly skipped: readonly string[];
  readonly truncated: boolean;
  readonly empty: boolean;
}

export function ImportPanel() {
  const { t } = useTranslation('exchange');
  const session = useVaultSession();
  const platform = usePlatform();
  const directory = useDelegationDirectory();
  const errorText = useVaultErrorText();
  const format = useFormatters();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [pick, setPick] = useState<Pick | null>(null);
  const busy = state.kind === 'importing';

  const choose = async (mode: OpenFilesRequest['mode']): Promise<void> => {
    const picked: OpenFilesResult | null = await platform.openFiles({ mode, multiple: true, extensions: BUNDLE_EXTENSIONS }).catch(() => null);
    if (picked === null) {
      setPick(null);
      setState({ kind: 'failed', failure: null });
      return;
    }
    if (!picked.picked) return;
    const files: ExchangeFile[] = [];
    const skipped: string[] = [];
    for (const file of picked.files) {
      if (file.status === 'read') files.push({ name: file.name, relativePath: file.relativePath, bytes: file.bytes });
      else skipped.push(file.relativePath);
    }
    setPick({ skipped, truncated: picked.truncated, empty: files.length === 0 });
    if (files.length === 0) {
      setState({ kind: 'idle' });
      return;
    }
    setState({ kind: 'importing', progress: null });
    try {
      const reports = await session.exchange.importBundles(files, {
        onProgress: (progress) => {
          setState((current) => (current.kind === 'importing' ? { kind: 'importing', progress } : current));
        },
      });
      directory.reload();
      setState({ kind: 'done', reports });
    } catch (error) {
      setState({ kind: 'failed', failure: failureOf(error) });
    }
  };

  const counts = state.kind === 'done' ? tally(state.reports) : null;
  return (
    <Stack gap="md" data-import-panel="">
      <Text maw="70ch">{t('import.intro')}</Text>
      <Group>
        <Button leftSection={<IconFileImport size={16} aria-hidden="true" />} disabled={busy} onClick={() => void choose('files')}>
          {t('import.chooseFiles')}
        </Button>
        <Button variant="default" leftSection={<IconFolderOpen size={16} aria-hidden="true" />} disabled={busy} onClick={() => void choose('folder')}>
          {t('import.chooseFolder')}
        </Button>
      </Group>
      {pick?.empty === true ? (
        <Alert color="yellow" role="alert" icon={<IconAlertTriangle aria-hidden="true" />} maw="70ch">
          {t('import.noFiles')}
        </Alert>
      ) : null}
      {pick !== null && pick.skipped.length > 0 ? (
        <Alert color="yellow" icon={<IconAlertTriangle aria-hidden="true" />} maw="70ch">
          {t('import.tooLarge', { names: pick.skipped.join(', ') })}
        </Alert>
      ) : null}
      {pick?.truncated === true ? (
        <Alert color="yellow" icon={<IconAlertTriangle aria-hidden="true" />} maw="70ch">
          {t('import.truncated')}
        </Alert>
      ) : null}
      {state.kind === 'importing' ? <ProgressView label={t('import.progressLabel')} progress={state.progress} waiting={t('import.starting')} /> : null}
      {state.kind === 'failed' ? (
        <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden="true" />} maw="70ch">
          {state.failure === null ? t('import.readFailed') : `${t('import.failed')} ${errorText(state.failure)}`}
        </Alert>
      ) : null}
      {state.kind === 'done' && counts !== null ? (
        <Stack gap="md">
          <Text fw={600} role="status" data-import-summary="">
            {state.reports.length === 0
              ? t('import.noPairs')
              : t('import.summary', {
                  total: format.number(state.reports.length),
                  applied: format.number(counts.applied),
                  duplicate: format.number(counts.duplicate),
                  refused: format.number(counts.refused),
                })}
          </Text>
          {state.reports.map((report, index) => (
            <ImportReportCard key={`${report.relativePath}/${String(index)}`} report={report} />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

function tally(reports: readonly BundleImportReport[]): Record<BundleImportReport['outcome'], number> {
  const counts = { applied: 0, duplicate: 0, refused: 0 };
  for (const report of reports) counts[report.outcome] += 1;
  return counts;
}
