/**
 * Settings (issue 3): each change goes to the vault through settings-set; the passphrase change and the
 * new recovery sheet with their failures; persistent storage asked once after the first unlock and its
 * answer recorded and shown.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createMemoryPlatform } from '../../renderer/platform/memory';
import type { DeskApi } from '../../renderer/platform/types';
import { createFakeVault, FAKE_PASSPHRASE } from './fake-vault';
import { renderApp } from './render-app';
import { heading, STRONG_PASSPHRASE, typeInto } from './vault-screens';

beforeEach(async () => {
  await page.viewport(1280, 900);
});

const settingsSets = (vault: ReturnType<typeof createFakeVault>) => vault.callsOf('settings-set').map((call) => call.settings);

describe('idle time', () => {
  it('saves 1 to 240 whole minutes and refuses anything else', async () => {
    const vault = createFakeVault();
    renderApp({ vault, path: '/settings' });
    await expect.element(heading()).toHaveTextContent('Settings');
    const minutes = page.getByRole('textbox', { name: 'Lock after this many minutes without input' });
    await expect.element(minutes).toHaveValue('10');
    const save = page.getByRole('button', { name: 'Save' });

    for (const wrong of ['0', '241', '']) {
      await userEvent.fill(minutes, wrong);
      await userEvent.click(save);
      await expect.element(page.getByText('Enter a whole number of minutes from 1 to 240.')).toBeVisible();
    }
    expect(settingsSets(vault).filter((settings) => 'idleLockMinutes' in settings)).toEqual([]);

    await userEvent.fill(minutes, '1');
    await userEvent.click(save);
    await expect.element(page.getByText('Saved: the vault locks after 1 min without input.')).toBeVisible();
    expect(settingsSets(vault)).toContainEqual({ idleLockMinutes: 1 });
    expect(vault.settings.idleLockMinutes).toBe(1);
  });

  it('says so when the vault cannot save', async () => {
    const vault = createFakeVault();
    renderApp({ vault, path: '/settings' });
    await userEvent.fill(page.getByRole('textbox', { name: 'Lock after this many minutes without input' }), '15');
    vault.failNext('settings-set', 'vault-corrupt');
    await userEvent.click(page.getByRole('button', { name: 'Save' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('Part of the vault is damaged or was altered and cannot be read.');
  });
});

describe('language and theme', () => {
  it('stores a change made on the settings page or in the header', async () => {
    const vault = createFakeVault();
    renderApp({ vault, path: '/settings' });
    const main = page.getByRole('main');
    await userEvent.click(main.getByText('Dark', { exact: true }));
    await expect.element(main.getByRole('radio', { name: 'Dark' })).toBeChecked();
    await expect.poll(() => vault.settings.colorScheme).toBe('dark');
    await userEvent.click(main.getByText('Українська', { exact: true }));
    await expect.element(heading()).toHaveTextContent('Налаштування');
    await expect.poll(() => vault.settings.language).toBe('uk');
    await userEvent.click(page.getByRole('button', { name: 'Увімкнути світлу тему' }));
    await expect.poll(() => vault.settings.colorScheme).toBe('light');
    expect(settingsSets(vault).filter((settings) => !('storagePersisted' in settings))).toEqual([
      { colorScheme: 'dark' },
      { language: 'uk' },
      { colorScheme: 'light' },
    ]);
  });
});

describe('passphrase change', () => {
  it('refuses a wrong current passphrase and a weak or mismatched new one, then changes it', async () => {
    const vault = createFakeVault();
    renderApp({ vault, path: '/settings' });
    const submit = page.getByRole('button', { name: 'Change the passphrase' });

    await userEvent.click(submit);
    await expect.element(page.getByText('Enter a passphrase.').first()).toBeVisible();

    await typeInto('Current passphrase', 'not it at all');
    await typeInto('New passphrase', 'short');
    await typeInto('Repeat the new passphrase', 'short');
    await userEvent.click(submit);
    await expect.element(page.getByText('Use at least 12 characters.')).toBeVisible();
    expect(vault.callsOf('change-passphrase')).toEqual([]);

    await typeInto('New passphrase', STRONG_PASSPHRASE);
    await typeInto('Repeat the new passphrase', STRONG_PASSPHRASE);
    await userEvent.click(submit);
    await expect.element(page.getByRole('alert')).toHaveTextContent('The current passphrase is wrong.');

    await typeInto('Current passphrase', FAKE_PASSPHRASE);
    await userEvent.click(submit);
    await expect.element(page.getByText('The passphrase has been changed. Use the new one from now on.')).toBeVisible();
    expect(vault.callsOf('change-passphrase').at(-1)).toEqual({ cmd: 'change-passphrase', current: FAKE_PASSPHRASE, next: STRONG_PASSPHRASE });
    expect(vault.passphrase).toBe(STRONG_PASSPHRASE);
  });
});

describe('new recovery sheet', () => {
  it('warns that the old sheet stops working, shows and prints the new one, and drops it once confirmed', async () => {
    const platform = createMemoryPlatform();
    const vault = createFakeVault();
    renderApp({ vault, platform, path: '/settings' });
    await expect.element(page.getByRole('note').filter({ hasText: 'stop working as soon as the new sheet is made' })).toBeVisible();
    const make = page.getByRole('button', { name: 'Make a new recovery sheet' });

    await typeInto('Passphrase', 'wrong passphrase');
    await userEvent.click(make);
    await expect.element(page.getByRole('alert')).toHaveTextContent('Wrong passphrase.');

    const before = [...vault.recoveryWords];
    await typeInto('Passphrase', FAKE_PASSPHRASE);
    await userEvent.click(make);
    await expect.element(page.getByText('The new recovery sheet is ready. The old sheet no longer works.')).toBeVisible();
    expect(vault.recoveryWords).not.toEqual(before);
    const sheet = page.getByRole('region', { name: 'Recovery sheet — Tallinn Desk' });
    const words = sheet.getByRole('list', { name: 'Recovery words, 24 words' }).getByRole('listitem');
    expect(words.elements().map((item) => item.textContent)).toEqual(vault.recoveryWords.map((word, index) => `${index + 1}.${word}`));

    await userEvent.click(page.getByRole('button', { name: 'Print the recovery sheet' }));
    expect(platform.printCount).toBe(1);

    await userEvent.click(page.getByRole('button', { name: 'Close the sheet' }));
    await expect.element(page.getByText('Confirm that the new recovery sheet is safe before you close it.')).toBeVisible();
    await userEvent.click(page.getByRole('checkbox', { name: 'I have printed or written down the new recovery sheet' }));
    await userEvent.click(page.getByRole('button', { name: 'Close the sheet' }));
    await expect.element(sheet).not.toBeInTheDocument();
    await expect.element(make).toBeVisible();
  });

  it.each([
    ['reports a failure', () => Promise.resolve({ status: 'failed' as const })],
    ['cannot be reached', () => Promise.reject(new Error('no printer'))],
  ])('says so when the platform %s while printing', async (_label, print) => {
    const platform: DeskApi = { ...createMemoryPlatform(), print };
    const vault = createFakeVault();
    renderApp({ vault, platform, path: '/settings' });
    await typeInto('Passphrase', FAKE_PASSPHRASE);
    await userEvent.click(page.getByRole('button', { name: 'Make a new recovery sheet' }));
    await userEvent.click(page.getByRole('button', { name: 'Print the recovery sheet' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('Printing could not start. Copy the sheet by hand instead.');
  });
});

describe('persistent storage', () => {
  it('is asked for once after the first unlock; the answer is recorded and shown', async () => {
    const persist = vi.fn(() => Promise.resolve(false));
    const vault = createFakeVault();
    renderApp({ vault, persistStorage: persist, path: '/settings' });
    await expect.element(page.getByText('Not granted', { exact: true })).toBeVisible();
    expect(persist).toHaveBeenCalledOnce();
    expect(settingsSets(vault)).toContainEqual({ storagePersisted: false });
    await expect.element(page.getByText(/headless Chromium always does/u)).toBeVisible();

    persist.mockResolvedValueOnce(true);
    await userEvent.click(page.getByRole('button', { name: 'Ask again' }));
    await expect.element(page.getByText('Granted', { exact: true })).toBeVisible();
    expect(vault.settings.storagePersisted).toBe(true);
    await expect.element(page.getByRole('button', { name: 'Ask again' })).not.toBeInTheDocument();
  });

  it('is not asked again once answered', async () => {
    const persist = vi.fn(() => Promise.resolve(true));
    const vault = createFakeVault({ settings: { storagePersisted: false } });
    renderApp({ vault, persistStorage: persist, path: '/settings' });
    await expect.element(page.getByText('Not granted', { exact: true })).toBeVisible();
    expect(persist).not.toHaveBeenCalled();
  });
});
