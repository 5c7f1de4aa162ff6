/**
 * The locked vault (issue 3): wrong passphrases and the growing delay shown as a countdown, the
 * keyboard hints, the recovery words with each of their mistakes named, the vault's settings applied on
 * unlock, and a vault that cannot answer at all.
 */
import { bytesToWords } from '@shared/crypto/mnemonic';
import { beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createFakeClock } from './fake-clock';
import { createFakeVault, FAKE_PASSPHRASE, fakeRecordView } from './fake-vault';
import { renderApp } from './render-app';
import { heading, passphraseField, pressCharacter, pressWithCapsLock, STRONG_PASSPHRASE, typeInto } from './vault-screens';

beforeEach(async () => {
  await page.viewport(1280, 900);
});

const unlockButton = () => page.getByRole('button', { name: 'Unlock', exact: true });

async function unlockWith(passphrase: string): Promise<void> {
  await typeInto('Passphrase', passphrase);
  await userEvent.click(unlockButton());
}

describe('unlocking with the passphrase', () => {
  it('says clearly that a passphrase was wrong, clears the field, and opens with the right one', async () => {
    const vault = createFakeVault({ state: 'locked' });
    renderApp({ vault });
    await expect.element(heading()).toHaveTextContent('Unlock the vault');
    expect(document.title).toBe('Unlock — Tallinn Desk');
    await expect.element(passphraseField('Passphrase')).toHaveFocus();

    await userEvent.click(unlockButton());
    await expect.element(page.getByText('Enter a passphrase.')).toBeVisible();
    expect(vault.callsOf('unlock')).toEqual([]);

    await unlockWith('not the passphrase');
    await expect.element(page.getByRole('alert')).toHaveTextContent(
      'Wrong passphrase. Check the keyboard layout and Caps Lock, then try again.',
    );
    await expect.element(passphraseField('Passphrase')).toHaveValue('');
    await expect.element(passphraseField('Passphrase')).toHaveFocus();
    await expect.element(page.getByText('Failed attempts since the last unlock: 1')).toBeVisible();
    await expect.element(unlockButton()).toBeEnabled();

    await unlockWith(FAKE_PASSPHRASE);
    await expect.element(heading()).toHaveTextContent('Dashboard');
    expect(vault.callsOf('unlock').map((call) => call.passphrase)).toEqual(['not the passphrase', FAKE_PASSPHRASE]);
  });

  it('sends the passphrase NFC-normalised, whichever way its accents were typed', async () => {
    const vault = createFakeVault({ state: 'locked', passphrase: 'Café Ї harbour gulls' });
    renderApp({ vault });
    // "e" + combining acute, "І" + combining diaeresis: what some layouts produce.
    await unlockWith('Cafe\u0301 \u0406\u0308 harbour gulls');
    await expect.element(heading()).toHaveTextContent('Dashboard');
    expect(vault.callsOf('unlock')[0]?.passphrase).toBe('Café Ї harbour gulls');
  });

  it('counts down the growing delay and keeps the button disabled until it has passed', async () => {
    const clock = createFakeClock();
    const vault = createFakeVault({ state: 'locked', now: () => clock.now(), retryDelayMs: (failures) => (failures >= 2 ? 5_000 : 0) });
    renderApp({ vault, clock });
    await unlockWith('wrong once');
    await expect.element(page.getByRole('alert')).toHaveTextContent(/^Wrong passphrase/u);
    await expect.element(unlockButton()).toBeEnabled();

    await unlockWith('wrong twice');
    await expect.element(page.getByText('You can try again in 5 s.')).toBeVisible();
    await expect.element(unlockButton()).toBeDisabled();
    await typeInto('Passphrase', FAKE_PASSPHRASE);
    await userEvent.keyboard('{Enter}');
    expect(vault.callsOf('unlock')).toHaveLength(2);

    clock.advance(3_000);
    await expect.element(page.getByText('You can try again in 2 s.')).toBeVisible();
    await expect.element(unlockButton()).toBeDisabled();
    clock.advance(2_000);
    await expect.element(page.getByText(/You can try again/u)).not.toBeInTheDocument();
    await expect.element(unlockButton()).toBeEnabled();
    await userEvent.click(unlockButton());
    await expect.element(heading()).toHaveTextContent('Dashboard');
  });

  it('shows a delay still running from before a reload, in Ukrainian too', async () => {
    const clock = createFakeClock();
    const vault = createFakeVault({ state: 'locked', now: () => clock.now(), failures: 4, retryDelayMs: () => 90_000 });
    renderApp({ vault, clock, language: 'uk' });
    await expect.element(heading()).toHaveTextContent('Розблокуйте сховище');
    await expect.element(page.getByText('Спробувати знову можна через 90 с.')).toBeVisible();
    await expect.element(page.getByText('Невдалих спроб від останнього розблокування: 4')).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Розблокувати', exact: true })).toBeDisabled();
    clock.advance(90_000);
    await expect.element(page.getByRole('button', { name: 'Розблокувати', exact: true })).toBeEnabled();
  });

  it('says when the vault refuses because the delay has not passed', async () => {
    const vault = createFakeVault({ state: 'locked' });
    renderApp({ vault });
    vault.failNext('unlock', 'retry-later');
    await unlockWith(FAKE_PASSPHRASE);
    await expect.element(page.getByRole('alert')).toHaveTextContent('Too many wrong attempts. Wait before trying again.');
  });

  it('hints at Caps Lock and at the keyboard layout of the last key', async () => {
    renderApp({ vault: createFakeVault({ state: 'locked' }) });
    await expect.element(passphraseField('Passphrase')).toBeVisible();
    const field = passphraseField('Passphrase').element();
    await typeInto('Passphrase', 'пароль');
    pressCharacter(field, 'ь');
    await expect.element(page.getByText('Last character typed: Cyrillic letters (УКР layout).')).toBeVisible();
    pressWithCapsLock(field, 'Q');
    await expect.element(page.getByText('Caps Lock is on.')).toBeVisible();
    await expect.element(page.getByText('Last character typed: Latin letters (EN layout).')).toBeVisible();
    await userEvent.click(page.getByText('УКР', { exact: true }));
    await expect.element(page.getByText('Увімкнено Caps Lock.')).toBeVisible();
    await expect.element(page.getByText('Останній введений символ: латиниця (розкладка EN).')).toBeVisible();
  });

  it('puts other failures into words, never a stack trace', async () => {
    const vault = createFakeVault({ state: 'locked' });
    renderApp({ vault });
    vault.failNext('unlock', 'kdf-params-invalid', { details: { field: 'memoryKiB' } });
    await unlockWith(FAKE_PASSPHRASE);
    await expect.element(page.getByRole('alert')).toHaveTextContent(
      "The vault's key-derivation parameters are damaged or were altered, so it cannot be opened safely.",
    );
    expect(document.body.textContent).not.toMatch(/at \w+ \(|Error:|VaultClientError/u);
  });
});

describe('settings applied on unlock', () => {
  it('switches to the language and theme stored in the vault', async () => {
    const vault = createFakeVault({ state: 'locked', settings: { language: 'uk', colorScheme: 'dark' } });
    renderApp({ vault });
    await unlockWith(FAKE_PASSPHRASE);
    await expect.element(heading()).toHaveTextContent('Панель');
    expect(document.documentElement.getAttribute('data-mantine-color-scheme')).toBe('dark');
    expect(vault.callsOf('settings-set').filter((call) => 'language' in call.settings || 'colorScheme' in call.settings)).toEqual([]);
  });

  it('keeps a language chosen on the unlock screen and stores it', async () => {
    const vault = createFakeVault({ state: 'locked', settings: { language: 'en' } });
    renderApp({ vault });
    await userEvent.click(page.getByText('УКР', { exact: true }));
    await typeInto('Парольна фраза', FAKE_PASSPHRASE);
    await userEvent.click(page.getByRole('button', { name: 'Розблокувати', exact: true }));
    await expect.element(heading()).toHaveTextContent('Панель');
    expect(vault.settings.language).toBe('uk');
  });
});

describe('unlocking with the recovery words', () => {
  async function openRecovery(): Promise<void> {
    await userEvent.click(page.getByRole('button', { name: 'Forgot the passphrase? Use the recovery words' }));
    await expect.element(heading()).toHaveTextContent('Unlock with the recovery words');
  }
  const words = () => page.getByRole('textbox', { name: 'Recovery words' });
  const submit = () => page.getByRole('button', { name: 'Unlock and set the new passphrase' });
  async function fillNewPassphrase(): Promise<void> {
    await typeInto('New passphrase', STRONG_PASSPHRASE);
    await typeInto('Repeat the new passphrase', STRONG_PASSPHRASE);
  }

  it('names each kind of mistake: word count, unknown words by position, checksum, another sheet', async () => {
    const vault = createFakeVault({ state: 'locked' });
    renderApp({ vault });
    await openRecovery();
    await fillNewPassphrase();

    await userEvent.click(submit());
    await expect.element(page.getByText('Enter the 24 recovery words.')).toBeVisible();

    const real = [...vault.recoveryWords];
    await userEvent.fill(words(), real.slice(0, 23).join(' '));
    await userEvent.click(submit());
    await expect.element(page.getByText('The recovery sheet has 24 words; 23 were entered.')).toBeVisible();

    const misspelt = [...real];
    misspelt[2] = 'hellox';
    misspelt[6] = 'wrold';
    await userEvent.fill(words(), misspelt.join(' '));
    await expect.element(page.getByText('Not on the recovery word list: word 3 (“hellox”) and word 7 (“wrold”).')).toBeVisible();

    // 24 × "abandon" are all list words, but the checksum of all-zero entropy is "art", not "abandon".
    await userEvent.fill(words(), Array.from({ length: 24 }, () => 'abandon').join(' '));
    await expect.element(page.getByText(/^The words do not fit together/u)).toBeVisible();
    expect(vault.callsOf('unlock-with-recovery')).toEqual([]);

    const otherSheet = bytesToWords(new Uint8Array(32).fill(7));
    await userEvent.fill(words(), otherSheet.map((word, index) => `${index + 1}. ${word}`).join('\n'));
    await userEvent.click(submit());
    await expect.element(page.getByText(/^These words belong to another recovery sheet/u)).toBeVisible();
    expect(vault.callsOf('unlock-with-recovery')).toHaveLength(1);
  });

  it('reads the worker’s own reasons when it finds a mistake', async () => {
    const vault = createFakeVault({ state: 'locked' });
    renderApp({ vault });
    await openRecovery();
    await fillNewPassphrase();
    await userEvent.fill(words(), vault.recoveryWords.join(' '));
    vault.failNext('unlock-with-recovery', 'recovery-words-invalid', { details: { reason: 'unknown-word', positions: [5] } });
    await userEvent.click(submit());
    await expect.element(page.getByText('Not on the recovery word list: word 5.')).toBeVisible();
  });

  it('unlocks with the words in any layout of the sheet and sets the new passphrase', async () => {
    const vault = createFakeVault({ state: 'locked' });
    renderApp({ vault });
    await openRecovery();
    await userEvent.fill(words(), vault.recoveryWords.map((word, index) => `${index + 1}) ${word.toUpperCase()}`).join('\n'));
    await typeInto('New passphrase', STRONG_PASSPHRASE);
    await typeInto('Repeat the new passphrase', 'something else entirely');
    await userEvent.click(submit());
    await expect.element(page.getByText('The two passphrases are not the same.')).toBeVisible();
    await typeInto('Repeat the new passphrase', STRONG_PASSPHRASE);
    await userEvent.click(submit());
    await expect.element(heading()).toHaveTextContent('Dashboard');
    expect(vault.passphrase).toBe(STRONG_PASSPHRASE);
  });

  it('is not held back by the wrong-passphrase delay: the sheet is the way out of it', async () => {
    const clock = createFakeClock();
    const vault = createFakeVault({ state: 'locked', now: () => clock.now(), failures: 6, retryDelayMs: () => 300_000 });
    renderApp({ vault, clock });
    await openRecovery();
    await userEvent.fill(words(), vault.recoveryWords.join(' '));
    await fillNewPassphrase();
    await expect.element(submit()).toBeEnabled();
    await userEvent.click(submit());
    await expect.element(heading()).toHaveTextContent('Dashboard');
  });

  it('goes back to the passphrase, in Ukrainian', async () => {
    renderApp({ vault: createFakeVault({ state: 'locked' }), language: 'uk' });
    await userEvent.click(page.getByRole('button', { name: 'Забули парольну фразу? Використати слова відновлення' }));
    await expect.element(heading()).toHaveTextContent('Розблокування словами відновлення');
    await userEvent.click(page.getByRole('button', { name: 'Розблокувати й встановити нову парольну фразу' }));
    await expect.element(page.getByText('Введіть 24 слова відновлення.')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Повернутися до парольної фрази' }));
    await expect.element(heading()).toHaveTextContent('Розблокуйте сховище');
  });
});

describe('a vault that cannot answer', () => {
  it('says so in words and tries again on request', async () => {
    const vault = createFakeVault({ state: 'locked' });
    vault.failNext('state', 'vault-corrupt', { details: { table: 'rows', id: 'manifest' } });
    renderApp({ vault });
    await expect.element(heading()).toHaveTextContent('The vault cannot be opened');
    await expect.element(page.getByRole('alert')).toHaveTextContent('Part of the vault is damaged or was altered and cannot be read.');
    await expect.element(page.getByRole('alert')).toHaveTextContent('Details: table: rows; id: manifest');
    await userEvent.click(page.getByRole('button', { name: 'Try again' }));
    await expect.element(heading()).toHaveTextContent('Unlock the vault');
  });

  it('reloads instead when the worker itself is gone', async () => {
    const vault = createFakeVault({ state: 'locked' });
    vault.failNext('state', 'worker-failed');
    const { reloads } = renderApp({ vault });
    await expect.element(page.getByRole('alert')).toHaveTextContent('The vault did not answer as expected.');
    await userEvent.click(page.getByRole('button', { name: 'Try again' }));
    expect(reloads()).toBe(1);
  });
});

describe('an unlocked vault whose settings cannot be read', () => {
  it('shows why the app cannot open instead of the unlock form, and retries', async () => {
    const vault = createFakeVault({ state: 'locked' });
    renderApp({ vault });
    vault.failNext('settings-get', 'vault-corrupt', { details: { table: 'rows', id: 'settings', reason: 'rolled-back' } });
    await unlockWith(FAKE_PASSPHRASE);
    await expect.element(heading()).toHaveTextContent('The vault cannot be opened');
    await expect.element(page.getByRole('alert')).toHaveTextContent('reason: rolled-back');
    await userEvent.click(page.getByRole('button', { name: 'Try again' }));
    await expect.element(heading()).toHaveTextContent('Dashboard');
  });
});

describe('the working set', () => {
  it('is read on unlock, and its first paint is marked for the benchmark', async () => {
    const records = Array.from({ length: 3 }, (_, index) => fakeRecordView({ kind: 'need', values: { title: `Need ${index}` } }));
    const vault = createFakeVault({ state: 'locked', records });
    performance.clearMarks('tallinn-desk:working-set-painted');
    renderApp({ vault });
    await unlockWith(FAKE_PASSPHRASE);
    await expect.element(heading()).toHaveTextContent('Dashboard');
    expect(vault.callsOf('records-list')).toHaveLength(1);
    await expect.poll(() => document.documentElement.dataset['workingSetSize']).toBe('3');
    expect(performance.getEntriesByName('tallinn-desk:working-set-painted')).toHaveLength(1);
  });
});
