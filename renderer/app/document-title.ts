/** Sets the window title to "PAGE — Tallinn Desk" in the current language while mounted. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export function useDocumentTitle(title: string): void {
  const { t } = useTranslation('common');
  const full = t('documentTitle', { section: title, appName: t('appName') });
  useEffect(() => {
    document.title = full;
  }, [full]);
}
