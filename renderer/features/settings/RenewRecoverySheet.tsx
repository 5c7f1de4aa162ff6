/**
 * "New recovery sheet" (DESIGN.md §6): asks the passphrase, warns that the old sheet stops working,
 * then shows and prints the new one. The sheet is held in this component's state only and dropped when
 * the user closes it (or leaves the page).
 */
import { Alert, Button, Checkbox, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { RecoverySheet } from '@shared/crypto/recovery-sheet';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { failureOf, useVaultSession, type VaultFailure } from '../../app/hooks';
import { PassphraseInput, PrintSheetButton, RecoverySheetView, useSecondsUntil, useVaultErrorText } from '../vault';

export function RenewRecoverySheet() {
  const { t } = useTranslation(['settings', 'vault']);
  const session = useVaultSession();
  const errorText = useVaultErrorText();
  const titleId = useId();
  const [passphrase, setPassphrase] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<VaultFailure | null>(null);
  const [sheet, setSheet] = useState<RecoverySheet | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [closeTried, setCloseTried] = useState(false);
  const seconds = useSecondsUntil(failure?.retryAt);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTried(true);
    if (busy || seconds > 0 || passphrase === '') return;
    setBusy(true);
    setFailure(null);
    try {
      const renewed = await session.renewRecoverySheet(passphrase);
      setPassphrase('');
      setTried(false);
      setConfirmed(false);
      setCloseTried(false);
      setSheet(renewed);
    } catch (error) {
      setFailure(failureOf(error));
      setPassphrase('');
    } finally {
      setBusy(false);
    }
  };

  const close = (): void => {
    setCloseTried(true);
    if (!confirmed) return;
    setSheet(null);
  };

  const message =
    failure === null ? undefined : failure.code === 'wrong-passphrase' ? t('vault:errors.wrong-passphrase') : errorText(failure);

  return (
    <Stack gap="sm" component="section" aria-labelledby={titleId}>
      <Title order={2} id={titleId}>
        {t('settings:recovery.title')}
      </Title>
      <Text c="dimmed" maw="70ch">
        {t('settings:recovery.description')}
      </Text>
      {sheet === null ? (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="sm" maw="30rem">
            <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} role="note">
              {t('settings:recovery.warning')}
            </Alert>
            <PassphraseInput
              label={t('settings:recovery.passphrase')}
              value={passphrase}
              onChange={setPassphrase}
              error={tried && passphrase === '' ? t('vault:passphrase.errors.required') : undefined}
              autoComplete="current-password"
            />
            {message === undefined ? null : (
              <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden="true" />}>
                {message}
              </Alert>
            )}
            {seconds > 0 ? <Text>{t('vault:unlock.retryIn', { seconds })}</Text> : null}
            {busy ? (
              <Group gap="sm" role="status">
                <Loader size="sm" aria-hidden="true" />
                <Text>{t('settings:recovery.working')}</Text>
              </Group>
            ) : null}
            <Group>
              <Button type="submit" loading={busy} disabled={seconds > 0}>
                {t('settings:recovery.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack gap="md">
          <Alert color="teal" icon={<IconCircleCheck aria-hidden="true" />} className="td-no-print" role="status">
            {t('settings:recovery.done')}
          </Alert>
          <PrintSheetButton />
          <RecoverySheetView sheet={sheet} headingOrder={3} />
          <Stack gap="sm" className="td-no-print">
            <Checkbox
              label={t('settings:recovery.confirm')}
              checked={confirmed}
              onChange={(event) => {
                setConfirmed(event.currentTarget.checked);
              }}
              error={closeTried && !confirmed ? t('settings:recovery.mustConfirm') : undefined}
            />
            <Group>
              <Button variant="default" onClick={close}>
                {t('settings:recovery.close')}
              </Button>
            </Group>
          </Stack>
        </Stack>
      )}
    </Stack>
  );
}
