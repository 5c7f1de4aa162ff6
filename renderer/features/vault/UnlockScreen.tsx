/**
 * The locked vault (DESIGN.md §6): the passphrase with Caps Lock and keyboard-layout hints, a clear
 * message for a wrong passphrase, and the growing delay shown as a countdown with the button disabled
 * until it has passed. "Use the recovery words" unlocks with the 24 words of the recovery sheet and
 * sets a new passphrase.
 */
import { Alert, Anchor, Button, Group, Loader, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { failureOf, useDocumentTitle, useSession, useVaultSession, type VaultFailure } from '../../app/hooks';
import { useVaultErrorText } from './errors';
import { hasProblems, NewPassphraseFields, newPassphraseProblems } from './NewPassphraseFields';
import { PassphraseInput } from './PassphraseInput';
import { checkRecoveryWords, wordsProblemOf, type WordsProblem } from './recovery-words';
import { useSecondsUntil } from './use-countdown';
import './vault.css';

function PassphraseUnlock({ onUseRecovery }: { readonly onUseRecovery: () => void }) {
  const { t } = useTranslation('vault');
  const session = useVaultSession();
  const errorText = useVaultErrorText();
  useDocumentTitle(t('unlock.documentTitle'));
  const failures = useSession((state) => (state.status === 'locked' ? state.failures : undefined));
  const seconds = useSecondsUntil(failures?.retryAt);
  const [passphrase, setPassphrase] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<VaultFailure | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTried(true);
    if (busy || seconds > 0 || passphrase === '') return;
    setBusy(true);
    setFailure(null);
    try {
      await session.unlock(passphrase);
    } catch (error) {
      setFailure(failureOf(error));
      setPassphrase('');
      setBusy(false);
      inputRef.current?.focus();
    }
  };

  const message =
    failure === null ? undefined : failure.code === 'wrong-passphrase' ? t('unlock.wrong') : errorText(failure);

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('unlock.title')}</Title>
        <Text c="dimmed" maw="70ch">
          {t('unlock.intro')}
        </Text>
      </Stack>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md" maw="30rem">
          <PassphraseInput
            label={t('unlock.passphrase')}
            value={passphrase}
            onChange={setPassphrase}
            error={tried && passphrase === '' && failure === null ? t('passphrase.errors.required') : undefined}
            autoComplete="current-password"
            autoFocus
            inputRef={inputRef}
          />
          {message === undefined ? null : (
            <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden="true" />}>
              {message}
            </Alert>
          )}
          {seconds > 0 ? <Text data-countdown="">{t('unlock.retryIn', { seconds })}</Text> : null}
          {failures !== undefined && failures.count > 0 ? (
            <Text size="sm" c="dimmed">
              {t('unlock.failures', { count: failures.count })}
            </Text>
          ) : null}
          {busy ? (
            <Group gap="sm" role="status">
              <Loader size="sm" aria-hidden="true" />
              <Text>{t('unlock.checking')}</Text>
            </Group>
          ) : null}
          <Group>
            <Button type="submit" loading={busy} disabled={seconds > 0}>
              {t('unlock.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Anchor component="button" type="button" onClick={onUseRecovery} w="fit-content">
        {t('unlock.useRecovery')}
      </Anchor>
    </Stack>
  );
}

function useWordsProblemText(): (problem: WordsProblem) => string {
  const { t, i18n } = useTranslation('vault');
  return (problem) => {
    switch (problem.kind) {
      case 'required':
        return t('recovery.errors.required');
      case 'count':
        return t('recovery.errors.wordCount', { count: problem.count });
      case 'unknown': {
        const items = problem.positions.map((position, index) => {
          const word = problem.words[index];
          return word === undefined || word === ''
            ? t('recovery.errors.unknownPosition', { position })
            : t('recovery.errors.unknownWord', { position, word });
        });
        return t('recovery.errors.unknownWords', { words: new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(items) });
      }
      case 'checksum':
        return t('recovery.errors.checksum');
      case 'other-sheet':
        return t('recovery.errors.otherSheet');
      case 'invalid':
        return t('errors.recovery-words-invalid');
    }
  };
}

function RecoveryUnlock({ onBack }: { readonly onBack: () => void }) {
  const { t } = useTranslation('vault');
  const session = useVaultSession();
  const errorText = useVaultErrorText();
  const wordsProblemText = useWordsProblemText();
  useDocumentTitle(t('recovery.documentTitle'));
  // No wrong-passphrase delay here: 256 bits of recovery key cannot be guessed, and locking oneself
  // out with wrong passphrases is exactly when the sheet is needed.
  const [words, setWords] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  /** What the worker said about the words (checked locally first, so this is the sheet mismatch mostly). */
  const [wordsFailure, setWordsFailure] = useState<WordsProblem | null>(null);
  const [failure, setFailure] = useState<VaultFailure | null>(null);

  const localProblem = tried ? checkRecoveryWords(words) : undefined;
  const wordsProblem = localProblem ?? wordsFailure ?? undefined;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTried(true);
    if (busy) return;
    if (checkRecoveryWords(words) !== undefined || hasProblems(newPassphraseProblems(passphrase, confirm))) return;
    setBusy(true);
    setFailure(null);
    setWordsFailure(null);
    try {
      await session.unlockWithRecovery(words, passphrase);
    } catch (error) {
      const reason = failureOf(error);
      const problem = wordsProblemOf(reason, words);
      if (problem === undefined) setFailure(reason);
      else setWordsFailure(problem);
      setBusy(false);
    }
  };

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('recovery.title')}</Title>
        <Text c="dimmed" maw="70ch">
          {t('recovery.intro')}
        </Text>
      </Stack>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md" maw="36rem">
          <Textarea
            label={t('recovery.words')}
            description={t('recovery.wordsDescription')}
            value={words}
            onChange={(event) => {
              setWords(event.currentTarget.value);
              setWordsFailure(null);
            }}
            error={wordsProblem === undefined ? undefined : wordsProblemText(wordsProblem)}
            autosize
            minRows={4}
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            lang="en"
            required
            withAsterisk={false}
            autoFocus
          />
          <NewPassphraseFields
            passphrase={passphrase}
            confirm={confirm}
            onPassphraseChange={setPassphrase}
            onConfirmChange={setConfirm}
            showProblems={tried}
            passphraseLabel={t('recovery.newPassphrase')}
            confirmLabel={t('recovery.confirm')}
          />
          {failure === null ? null : (
            <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden="true" />}>
              {errorText(failure)}
            </Alert>
          )}
          {busy ? (
            <Group gap="sm" role="status">
              <Loader size="sm" aria-hidden="true" />
              <Text>{t('recovery.working')}</Text>
            </Group>
          ) : null}
          <Group>
            <Button type="submit" loading={busy}>
              {t('recovery.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Anchor component="button" type="button" onClick={onBack} w="fit-content">
        {t('recovery.back')}
      </Anchor>
    </Stack>
  );
}

export function UnlockScreen() {
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase');
  return mode === 'passphrase' ? (
    <PassphraseUnlock
      onUseRecovery={() => {
        setMode('recovery');
      }}
    />
  ) : (
    <RecoveryUnlock
      onBack={() => {
        setMode('passphrase');
      }}
    />
  );
}
