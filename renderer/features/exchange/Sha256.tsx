/** A SHA-256 in hex, monospace and selected whole with one click, for matching against the stick. */
import { Text } from '@mantine/core';

export function Sha256({ label, value }: { readonly label: string; readonly value: string | null }) {
  return (
    <Text component="div" size="xs">
      <Text span size="xs" fw={600}>
        {label}{' '}
      </Text>
      <code className="td-hash" data-sha256={value ?? ''}>
        {value ?? '—'}
      </code>
    </Text>
  );
}
