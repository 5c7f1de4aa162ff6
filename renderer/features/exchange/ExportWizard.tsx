/**
 * The export wizard (issue #7): 1. recipients; 2. scope (since each recipient's last acknowledgement, or
 * everything) and grouping (one bundle per recipient, or by audience); 3. the preview of what goes and
 * what is redacted and why; 4. sealing with progress, saving every bundle pair at once, logging; then
 * the summary of the files written. Moving to a step moves focus to its heading.
 */
import { Alert, Stack, Text, Title } from '@mantine/core';
import type { ExportOptions, ExportPreview } from '@shared/ipc/vault-protocol';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { failureOf, useVaultSession, type VaultFailure } from '../../app/hooks';
import { useDelegationDirectory } from '../records';
import { useVaultErrorText } from '../vault';
import { DoneStep } from './DoneStep';
import { PreviewStep } from './PreviewStep';
import { RecipientsStep } from './RecipientsStep';
import { isEligibleRecipient } from './recipients';
import { ScopeStep } from './ScopeStep';
import { SealStep } from './SealStep';
import { EXPORT_STEPS, StepList, type ExportStep } from './StepList';
import { useExportRun } from './use-export-run';

export function ExportWizard() {
  const { t } = useTranslation('exchange');
  const session = useVaultSession();
  const directory = useDelegationDirectory();
  const errorText = useVaultErrorText();
  const run = useExportRun();
  const [step, setStep] = useState<ExportStep>('recipients');
  const [recipients, setRecipients] = useState<string[]>([]);
  const [scope, setScope] = useState<ExportOptions['scope']>('incremental');
  const [grouping, setGrouping] = useState<ExportOptions['grouping']>('per-recipient');
  const [preview, setPreview] = useState<ExportPreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [failure, setFailure] = useState<VaultFailure | null>(null);

  const eligible = useMemo(() => directory.delegations.filter(isEligibleRecipient), [directory.delegations]);
  // A recipient that stopped being eligible (revoked meanwhile) is dropped from the choice.
  const chosen = useMemo(() => recipients.filter((id) => eligible.some((delegation) => delegation.id === id)), [recipients, eligible]);
  const options: ExportOptions = { recipients: chosen, scope, grouping };

  const headingRef = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef<ExportStep>(step);
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    headingRef.current?.focus();
  }, [step]);

  const go = (next: ExportStep): void => {
    setFailure(null);
    setStep(next);
  };

  const showPreview = async (): Promise<void> => {
    setPreviewing(true);
    setFailure(null);
    try {
      setPreview(await session.exchange.previewExport(options));
      setStep('preview');
    } catch (error) {
      setFailure(failureOf(error));
    } finally {
      setPreviewing(false);
    }
  };

  const restart = (): void => {
    run.reset();
    setPreview(null);
    setRecipients([]);
    setScope('incremental');
    setGrouping('per-recipient');
    go('recipients');
  };

  const done = run.phase.kind === 'done' ? run.phase : null;
  const index = EXPORT_STEPS.indexOf(step);
  return (
    <Stack gap="md" data-export-wizard={step}>
      <Text maw="70ch">{t('export.intro')}</Text>
      <StepList step={step} />
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          {t('export.stepOf', { current: index + 1, total: EXPORT_STEPS.length })}
        </Text>
        <Title order={2} ref={headingRef} tabIndex={-1} className="td-exchange-step-heading">
          {done === null ? t(`export.titles.${step}`) : t('export.titles.done')}
        </Title>
      </Stack>
      {failure === null ? null : (
        <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden="true" />} maw="70ch">
          {errorText(failure)}
        </Alert>
      )}
      {step === 'recipients' ? (
        <RecipientsStep eligible={eligible} loading={directory.loading} selected={chosen} onChange={setRecipients} onNext={() => { go('scope'); }} />
      ) : null}
      {step === 'scope' ? (
        <ScopeStep scope={scope} grouping={grouping} busy={previewing} onScope={setScope} onGrouping={setGrouping} onBack={() => { go('recipients'); }} onNext={() => void showPreview()} />
      ) : null}
      {step === 'preview' && preview !== null ? (
        <PreviewStep
          preview={preview}
          onBack={() => { go('scope'); }}
          onSeal={() => {
            go('seal');
            run.seal(options);
          }}
        />
      ) : null}
      {step === 'seal' ? done === null ? <SealStep run={run} onRestart={restart} /> : <DoneStep sealed={done.sealed} location={done.location} onRestart={restart} /> : null}
    </Stack>
  );
}
