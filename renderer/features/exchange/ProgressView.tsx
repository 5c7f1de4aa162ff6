/** How far a long command has come: a progress bar with an accessible name and the stage in words. */
import { Progress, Stack, Text } from '@mantine/core';
import type { VaultProgress } from '@shared/ipc/vault-protocol';
import { useExchangeLabels } from './labels';

export function ProgressView({ label, progress, waiting }: { readonly label: string; readonly progress: VaultProgress | null; readonly waiting: string }) {
  const labels = useExchangeLabels();
  const percent = progress === null || progress.total === 0 ? 0 : Math.min(100, Math.round((progress.done / progress.total) * 100));
  return (
    <Stack gap={6} maw="40rem" data-progress={percent}>
      <Progress.Root size="lg">
        <Progress.Section value={percent} animated striped aria-label={label} />
      </Progress.Root>
      <Text size="sm" role="status">
        {progress === null ? waiting : labels.progress(progress)}
      </Text>
    </Stack>
  );
}
