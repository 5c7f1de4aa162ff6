import { useTranslation } from 'react-i18next';
import { SectionIntro } from '../../ui';

export function DelegationsPage() {
  const { t } = useTranslation(['sections', 'common']);
  return (
    <SectionIntro
      title={t('sections:delegations.title')}
      summary={t('sections:delegations.summary')}
      details={t('sections:delegations.details')}
      notice={t('common:inPreparation')}
    />
  );
}
