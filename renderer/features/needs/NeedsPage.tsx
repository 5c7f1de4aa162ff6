import { useTranslation } from 'react-i18next';
import { SectionIntro } from '../../ui';

export function NeedsPage() {
  const { t } = useTranslation(['sections', 'common']);
  return (
    <SectionIntro
      title={t('sections:needs.title')}
      summary={t('sections:needs.summary')}
      details={t('sections:needs.details')}
      notice={t('common:inPreparation')}
    />
  );
}
