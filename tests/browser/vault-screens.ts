/**
 * Steps a delegate takes on the vault screens, for the component tests: typing into passphrase fields,
 * holding Caps Lock, going through the first-run set-up.
 */
import { expect } from 'vitest';
import { page, userEvent } from 'vitest/browser';

export const STRONG_PASSPHRASE = 'Tallinn harbour 7 grey gulls!';

export const heading = () => page.getByRole('heading', { level: 1 });

/** A passphrase field by its exact label (password inputs have no ARIA role). */
export const passphraseField = (label: string) => page.getByLabelText(label, { exact: true });

export async function typeInto(label: string, value: string): Promise<void> {
  await userEvent.fill(passphraseField(label), value);
}

/**
 * A key press as the browser reports it with Caps Lock on (or off). Playwright cannot toggle the lock
 * state of a headless keyboard, so the event carries the modifier the way Chromium would set it.
 */
export function pressWithCapsLock(element: Element, key: string, capsLock = true): void {
  element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, modifierCapsLock: capsLock }));
  element.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, cancelable: true, modifierCapsLock: capsLock }));
}

/** A key press of one character in whichever layout produces it (Cyrillic keys cannot be typed by Playwright). */
export function pressCharacter(element: Element, key: string): void {
  pressWithCapsLock(element, key, false);
}

export interface SetupAnswers {
  readonly name?: string;
  readonly country?: string;
  readonly role?: string;
  readonly passphrase?: string;
}

/** Step 1 of the set-up, in English. */
export async function fillDelegation({ name = 'Estonia — Ministry of Foreign Affairs', country = 'Estonia', role = 'Partner' }: SetupAnswers = {}) {
  await userEvent.fill(page.getByRole('textbox', { name: 'Delegation name' }), name);
  await userEvent.click(page.getByRole('combobox', { name: 'Country' }));
  await userEvent.click(page.getByRole('option', { name: country, exact: true }));
  await userEvent.click(page.getByRole('radio', { name: role }));
  await userEvent.click(page.getByRole('button', { name: 'Next' }));
  await expect.element(page.getByRole('heading', { level: 2, name: 'Passphrase' })).toBeVisible();
}

/** Step 2, which creates the vault. */
export async function choosePassphrase(passphrase = STRONG_PASSPHRASE): Promise<void> {
  await typeInto('Passphrase', passphrase);
  await typeInto('Repeat the passphrase', passphrase);
  await userEvent.click(page.getByRole('button', { name: 'Create the vault' }));
}
