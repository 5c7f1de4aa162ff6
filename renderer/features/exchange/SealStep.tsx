/**
 * Step 4: sealing with a progress bar, then the save (one DeskApi.saveFiles call for every file), then
 * the export logged; each outcome said in words, with a way on (save again, log again, start over).
 */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useVaultErrorText } from '../vault';
import { ProgressView } from './ProgressView';
import type { ExportRun } from './use-export-run';

export function SealStep({ run, onRestart }: { readonly run: ExportRun; readonly onRestart: () => void }) {
  const { t } = useTranslation('exchange');
  const errorText = useVaultErrorText();
  const { phase } = run;
  switch (phase.kind) {
    case 'idle':
    case 'done':
      return null;
    case 'sealing':
      return <ProgressView label={t('export.seal.progressLabel')} progress={phase.progress} waiting={t('export.seal.starting')} />;
    case 'saving':
      return <Text role="status">{t('export.seal.saving', { files: phase.sealed.bundles.length * 2 })}</Text>;
    case 'committing':
      return <Text role="status">{t('export.seal.committing')}</Text>;
    case 'seal-failed':
      return (
        <Problem message={`${t('export.seal.sealFailed')} ${errorText(phase.failure)}`}>
          <Button variant="default" onClick={onRestart}>
            {t('export.startOver')}
          </Button>
        </Problem>
      );
    case 'not-saved': {
      const { result, sealed } = phase;
      const message =
        result === null
          ? t('export.seal.saveFailed')
          : result.status === 'cancelled'
            ? t('export.seal.cancelled')
            : t('export.seal.exists', { names: result.names.join(', '), location: result.location });
      return (
        <Problem message={message} tone={result?.status === 'cancelled' ? 'yellow' : 'red'}>
          <Button
            onClick={() => {
              run.save(sealed);
            }}
          >
            {t('export.seal.saveAgain')}
          </Button>
          <Button variant="default" onClick={onRestart}>
            {t('export.startOver')}
          </Button>
        </Problem>
      );
    }
    case 'commit-failed': {
      const { sealed, location } = phase;
      return (
        <Problem message={`${t('export.seal.commitFailed', { location })} ${errorText(phase.failure)}`}>
          <Button
            onClick={() => {
              run.commit(sealed, location);
            }}
          >
            {t('export.seal.commitAgain')}
          </Button>
        </Problem>
      );
    }
  }
}

function Problem({ message, tone = 'red', children }: { readonly message: string; readonly tone?: 'red' | 'yellow'; readonly children: ReactNode }) {
  return (
    <Stack gap="sm">
      <Alert color={tone} role="alert" icon={<IconAlertTriangle aria-hidden="true" />} maw="70ch" data-export-problem="">
        {message}
      </Alert>
      <Group>{children}</Group>
    </Stack>
  );
}
