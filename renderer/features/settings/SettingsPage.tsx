/** Settings of this workstation, all kept in the vault (issue 3). */
import { Divider, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui';
import { AppearanceForm } from './AppearanceForm';
import { ChangePassphraseForm } from './ChangePassphraseForm';
import { DemoDataSection } from './DemoDataSection';
import { IdleLockForm } from './IdleLockForm';
import { RenewRecoverySheet } from './RenewRecoverySheet';
import { StorageSection } from './StorageSection';

export function SettingsPage() {
  const { t } = useTranslation('sections');
  return (
    <Stack gap="xl">
      <PageHeader title={t('settings.title')} description={t('settings.summary')} />
      <DemoDataSection />
      <IdleLockForm />
      <Divider />
      <AppearanceForm />
      <Divider />
      <ChangePassphraseForm />
      <Divider />
      <RenewRecoverySheet />
      <Divider />
      <StorageSection />
    </Stack>
  );
}
