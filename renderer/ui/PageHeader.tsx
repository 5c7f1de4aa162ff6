/** The top of every page: its one h1 and an optional lead paragraph. */
import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export interface PageHeaderProps {
  readonly title: ReactNode;
  readonly description?: ReactNode;
}

export function PageHeader({ title, description }: PageHeaderProps) {
  return (
    <Stack gap="xs">
      <Title order={1}>{title}</Title>
      {description === undefined ? null : (
        <Text size="lg" c="dimmed" maw="70ch">
          {description}
        </Text>
      )}
    </Stack>
  );
}
