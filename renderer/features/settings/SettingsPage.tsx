import { useTranslation } from 'react-i18next';
import { SectionIntro } from '../../ui';

export function SettingsPage() {
  const { t } = useTranslation(['sections', 'common']);
  return (
    <SectionIntro
      title={t('sections:settings.title')}
      summary={t('sections:settings.summary')}
      details={t('sections:settings.details')}
      notice={t('common:inPreparation')}
    />
  );
}
