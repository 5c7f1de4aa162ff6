/**
 * Language and colour theme. They change the UI store, as the header's switches do; the vault session
 * writes every change into the vault's settings (app/session), so both places stay the same.
 */
import { SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES, useUi } from '../../app/hooks';

export function AppearanceForm() {
  const { t } = useTranslation(['settings', 'common']);
  const titleId = useId();
  const languageLabelId = useId();
  const themeLabelId = useId();
  const language = useUi((state) => state.language);
  const setLanguage = useUi((state) => state.setLanguage);
  const colorScheme = useUi((state) => state.colorScheme);
  const setColorScheme = useUi((state) => state.setColorScheme);
  return (
    <Stack gap="sm" component="section" aria-labelledby={titleId}>
      <Title order={2} id={titleId}>
        {t('settings:appearance.title')}
      </Title>
      <Text c="dimmed" maw="70ch">
        {t('settings:appearance.description')}
      </Text>
      <Stack gap={4}>
        <Text fw={500} size="sm" id={languageLabelId}>
          {t('settings:appearance.language')}
        </Text>
        <SegmentedControl
          aria-labelledby={languageLabelId}
          value={language}
          onChange={(value) => {
            if (isLanguage(value)) setLanguage(value);
          }}
          data={LANGUAGES.map((value) => ({
            value,
            label: <span lang={value}>{t(`common:language.${value}.name`)}</span>,
          }))}
          w="fit-content"
        />
      </Stack>
      <Stack gap={4}>
        <Text fw={500} size="sm" id={themeLabelId}>
          {t('settings:appearance.theme')}
        </Text>
        <SegmentedControl
          aria-labelledby={themeLabelId}
          value={colorScheme}
          onChange={setColorScheme}
          data={[
            { value: 'light', label: t('settings:appearance.light') },
            { value: 'dark', label: t('settings:appearance.dark') },
          ]}
          w="fit-content"
        />
      </Stack>
    </Stack>
  );
}
