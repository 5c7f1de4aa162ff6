/** Passphrase change (DESIGN.md §6): current, new, repeated, with the strength meter. */
import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { failureOf, useVaultSession, type VaultFailure } from '../../app/hooks';
import { hasProblems, NewPassphraseFields, newPassphraseProblems, PassphraseInput, useSecondsUntil, useVaultErrorText } from '../vault';

export function ChangePassphraseForm() {
  const { t } = useTranslation(['settings', 'vault']);
  const session = useVaultSession();
  const errorText = useVaultErrorText();
  const titleId = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [failure, setFailure] = useState<VaultFailure | null>(null);
  const seconds = useSecondsUntil(failure?.retryAt);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTried(true);
    setDone(false);
    if (busy || seconds > 0 || current === '' || hasProblems(newPassphraseProblems(next, confirm))) return;
    setBusy(true);
    setFailure(null);
    try {
      await session.changePassphrase(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setTried(false);
      setDone(true);
    } catch (error) {
      setFailure(failureOf(error));
      setCurrent('');
    } finally {
      setBusy(false);
    }
  };

  const message =
    failure === null ? undefined : failure.code === 'wrong-passphrase' ? t('settings:passphrase.wrongCurrent') : errorText(failure);

  return (
    <Stack gap="sm" component="section" aria-labelledby={titleId}>
      <Title order={2} id={titleId}>
        {t('settings:passphrase.title')}
      </Title>
      <Text c="dimmed" maw="70ch">
        {t('settings:passphrase.description')}
      </Text>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm" maw="30rem">
          <PassphraseInput
            label={t('settings:passphrase.current')}
            value={current}
            onChange={setCurrent}
            error={tried && current === '' ? t('vault:passphrase.errors.required') : undefined}
            autoComplete="current-password"
          />
          <NewPassphraseFields
            passphrase={next}
            confirm={confirm}
            onPassphraseChange={setNext}
            onConfirmChange={setConfirm}
            showProblems={tried}
            passphraseLabel={t('settings:passphrase.new')}
            confirmLabel={t('settings:passphrase.confirm')}
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
              <Text>{t('settings:passphrase.working')}</Text>
            </Group>
          ) : null}
          <div aria-live="polite">
            {done ? (
              <Text c="teal.9" size="sm">
                {t('settings:passphrase.changed')}
              </Text>
            ) : null}
          </div>
          <Group>
            <Button type="submit" loading={busy} disabled={seconds > 0}>
              {t('settings:passphrase.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
