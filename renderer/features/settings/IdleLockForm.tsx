/** The idle time before the vault locks itself: 1–240 whole minutes, saved in the vault's settings. */
import { Alert, Button, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { failureOf, useSettings, useVaultSession, type VaultFailure } from '../../app/hooks';
import { useVaultErrorText } from '../vault';

const MIN = 1;
const MAX = 240;

export function IdleLockForm() {
  const { t } = useTranslation('settings');
  const session = useVaultSession();
  const settings = useSettings();
  const errorText = useVaultErrorText();
  const titleId = useId();
  const [value, setValue] = useState<number | string>(settings?.idleLockMinutes ?? 10);
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  const [failure, setFailure] = useState<VaultFailure | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const minutes = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(minutes) || minutes < MIN || minutes > MAX) {
      setInvalid(true);
      setSaved(null);
      return;
    }
    setInvalid(false);
    setBusy(true);
    setFailure(null);
    setSaved(null);
    try {
      const next = await session.updateSettings({ idleLockMinutes: minutes });
      setSaved(next.idleLockMinutes);
    } catch (error) {
      setFailure(failureOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby={titleId}>
      <Title order={2} id={titleId}>
        {t('idle.title')}
      </Title>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm" maw="30rem">
          <NumberInput
            label={t('idle.label')}
            description={t('idle.description')}
            value={value}
            onChange={(next) => {
              setValue(next);
              setSaved(null);
            }}
            min={MIN}
            max={MAX}
            step={1}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            error={invalid ? t('idle.range') : undefined}
            w="12rem"
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t('idle.save')}
            </Button>
          </Group>
          <div aria-live="polite">
            {saved === null ? null : (
              <Text c="teal.9" size="sm">
                {t('idle.saved', { minutes: saved })}
              </Text>
            )}
          </div>
          {failure === null ? null : (
            <Alert color="red" role="alert">
              {errorText(failure)}
            </Alert>
          )}
        </Stack>
      </form>
    </Stack>
  );
}
