import { useTranslation } from 'react-i18next';
import { SectionIntro } from '../../ui';

export function OffersPage() {
  const { t } = useTranslation(['sections', 'common']);
  return (
    <SectionIntro
      title={t('sections:offers.title')}
      summary={t('sections:offers.summary')}
      details={t('sections:offers.details')}
      notice={t('common:inPreparation')}
    />
  );
}
