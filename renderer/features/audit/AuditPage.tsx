import { useTranslation } from 'react-i18next';
import { SectionIntro } from '../../ui';

export function AuditPage() {
  const { t } = useTranslation(['sections', 'common']);
  return (
    <SectionIntro
      title={t('sections:audit.title')}
      summary={t('sections:audit.summary')}
      details={t('sections:audit.details')}
      notice={t('common:inPreparation')}
    />
  );
}
