/** The export wizard's steps, numbered, with the current one marked for assistive technology. */
import { useTranslation } from 'react-i18next';

export const EXPORT_STEPS = ['recipients', 'scope', 'preview', 'seal'] as const;
export type ExportStep = (typeof EXPORT_STEPS)[number];

export function StepList({ step }: { readonly step: ExportStep }) {
  const { t } = useTranslation('exchange');
  return (
    <ol className="td-exchange-steps" aria-label={t('export.steps.label')}>
      {EXPORT_STEPS.map((id, index) => (
        <li key={id} aria-current={id === step ? 'step' : undefined}>
          <span className="td-exchange-step-number" aria-hidden="true">
            {index + 1}
          </span>
          {t(`export.steps.${id}`)}
        </li>
      ))}
    </ol>
  );
}
