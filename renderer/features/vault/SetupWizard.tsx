/**
 * First run (DESIGN.md §6, issue 3): three steps. 1. the delegation (name, country, role); 2. the
 * passphrase, after which the vault is created ("Deriving keys…"); 3. the fingerprint and the recovery
 * sheet, which must be printed or written down before the app opens. The sheet's words are held in this
 * component's state only and dropped when the user continues.
 */
import { Alert, Button, Checkbox, Group, Loader, Radio, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { ROLES, type Role } from '@shared/crypto/formats';
import type { Profile } from '@shared/ipc/vault-protocol';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { failureOf, useDocumentTitle, useVaultSession, type CreatedVault, type VaultFailure } from '../../app/hooks';
import { countryGroups } from './countries';
import { useVaultErrorText } from './errors';
import { hasProblems, NewPassphraseFields, newPassphraseProblems } from './NewPassphraseFields';
import { FingerprintGroups, PrintSheetButton, RecoverySheetView } from './RecoverySheetView';
import './vault.css';

const STEPS = ['profile', 'passphrase', 'sheet'] as const;
type Step = (typeof STEPS)[number];

const NAME_MIN = 2;
const NAME_MAX = 120;

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

function StepList({ step }: { readonly step: Step }) {
  const { t } = useTranslation('vault');
  const current = STEPS.indexOf(step);
  return (
    <ol className="td-steps" aria-label={t('setup.steps.label')}>
      {STEPS.map((id, index) => (
        <li key={id} aria-current={id === step ? 'step' : undefined} data-done={index < current ? '' : undefined}>
          <span className="td-step-number" aria-hidden="true">
            {index + 1}
          </span>
          {t(`setup.steps.${id}`)}
        </li>
      ))}
    </ol>
  );
}

function FailureAlert({ failure }: { readonly failure: VaultFailure | null }) {
  const errorText = useVaultErrorText();
  if (failure === null) return null;
  return (
    <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden="true" />}>
      {errorText(failure)}
    </Alert>
  );
}

export function SetupWizard() {
  const { t, i18n } = useTranslation('vault');
  const session = useVaultSession();
  useDocumentTitle(t('setup.documentTitle'));

  const [step, setStep] = useState<Step>('profile');
  const [name, setName] = useState('');
  const [country, setCountry] = useState<string | null>(null);
  const [role, setRole] = useState<Role | null>(null);
  const [profileTried, setProfileTried] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [passphraseTried, setPassphraseTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<VaultFailure | null>(null);
  /** The created vault and its recovery sheet: here only, until the user continues. */
  const [created, setCreated] = useState<CreatedVault | null>(null);
  const [profile, setProfile] = useState<Profile | null>(null);
  const [sheetConfirmed, setSheetConfirmed] = useState(false);
  const [continueTried, setContinueTried] = useState(false);

  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusedStep = useRef<Step>(step);
  useEffect(() => {
    // Moving to another step moves focus to its heading, so a screen reader starts reading there.
    if (focusedStep.current === step) return;
    focusedStep.current = step;
    headingRef.current?.focus();
  }, [step]);

  const countries = useMemo(
    () =>
      countryGroups(i18n.language, {
        foundingMembers: t('setup.profile.foundingMembers'),
        organisations: t('setup.profile.organisations'),
        allCountries: t('setup.profile.allCountries'),
      }),
    [i18n.language, t],
  );

  const trimmedName = name.trim();
  const nameError =
    trimmedName.length < NAME_MIN ? t('setup.profile.errors.nameRequired') : trimmedName.length > NAME_MAX ? t('setup.profile.errors.nameTooLong') : undefined;
  const countryError = country === null ? t('setup.profile.errors.countryRequired') : undefined;
  const roleError = role === null ? t('setup.profile.errors.roleRequired') : undefined;

  const submitProfile = (event: FormEvent): void => {
    event.preventDefault();
    setProfileTried(true);
    if (nameError !== undefined || countryError !== undefined || roleError !== undefined) return;
    setStep('passphrase');
  };

  const submitPassphrase = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setPassphraseTried(true);
    if (busy || hasProblems(newPassphraseProblems(passphrase, confirm)) || country === null || role === null) return;
    setBusy(true);
    setFailure(null);
    try {
      const result = await session.create({ name: trimmedName.normalize('NFC'), country, role }, passphrase);
      setPassphrase('');
      setConfirm('');
      setCreated(result);
      setProfile(result.profile);
      setStep('sheet');
    } catch (error) {
      setFailure(failureOf(error));
    } finally {
      setBusy(false);
    }
  };

  const finish = async (): Promise<void> => {
    setContinueTried(true);
    if (!sheetConfirmed || profile === null || busy) return;
    // The words leave memory as far as this page can make them: no state holds them any more.
    setCreated(null);
    setBusy(true);
    setFailure(null);
    try {
      await session.completeSetup(profile);
    } catch (error) {
      setFailure(failureOf(error));
      setBusy(false);
    }
  };

  const stepIndex = STEPS.indexOf(step);
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('setup.title')}</Title>
        <Text c="dimmed" maw="70ch">
          {t('setup.intro')}
        </Text>
      </Stack>
      <StepList step={step} />
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          {t('setup.stepOf', { current: stepIndex + 1, total: STEPS.length })}
        </Text>
        <Title order={2} ref={headingRef} tabIndex={-1} className="td-step-heading">
          {step === 'profile' ? t('setup.profile.title') : step === 'passphrase' ? t('setup.passphrase.title') : t('setup.sheet.title')}
        </Title>
      </Stack>

      {step === 'profile' ? (
        <form onSubmit={submitProfile} noValidate>
          <Stack gap="md">
            <TextInput
              label={t('setup.profile.name')}
              description={t('setup.profile.nameDescription')}
              value={name}
              onChange={(event) => {
                setName(event.currentTarget.value);
              }}
              error={profileTried ? nameError : undefined}
              maxLength={NAME_MAX + 20}
              autoComplete="organization"
              required
              withAsterisk={false}
              autoFocus
            />
            <Select
              label={t('setup.profile.country')}
              placeholder={t('setup.profile.countryPlaceholder')}
              nothingFoundMessage={t('setup.profile.countryNothingFound')}
              data={countries}
              value={country}
              onChange={setCountry}
              error={profileTried ? countryError : undefined}
              searchable
              allowDeselect={false}
              maxDropdownHeight={320}
              required
              withAsterisk={false}
            />
            <Radio.Group
              label={t('setup.profile.role')}
              description={t('setup.profile.roleDescription')}
              value={role}
              onChange={(value) => {
                setRole(isRole(value) ? value : null);
              }}
              error={profileTried ? roleError : undefined}
            >
              <Stack gap="sm" mt="xs">
                {ROLES.map((value) => (
                  <Radio key={value} value={value} label={t(`roles.${value}.label`)} description={t(`roles.${value}.description`)} />
                ))}
              </Stack>
            </Radio.Group>
            <Group>
              <Button type="submit">{t('setup.profile.next')}</Button>
            </Group>
          </Stack>
        </form>
      ) : null}

      {step === 'passphrase' ? (
        <form onSubmit={(event) => void submitPassphrase(event)} noValidate>
          <Stack gap="md">
            <Text maw="70ch">{t('setup.passphrase.intro')}</Text>
            <NewPassphraseFields
              passphrase={passphrase}
              confirm={confirm}
              onPassphraseChange={setPassphrase}
              onConfirmChange={setConfirm}
              showProblems={passphraseTried}
              passphraseLabel={t('setup.passphrase.passphrase')}
              confirmLabel={t('setup.passphrase.confirm')}
              disabled={busy}
            />
            <FailureAlert failure={failure} />
            {busy ? (
              <Group gap="sm" role="status">
                <Loader size="sm" aria-hidden="true" />
                <Text>{t('setup.passphrase.deriving')}</Text>
              </Group>
            ) : null}
            <Group>
              <Button
                variant="default"
                disabled={busy}
                onClick={() => {
                  setFailure(null);
                  setStep('profile');
                }}
              >
                {t('setup.passphrase.back')}
              </Button>
              <Button type="submit" loading={busy}>
                {t('setup.passphrase.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}

      {step === 'sheet' ? (
        <Stack gap="lg">
          {profile === null ? null : (
            <Alert color="teal" icon={<IconCircleCheck aria-hidden="true" />} className="td-no-print">
              {t('setup.sheet.created', { name: profile.name })}
            </Alert>
          )}
          {profile === null ? null : (
            <Stack gap="xs" className="td-no-print">
              <Title order={3}>{t('setup.sheet.fingerprint')}</Title>
              <FingerprintGroups groups={profile.fingerprint} label={t('setup.sheet.fingerprint')} />
              <Text size="sm" c="dimmed" maw="70ch">
                {t('setup.sheet.fingerprintHelp')}
              </Text>
            </Stack>
          )}
          {created === null ? null : (
            <>
              <PrintSheetButton />
              <RecoverySheetView sheet={created.recoverySheet} headingOrder={3} />
            </>
          )}
          <Stack gap="sm" className="td-no-print">
            <Checkbox
              label={t('setup.sheet.confirm')}
              checked={sheetConfirmed}
              onChange={(event) => {
                setSheetConfirmed(event.currentTarget.checked);
              }}
              error={continueTried && !sheetConfirmed ? t('setup.sheet.mustConfirm') : undefined}
              disabled={busy}
            />
            <FailureAlert failure={failure} />
            <Group>
              <Button onClick={() => void finish()} loading={busy}>
                {t('setup.sheet.continue')}
              </Button>
            </Group>
          </Stack>
        </Stack>
      ) : null}
    </Stack>
  );
}
