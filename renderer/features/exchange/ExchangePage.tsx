import { useTranslation } from 'react-i18next';
import { SectionIntro } from '../../ui';

export function ExchangePage() {
  const { t } = useTranslation(['sections', 'common']);
  return (
    <SectionIntro
      title={t('sections:exchange.title')}
      summary={t('sections:exchange.summary')}
      details={t('sections:exchange.details')}
      notice={t('common:inPreparation')}
    />
  );
}
