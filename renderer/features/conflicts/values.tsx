/**
 * A record value and who wrote it, as text. Values come from other workstations and are never trusted:
 * React renders them as text nodes; objects and arrays are pretty-printed JSON in a <pre>. Nothing here
 * is ever interpreted as HTML.
 */
import { Badge, Code, Text } from '@mantine/core';
import type { ConflictHead } from '@shared/ipc/vault-protocol';
import type { Json } from '@shared/sync/json';
import { useTranslation } from 'react-i18next';
import { useConflictLabels } from './labels';

type Scalar = string | number | boolean | null;

export function isStructured(value: Json): value is Exclude<Json, Scalar> {
  return typeof value === 'object' && value !== null;
}

/** A string, number, yes/no or "no value", inline. */
export function ScalarText({ value }: { readonly value: Scalar }) {
  const { t } = useTranslation('conflicts');
  if (value === null) return <span className="td-conflict-placeholder">{t('value.null')}</span>;
  if (typeof value === 'boolean') return <span>{value ? t('value.true') : t('value.false')}</span>;
  if (value === '') return <span className="td-conflict-placeholder">{t('value.empty')}</span>;
  return <span className="td-conflict-text">{String(value)}</span>;
}

/** An object or array as indented JSON text. */
export function StructuredValue({ value }: { readonly value: Exclude<Json, Scalar> }) {
  return (
    <Code block className="td-conflict-json">
      {JSON.stringify(value, null, 2)}
    </Code>
  );
}

/** Any value: inline for scalars, a block for structured ones. */
export function ValueView({ value }: { readonly value: Json }) {
  return isStructured(value) ? <StructuredValue value={value} /> : <ScalarText value={value} />;
}

/** Who wrote a value, when, on which workstation; and whether it is the one every replica shows now. */
export function HeadMeta({
  head,
  shownNow = false,
  action,
}: {
  readonly head: ConflictHead;
  readonly shownNow?: boolean;
  /** What the writer did, with `who` filled in; "By {{who}}" unless given. */
  readonly action?: (who: string) => string;
}) {
  const { t } = useTranslation('conflicts');
  const labels = useConflictLabels();
  const who = labels.who(head);
  return (
    <Text size="sm" component="div" className="td-conflict-meta">
      {action === undefined ? t('head.by', { who }) : action(who)}
      {' · '}
      <time dateTime={head.at}>{labels.time(head.at)}</time>
      {' · '}
      {labels.device(head.device)}
      {shownNow ? (
        <>
          {' '}
          <Badge size="sm" variant="filled" tt="none" className="td-conflict-shown" data-shown-now="">
            {t('head.shownNow')}
          </Badge>
        </>
      ) : null}
    </Text>
  );
}
