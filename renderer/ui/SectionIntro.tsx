/**
 * A section that is part of the navigation frame but whose features come later: its title, what it
 * will hold, and a plain notice that nothing is stored or shown here yet. No placeholder data.
 */
import { Alert, Stack, Text } from '@mantine/core';
import { IconTools } from '@tabler/icons-react';
import { PageHeader } from './PageHeader';

export interface SectionIntroProps {
  readonly title: string;
  readonly summary: string;
  readonly details: string;
  readonly notice: string;
}

export function SectionIntro({ title, summary, details, notice }: SectionIntroProps) {
  return (
    <Stack gap="md">
      <PageHeader title={title} description={summary} />
      <Text maw="70ch">{details}</Text>
      <Alert role="note" variant="light" color="gray" icon={<IconTools aria-hidden="true" />} maw="70ch">
        {notice}
      </Alert>
    </Stack>
  );
}
