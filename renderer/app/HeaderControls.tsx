/** The header's brand, language switch and theme toggle: in the shell and on the screens before unlocking. */
import { ActionIcon, SegmentedControl, VisuallyHidden } from '@mantine/core';
import { IconMoon, IconSun } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { AppLogo } from '../ui';
import { useUi } from './contexts';
import { isLanguage, LANGUAGES, type Language } from './ui-store';

function LanguageLabel({ language }: { readonly language: Language }) {
  const { t } = useTranslation('common');
  return (
    <span lang={language}>
      <span aria-hidden="true">{t(`language.${language}.short`)}</span>
      <VisuallyHidden>{t(`language.${language}.name`)}</VisuallyHidden>
    </span>
  );
}

export function LanguageSwitch() {
  const { t } = useTranslation('common');
  const language = useUi((state) => state.language);
  const setLanguage = useUi((state) => state.setLanguage);
  return (
    <SegmentedControl
      aria-label={t('language.label')}
      size="xs"
      value={language}
      onChange={(value) => {
        if (isLanguage(value)) setLanguage(value);
      }}
      data={LANGUAGES.map((value) => ({ value, label: <LanguageLabel language={value} /> }))}
    />
  );
}

export function ThemeToggle() {
  const { t } = useTranslation('common');
  const colorScheme = useUi((state) => state.colorScheme);
  const toggleColorScheme = useUi((state) => state.toggleColorScheme);
  const dark = colorScheme === 'dark';
  return (
    <ActionIcon
      variant="default"
      size="lg"
      onClick={toggleColorScheme}
      aria-label={dark ? t('theme.toLight') : t('theme.toDark')}
    >
      {dark ? <IconSun size={18} aria-hidden="true" /> : <IconMoon size={18} aria-hidden="true" />}
    </ActionIcon>
  );
}

/** The logo and product name at the start of every header. */
export function HeaderBrand() {
  const { t } = useTranslation('common');
  return (
    <div className="td-brand">
      <AppLogo size={26} />
      <span className="td-brand-name">{t('appName')}</span>
    </div>
  );
}
