/**
 * The strength meter of DESIGN.md §6, from `passphraseRules` (shared/crypto/passphrase.ts): a 0–4
 * meter with its level in words and the rules' hints, translated.
 */
import { Stack, Text } from '@mantine/core';
import { passphraseRules } from '@shared/crypto/passphrase';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import './vault.css';

export function StrengthMeter({ passphrase }: { readonly passphrase: string }) {
  const { t } = useTranslation('vault');
  const labelId = useId();
  const assessment = passphraseRules(passphrase);
  const level = t(`passphrase.strength.levels.${assessment.strength}`);
  const empty = passphrase === '';
  // Very weak still lights one (red) segment, so an entered passphrase never looks like an empty one.
  const filled = empty ? 0 : Math.max(1, assessment.strength);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={labelId}>
        {t('passphrase.strength.label')}
      </Text>
      <div
        className="td-strength"
        role="meter"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={assessment.strength}
        aria-valuetext={level}
        data-strength={empty ? undefined : assessment.strength}
      >
        {[0, 1, 2, 3].map((segment) => (
          <span key={segment} className="td-strength-segment" data-filled={segment < filled ? '' : undefined} />
        ))}
      </div>
      {empty ? null : (
        <>
          <Text size="sm" data-strength-label>
            {t('passphrase.strength.value', { level })}
          </Text>
          {assessment.hints.length > 0 ? (
            <ul className="td-strength-hints">
              {assessment.hints.map((hint) => (
                <li key={hint}>
                  <Text size="sm" c="dimmed" component="span">
                    {t(`passphrase.strength.hints.${hint}`, { min: assessment.minLength, length: assessment.length })}
                  </Text>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </Stack>
  );
}
