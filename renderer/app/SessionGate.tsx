/**
 * Which screen the app shows (issue 3): while the vault answers, a loading state; a first run, the
 * set-up; a locked vault, the unlock screen; an unlocked one, the shell (`children`). While unlocked it
 * also locks after the idle time of the settings, on Ctrl+L / ⌘L, and whenever the platform says the
 * OS locked, suspended or switched user.
 */
import { Group, Loader, Text } from '@mantine/core';
import { useCallback, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SETTINGS } from '@shared/ipc/vault-protocol';
import { SetupWizard, UnlockScreen, VaultUnavailable } from '../features/vault';
import { usePlatform } from './contexts';
import { useLockShortcut } from './lock-shortcut';
import { LockedFrame } from './LockedFrame';
import { useClock, useIdleLock, useSession, useVaultSession, WORKING_SET_PAINTED_MARK } from './session';

function Waiting({ text }: { readonly text: string }) {
  return (
    <Group gap="sm" role="status" mt="xl">
      <Loader size="sm" aria-hidden="true" />
      <Text>{text}</Text>
    </Group>
  );
}

/**
 * Once the first screen after unlocking has been painted with the working set, says so: a performance
 * mark and the record count on <html> (what `npm run bench` measures as vault.unlock.10k).
 */
function useWorkingSetPainted(): void {
  const session = useVaultSession();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      // The callback runs before the frame's paint; a task queued from it runs after.
      timer = setTimeout(() => {
        const count = session.workingSet.getState().records.length;
        document.documentElement.dataset['workingSetSize'] = String(count);
        performance.mark(WORKING_SET_PAINTED_MARK, { detail: { records: count } });
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [session]);
}

/**
 * First run. Once `create` has answered, the worker holds the keys while the recovery sheet is on
 * screen, so the idle lock (at the default idle time) and Ctrl+L guard this screen too; before that,
 * locking only reloads the empty set-up.
 */
function FirstRun() {
  const session = useVaultSession();
  const clock = useClock();
  const lock = useCallback(() => {
    void session.lock();
  }, [session]);
  useIdleLock({ minutes: DEFAULT_SETTINGS.idleLockMinutes, onIdle: lock, clock });
  useLockShortcut(lock);
  return (
    <LockedFrame>
      <SetupWizard />
    </LockedFrame>
  );
}

function Unlocked({ children }: { readonly children: ReactNode }) {
  const session = useVaultSession();
  const clock = useClock();
  useWorkingSetPainted();
  const platform = usePlatform();
  const minutes = useSession((state) => (state.status === 'unlocked' ? state.settings.idleLockMinutes : undefined));
  const lock = useCallback(() => {
    void session.lock();
  }, [session]);
  useIdleLock({ minutes, onIdle: lock, clock });
  // The platform's system-wide idle watch (Electron on Linux) follows the same setting.
  useEffect(() => {
    if (minutes !== undefined) {
      platform.setIdleLock({ minutes }).catch(() => {
        // The page's own idle timer still locks; a refused report only leaves the OS default in place.
      });
    }
  }, [platform, minutes]);
  useLockShortcut(lock);
  return children;
}

export function SessionGate({ children }: { readonly children: ReactNode }) {
  const { t } = useTranslation('vault');
  const session = useVaultSession();
  const platform = usePlatform();
  const state = useSession((value) => value);

  useEffect(() => {
    void session.start();
  }, [session]);
  useEffect(() => session.connect(), [session]);
  useEffect(
    () =>
      platform.onLockNow(() => {
        void session.lock();
      }),
    [platform, session],
  );

  switch (state.status) {
    case 'unlocked':
      return <Unlocked>{children}</Unlocked>;
    case 'loading':
      return (
        <LockedFrame>
          <Waiting text={t('loading')} />
        </LockedFrame>
      );
    case 'locking':
      return (
        <LockedFrame>
          <Waiting text={t('locking')} />
        </LockedFrame>
      );
    case 'failed':
      return (
        <LockedFrame>
          <VaultUnavailable
            failure={state.failure}
            onRetry={() => {
              session.retry();
            }}
          />
        </LockedFrame>
      );
    case 'empty':
      return <FirstRun />;
    case 'locked':
      return (
        <LockedFrame>
          <UnlockScreen />
        </LockedFrame>
      );
  }
}
