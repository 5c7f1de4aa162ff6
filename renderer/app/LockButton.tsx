/** Locks the vault from the header; its tooltip and `aria-keyshortcuts` name the keyboard shortcut. */
import { ActionIcon, Tooltip } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { lockShortcutAria, lockShortcutLabel } from './lock-shortcut';
import { useVaultSession } from './session';

export function LockButton() {
  const { t } = useTranslation('common');
  const session = useVaultSession();
  const shortcut = lockShortcutLabel(navigator);
  return (
    <Tooltip label={t('lock.tooltip', { shortcut })} withArrow openDelay={300}>
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={t('lock.button')}
        aria-keyshortcuts={lockShortcutAria(navigator)}
        onClick={() => {
          void session.lock();
        }}
      >
        <IconLock size={18} aria-hidden="true" />
      </ActionIcon>
    </Tooltip>
  );
}
