/**
 * First run (issue 3): the three steps of the set-up as a delegate goes through them — what is refused
 * and why, the strength meter and keyboard hints, the progress while keys are derived, the fingerprint
 * and the recovery sheet, which must be confirmed before the app opens and is then gone from the page.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createMemoryPlatform } from '../../renderer/platform/memory';
import type { DeskApi } from '../../renderer/platform/types';
import { DEFAULT_SETTINGS } from '@shared/ipc/vault-protocol';
import { createFakeClock } from './fake-clock';
import { createFakeVault } from './fake-vault';
import { renderApp } from './render-app';
import {
  choosePassphrase,
  fillDelegation,
  heading,
  passphraseField,
  pressCharacter,
  pressWithCapsLock,
  STRONG_PASSPHRASE,
  typeInto,
} from './vault-screens';

beforeEach(async () => {
  await page.viewport(1280, 900);
});

function renderSetup(options: { platform?: DeskApi; language?: 'en' | 'uk' } = {}) {
  const vault = createFakeVault({ state: 'empty' });
  const { reloads } = renderApp({ ...options, vault });
  return { vault, reloads };
}

const meter = () => page.getByRole('meter', { name: 'Passphrase strength' });

describe('step 1: the delegation', () => {
  it('says what is missing, field by field, and does not go on', async () => {
    renderSetup();
    await expect.element(heading()).toHaveTextContent('Set up Tallinn Desk on this workstation');
    expect(document.title).toBe('Set-up — Tallinn Desk');
    await userEvent.click(page.getByRole('button', { name: 'Next' }));
    await expect.element(page.getByText("Enter the delegation's name (at least 2 characters).")).toBeVisible();
    await expect.element(page.getByText('Choose the country.')).toBeVisible();
    await expect.element(page.getByText('Choose the role.')).toBeVisible();
    await expect.element(page.getByRole('heading', { level: 2 })).toHaveTextContent('Your delegation');

    await userEvent.fill(page.getByRole('textbox', { name: 'Delegation name' }), 'x'.repeat(121));
    await expect.element(page.getByText('The name can be at most 120 characters long.')).toBeVisible();
    await userEvent.fill(page.getByRole('textbox', { name: 'Delegation name' }), ' A ');
    await expect.element(page.getByText("Enter the delegation's name (at least 2 characters).")).toBeVisible();
  });

  it('lists the founding members first, named in the interface language', async () => {
    renderSetup();
    await userEvent.click(page.getByRole('combobox', { name: 'Country' }));
    await expect.element(page.getByRole('option', { name: 'Ukraine' })).toBeVisible();
    const names = page
      .getByRole('option')
      .elements()
      .map((option) => option.textContent);
    expect(names.slice(0, 11)).toEqual([
      'Ukraine',
      'Canada',
      'Denmark',
      'Estonia',
      'France',
      'Germany',
      'Netherlands',
      'Poland',
      'Sweden',
      'United Kingdom',
      'United States',
    ]);
    expect(names).toContain('European Union');
    expect(names).toContain('Japan');
    expect(names.length).toBeGreaterThan(240);
    await userEvent.keyboard('{Escape}');

    await userEvent.click(page.getByText('УКР', { exact: true }));
    await userEvent.click(page.getByRole('combobox', { name: 'Країна' }));
    await expect.element(page.getByRole('option', { name: 'Україна' })).toBeVisible();
    expect(page.getByRole('option').elements()[1]?.textContent).toBe('Канада');
  });

  it('can be filled in with the keyboard alone', async () => {
    renderSetup();
    const name = page.getByRole('textbox', { name: 'Delegation name' });
    await expect.element(name).toHaveFocus();
    await userEvent.keyboard('Poland MFA');
    await userEvent.tab();
    await expect.element(page.getByRole('combobox', { name: 'Country' })).toHaveFocus();
    await userEvent.keyboard('Pola');
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await expect.element(page.getByRole('combobox', { name: 'Country' })).toHaveValue('Poland');
    await userEvent.tab();
    await userEvent.keyboard(' ');
    await expect.element(page.getByRole('radio', { name: 'Beneficiary' })).toBeChecked();
    await userEvent.keyboard('{ArrowDown}');
    await expect.element(page.getByRole('radio', { name: 'Partner' })).toBeChecked();
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByRole('heading', { level: 2, name: 'Passphrase' })).toHaveFocus();
  });
});

describe('step 2: the passphrase', () => {
  it('measures strength from 0 to 4 with translated hints', async () => {
    renderSetup();
    await fillDelegation();
    await expect.element(meter()).toHaveAttribute('aria-valuenow', '0');

    await typeInto('Passphrase', 'abcde');
    await expect.element(meter()).toHaveAttribute('aria-valuetext', 'very weak');
    await expect.element(page.getByText('Use at least 12 characters (5 so far).')).toBeVisible();
    await expect.element(page.getByText(/Avoid repeated characters/u)).toBeVisible();

    await typeInto('Passphrase', 'grey gulls');
    await expect.element(meter()).toHaveAttribute('aria-valuenow', '2');
    await expect.element(page.getByText('Strength: fair')).toBeVisible();
    await expect.element(page.getByText('Add another word or two: length is what makes a passphrase strong.')).toBeVisible();

    await typeInto('Passphrase', 'greygullsharbour');
    await expect.element(meter()).toHaveAttribute('aria-valuenow', '3');
    await expect.element(page.getByText('Strength: good')).toBeVisible();
    await expect.element(page.getByText(/Mix in another kind of character/u)).toBeVisible();
    await expect.element(page.getByText('Use at least 12 characters', { exact: false })).not.toBeInTheDocument();

    await typeInto('Passphrase', STRONG_PASSPHRASE);
    await expect.element(meter()).toHaveAttribute('aria-valuenow', '4');
    await expect.element(page.getByText('Strength: strong')).toBeVisible();

    await userEvent.click(page.getByText('УКР', { exact: true }));
    await expect.element(page.getByRole('meter', { name: 'Надійність парольної фрази' })).toHaveAttribute('aria-valuetext', 'висока');
    await typeInto('Парольна фраза', 'абв');
    await expect.element(page.getByText('Використайте щонайменше 12 символів (зараз 3).')).toBeVisible();
  });

  it('refuses a short, a very weak or an unrepeated passphrase, and a mismatch', async () => {
    const { vault } = renderSetup();
    await fillDelegation();
    const create = page.getByRole('button', { name: 'Create the vault' });

    await userEvent.click(create);
    await expect.element(page.getByText('Enter a passphrase.')).toBeVisible();
    await expect.element(page.getByText('Repeat the passphrase.', { exact: true })).toBeVisible();

    await typeInto('Passphrase', 'short one');
    await expect.element(page.getByText('Use at least 12 characters.')).toBeVisible();

    await typeInto('Passphrase', 'aaaaaaaaaaaaaaaa');
    await expect.element(page.getByText('This passphrase is too easy to guess. Add more words.')).toBeVisible();

    await typeInto('Passphrase', STRONG_PASSPHRASE);
    await typeInto('Repeat the passphrase', `${STRONG_PASSPHRASE}.`);
    await expect.element(page.getByText('The two passphrases are not the same.')).toBeVisible();
    await userEvent.click(create);
    expect(vault.callsOf('create')).toEqual([]);
  });

  it('warns when Caps Lock is on and says which script the last key typed', async () => {
    renderSetup();
    await fillDelegation();
    const field = passphraseField('Passphrase').element();
    await typeInto('Passphrase', 'Grey gulls');
    pressWithCapsLock(field, 'A');
    await expect.element(page.getByText('Caps Lock is on.')).toBeVisible();
    pressWithCapsLock(field, 'a', false);
    await expect.element(page.getByText('Caps Lock is on.')).not.toBeInTheDocument();

    pressCharacter(field, 'д');
    await expect.element(page.getByText('Last character typed: Cyrillic letters (УКР layout).')).toBeVisible();
    pressCharacter(field, '7');
    await expect.element(page.getByText(/Cyrillic letters/u)).toBeVisible();
    pressCharacter(field, 'q');
    await expect.element(page.getByText('Last character typed: Latin letters (EN layout).')).toBeVisible();
  });

  it('shows progress while the keys are derived, and the failure if creation fails', async () => {
    const { vault } = renderSetup();
    await fillDelegation();
    vault.failNext('create', 'internal');
    await choosePassphrase();
    await expect.element(page.getByRole('alert')).toHaveTextContent('The vault did not answer as expected. Nothing was changed; try again.');

    const release = vault.hold('create');
    await userEvent.click(page.getByRole('button', { name: 'Create the vault' }));
    await expect.element(page.getByRole('status')).toHaveTextContent('Deriving keys… this takes a few seconds.');
    release();
    await expect.element(page.getByRole('heading', { level: 2, name: 'Fingerprint and recovery sheet' })).toBeVisible();
  });
});

describe('step 3: fingerprint and recovery sheet', () => {
  it('locks after the default idle time while the sheet is on screen (the worker holds the keys)', async () => {
    const clock = createFakeClock();
    const vault = createFakeVault({ state: 'empty' });
    const { reloads } = renderApp({ vault, clock });
    await fillDelegation();
    await choosePassphrase();
    await expect.element(page.getByRole('heading', { level: 2, name: 'Fingerprint and recovery sheet' })).toBeVisible();
    clock.advance(DEFAULT_SETTINGS.idleLockMinutes * 60_000 - 1_000);
    expect(vault.callsOf('lock')).toEqual([]);
    clock.advance(1_000);
    await expect.poll(reloads).toBe(1);
    expect(vault.callsOf('lock')).toHaveLength(1);
    expect(vault.terminated).toBe(true);
  });


  it('shows the fingerprint and a numbered recovery sheet, prints it, and opens the app only once confirmed', async () => {
    const platform = createMemoryPlatform();
    const { vault, reloads } = renderSetup({ platform });
    await fillDelegation({ name: 'Denmark — Udenrigsministeriet', country: 'Denmark', role: 'Observer' });
    await choosePassphrase();

    await expect.element(page.getByRole('heading', { level: 2, name: 'Fingerprint and recovery sheet' })).toHaveFocus();
    expect(vault.callsOf('create')).toEqual([
      { cmd: 'create', profile: { name: 'Denmark — Udenrigsministeriet', country: 'DK', role: 'observer' }, passphrase: STRONG_PASSPHRASE },
    ]);
    const fingerprint = page.getByRole('list', { name: "Your delegation's fingerprint" });
    expect(fingerprint.getByRole('listitem').elements().map((group) => group.textContent)).toEqual([
      '12345',
      '67890',
      '13579',
      '24680',
      '11223',
      '34455',
      '66778',
      '89900',
    ]);

    const sheet = page.getByRole('region', { name: 'Recovery sheet — Tallinn Desk' });
    await expect.element(sheet).toBeVisible();
    await expect.element(sheet).toHaveTextContent('Denmark — Udenrigsministeriet');
    const words = sheet.getByRole('list', { name: 'Recovery words, 24 words' }).getByRole('listitem').elements();
    expect(words.map((item) => item.textContent)).toEqual(vault.recoveryWords.map((word, index) => `${index + 1}.${word}`));
    expect(sheet.getByRole('list', { name: 'Next rotation key, 24 words' }).getByRole('listitem').elements()).toHaveLength(24);
    await expect.element(sheet.getByText('Revocation certificate', { exact: true })).toBeVisible();

    await userEvent.click(page.getByRole('button', { name: 'Print the recovery sheet' }));
    expect(platform.printCount).toBe(1);

    await userEvent.click(page.getByRole('button', { name: 'Continue to Tallinn Desk' }));
    await expect.element(page.getByText('Confirm that the recovery sheet is safe before you continue.')).toBeVisible();
    expect(vault.callsOf('settings-get')).toEqual([]);

    await userEvent.click(page.getByRole('checkbox', { name: 'I have printed or written down the recovery sheet' }));
    await userEvent.click(page.getByRole('button', { name: 'Continue to Tallinn Desk' }));
    await expect.element(heading()).toHaveTextContent('Dashboard');
    for (const word of new Set(vault.recoveryWords)) expect(page.getByText(word, { exact: true }).elements()).toEqual([]);
    expect(reloads()).toBe(0);
  });

  it('keeps the language chosen during the set-up as the vault setting', async () => {
    const { vault } = renderSetup();
    await userEvent.click(page.getByText('УКР', { exact: true }));
    await expect.element(heading()).toHaveTextContent('Налаштування Tallinn Desk на цій робочій станції');
    await userEvent.fill(page.getByRole('textbox', { name: 'Назва делегації' }), 'Україна — ДССЗЗІ');
    await userEvent.click(page.getByRole('combobox', { name: 'Країна' }));
    await userEvent.click(page.getByRole('option', { name: 'Україна', exact: true }));
    await userEvent.click(page.getByRole('radio', { name: 'Бенефіціар' }));
    await userEvent.click(page.getByRole('button', { name: 'Далі' }));
    await typeInto('Парольна фраза', STRONG_PASSPHRASE);
    await typeInto('Повторіть парольну фразу', STRONG_PASSPHRASE);
    await userEvent.click(page.getByRole('button', { name: 'Створити сховище' }));
    await userEvent.click(page.getByRole('checkbox', { name: 'Аркуш відновлення надруковано або переписано від руки' }));
    await userEvent.click(page.getByRole('button', { name: 'Перейти до Tallinn Desk' }));
    await expect.element(heading()).toHaveTextContent('Панель');
    expect(vault.settings.language).toBe('uk');
    expect(vault.callsOf('settings-set')[0]).toEqual({ cmd: 'settings-set', settings: { language: 'uk' } });
  });
});
