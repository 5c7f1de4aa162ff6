import { useTranslation } from 'react-i18next';
import { SectionIntro } from '../../ui';

export function DashboardPage() {
  const { t } = useTranslation(['sections', 'common']);
  return (
    <SectionIntro
      title={t('sections:dashboard.title')}
      summary={t('sections:dashboard.summary')}
      details={t('sections:dashboard.details')}
      notice={t('common:inPreparation')}
    />
  );
}
