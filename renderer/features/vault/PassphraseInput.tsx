/**
 * A passphrase field with the hints of DESIGN.md §6: Caps Lock, and the script of the last typed
 * character (Latin or Cyrillic). The hints are announced politely; the passphrase itself lives only in
 * the value the parent holds, never in a store.
 */
import { Group, PasswordInput, Text } from '@mantine/core';
import { IconAlertTriangle, IconKeyboard } from '@tabler/icons-react';
import type { ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useKeyboardHints } from './keyboard';

export interface PassphraseInputProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: ReactNode;
  readonly description?: ReactNode;
  readonly autoComplete: 'current-password' | 'new-password';
  readonly autoFocus?: boolean | undefined;
  readonly disabled?: boolean | undefined;
  readonly inputRef?: Ref<HTMLInputElement> | undefined;
}

export function PassphraseInput({ label, value, onChange, error, description, autoComplete, autoFocus, disabled, inputRef }: PassphraseInputProps) {
  const { t } = useTranslation('vault');
  const { capsLock, script, onKey } = useKeyboardHints();
  return (
    <div>
      <PasswordInput
        {...(inputRef === undefined ? {} : { ref: inputRef })}
        label={label}
        value={value}
        onChange={(event) => {
          onChange(event.currentTarget.value);
        }}
        onKeyDown={onKey}
        onKeyUp={onKey}
        error={error}
        description={description}
        autoComplete={autoComplete}
        autoFocus={autoFocus ?? false}
        disabled={disabled ?? false}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        withAsterisk={false}
        required
      />
      <div aria-live="polite" className="td-key-hints">
        {capsLock ? (
          <Group gap={4} wrap="nowrap" mt={4}>
            <IconAlertTriangle size={16} aria-hidden="true" color="var(--mantine-color-orange-filled)" />
            <Text size="sm" fw={600} data-hint="caps-lock">
              {t('passphrase.capsLock')}
            </Text>
          </Group>
        ) : null}
        {script !== undefined && value !== '' ? (
          <Group gap={4} wrap="nowrap" mt={4}>
            <IconKeyboard size={16} aria-hidden="true" />
            <Text size="sm" c="dimmed" data-hint="keyboard-script" data-script={script}>
              {t(`passphrase.keyboard.${script}`)}
            </Text>
          </Group>
        ) : null}
      </div>
    </div>
  );
}
