/**
 * The recovery sheet (DESIGN.md §6) laid out for the screen and for paper: delegation, id,
 * fingerprint, date, the recovery words and the next rotation key's words numbered 1–24, and the
 * revocation certificate. The sheet's data is passed in by the component that received it from the
 * vault and holds it in its own state only; nothing here keeps a copy.
 */
import { Button, Stack, Text, Title } from '@mantine/core';
import type { RecoverySheet } from '@shared/crypto/recovery-sheet';
import { IconPrinter } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatform } from '../../app/hooks';
import './recovery-sheet.css';

function WordList({ words, title }: { readonly words: readonly string[]; readonly title: string }) {
  const { t } = useTranslation('vault');
  return (
    <ol className="td-word-list" aria-label={t('sheet.wordsLabel', { title })}>
      {words.map((word, index) => (
        // The position is the identity of a word on the sheet.
        <li key={index}>
          <span className="td-word-number" aria-hidden="true">
            {index + 1}.
          </span>
          <span>{word}</span>
        </li>
      ))}
    </ol>
  );
}

/** "AbCd…" → lines of 64 characters, so the certificate can be copied by hand in chunks. */
function chunk(text: string, size = 64): string {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += size) lines.push(text.slice(i, i + size));
  return lines.join('\n');
}

export function FingerprintGroups({ groups, label }: { readonly groups: readonly string[]; readonly label: string }) {
  return (
    <ul className="td-fingerprint" aria-label={label}>
      {groups.map((group, index) => (
        // Groups repeat in principle ("00000"), so the position is the key.
        <li key={`${index}-${group}`}>{group}</li>
      ))}
    </ul>
  );
}

export interface RecoverySheetViewProps {
  readonly sheet: RecoverySheet;
  /** Heading level of the sheet's title (2 by default). */
  readonly headingOrder?: 2 | 3;
}

export function RecoverySheetView({ sheet, headingOrder = 2 }: RecoverySheetViewProps) {
  const { t, i18n } = useTranslation('vault');
  const titleId = useId();
  const sub = headingOrder === 2 ? 3 : 4;
  const created = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(sheet.created));
  return (
    <section className="td-recovery-sheet" aria-labelledby={titleId} data-recovery-sheet="">
      <Stack gap="md">
        <Title order={headingOrder} id={titleId}>
          {t('sheet.title')}
        </Title>
        <Text fw={600}>{t('sheet.warning')}</Text>
        <dl className="td-sheet-facts td-sheet-block">
          <dt>{t('sheet.delegation')}</dt>
          <dd>{sheet.delegation.name}</dd>
          <dt>{t('sheet.delegationId')}</dt>
          <dd>
            <code>{sheet.delegation.id}</code>
          </dd>
          <dt>{t('sheet.fingerprint')}</dt>
          <dd>
            <code>{sheet.fingerprint.join(' ')}</code>
          </dd>
          <dt>{t('sheet.created')}</dt>
          <dd>
            <time dateTime={sheet.created}>{created}</time>
          </dd>
        </dl>
        <Stack gap="xs" className="td-sheet-block">
          <Title order={sub}>{t('sheet.recoveryWords')}</Title>
          <Text size="sm">{t('sheet.recoveryWordsHelp')}</Text>
          <WordList words={sheet.recoveryWords} title={t('sheet.recoveryWords')} />
        </Stack>
        <Stack gap="xs" className="td-sheet-block">
          <Title order={sub}>{t('sheet.nextKeyWords')}</Title>
          <Text size="sm">{t('sheet.nextKeyWordsHelp')}</Text>
          <WordList words={sheet.nextRotationKeyWords} title={t('sheet.nextKeyWords')} />
        </Stack>
        <Stack gap="xs">
          <Title order={sub}>{t('sheet.revocation')}</Title>
          <Text size="sm">{t('sheet.revocationHelp')}</Text>
          <code className="td-certificate" aria-label={t('sheet.revocation')}>
            {chunk(sheet.revocationCertificateB64)}
          </code>
        </Stack>
      </Stack>
    </section>
  );
}

/**
 * The print button for a sheet on the page. Printing goes through the platform (DeskApi `print()`: the
 * desktop app prints the window, the web platform calls window.print()); the print stylesheet
 * (recovery-sheet.css) leaves only the sheet on paper. Says so when printing fails.
 */
export function PrintSheetButton() {
  const { t } = useTranslation('vault');
  const platform = usePlatform();
  const [failed, setFailed] = useState(false);
  return (
    <Stack gap="xs" className="td-no-print">
      <Button
        variant="light"
        leftSection={<IconPrinter size={18} aria-hidden="true" />}
        onClick={() => {
          setFailed(false);
          platform.print().then(
            (result) => {
              setFailed(result.status === 'failed');
            },
            () => {
              setFailed(true);
            },
          );
        }}
        w="fit-content"
      >
        {t('sheet.print')}
      </Button>
      {failed ? (
        <Text role="alert" c="red.9" size="sm">
          {t('sheet.printFailed')}
        </Text>
      ) : null}
    </Stack>
  );
}
