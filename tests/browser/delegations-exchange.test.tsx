/**
 * Contact cards and the verification ceremony (issue #7) on the Delegations screen: the own fingerprint
 * shown for reading out and the card exported through DeskApi; a card imported after a preview of what
 * it proposes; refusals with their reason; the ceremony, where the name and role start empty (the
 * card's proposals are only hints; taking the proposed name is a click), a name confusable with a known
 * delegation is refused beside the field, a mistyped fingerprint changes nothing and the right one
 * verifies the delegation and releases its parked change-sets; the detail page
 * (verification, key events, acknowledged versions, demo data said plainly); Ukrainian; card names
 * that are only ever text.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createMemoryPlatform, type MemoryPlatform } from '../../renderer/platform/memory';
import { fakeCardFile, pickOf, type FakeCard } from './fake-exchange';
import { createFakeVault, fakeDelegationView, randomBase32Id } from './fake-vault';
import { renderApp } from './render-app';
import { heading } from './vault-screens';

beforeEach(async () => {
  await page.viewport(1400, 1000);
});

const POLAND_DIGITS = ['31415', '92653', '58979', '32384', '62643', '38327', '95028', '84197'];

function polandCard(fields: Partial<FakeCard> = {}): FakeCard {
  return {
    id: randomBase32Id(),
    name: 'Poland — Ministry of Digital Affairs',
    country: 'PL',
    role: 'partner',
    fingerprint: POLAND_DIGITS,
    keyId: 'A1B2C3D4E5F60718',
    devices: 2,
    keyEvents: 3,
    format: 1,
    ...fields,
  };
}


const cardRegion = () => page.getByRole('region', { name: 'Import a contact card' });

async function importCard(platform: MemoryPlatform, card: FakeCard): Promise<void> {
  platform.queuePick(pickOf([fakeCardFile(card)]));
  await userEvent.click(cardRegion().getByRole('button', { name: 'Import a contact card' }));
}

describe('your contact card', () => {
  it('shows the fingerprint in 8 groups of 5 and exports the card through DeskApi', async () => {
    const vault = createFakeVault();
    const platform = createMemoryPlatform();
    renderApp({ vault, platform, path: '/delegations' });
    const region = page.getByRole('region', { name: 'Your contact card' });
    const groups = region.getByRole('list', { name: "Your delegation's fingerprint" }).getByRole('listitem');
    await expect.poll(() => groups.elements().map((item) => item.textContent)).toEqual([...vault.profile.fingerprint]);

    await userEvent.click(region.getByRole('button', { name: 'Export my contact card' }));
    await expect.element(region.getByText(/^Contact card EE-.*\.tdesk-card saved to memory\.$/u)).toBeVisible();
    expect(platform.saves).toHaveLength(1);
    expect(platform.saves[0]?.files.map((file) => file.name)).toEqual([expect.stringMatching(/\.tdesk-card$/u)]);
    expect(vault.audit.map((entry) => entry.action)).toContain('card-exported');
  });

  it('says so when the save was cancelled', async () => {
    const platform = createMemoryPlatform({ saveResult: { status: 'cancelled' } });
    renderApp({ platform, path: '/delegations' });
    await userEvent.click(page.getByRole('button', { name: 'Export my contact card' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('The contact card was not saved: the save was cancelled.');
  });
});

describe('importing a contact card and the ceremony', () => {
  it('previews the card, imports it unverified, refuses a wrong fingerprint and verifies the right one', async () => {
    const vault = createFakeVault();
    const platform = createMemoryPlatform();
    const card = polandCard();
    vault.exchange.seedParked(card.id, 3);
    renderApp({ vault, platform, path: '/delegations' });

    await importCard(platform, card);
    expect(platform.openRequests.at(-1)).toMatchObject({ mode: 'files', multiple: false, extensions: ['tdesk-card'] });
    const preview = page.getByRole('article', { name: `Contact card: ${card.name}` });
    await expect.element(preview).toBeVisible();
    for (const text of ['Poland', 'Partner', 'New: this delegation is not known on this workstation yet.']) await expect.element(preview.getByText(text, { exact: true })).toBeVisible();
    expect(preview.element().textContent).toContain('Devices2');
    expect(vault.callsOf('card-import')).toHaveLength(0);

    await userEvent.click(preview.getByRole('button', { name: 'Import this card' }));
    await expect.element(page.getByText(/was imported\. It is not verified yet/u)).toBeVisible();
    const row = () => document.querySelector(`tr[data-delegation="${card.id}"]`);
    await expect.poll(() => row()?.textContent).toContain('Not verified: its changes are parked');
    // The expected fingerprint is never on screen before the ceremony succeeded.
    expect(document.body.textContent).not.toContain(POLAND_DIGITS.join(' '));
    expect(row()?.textContent).toContain('Shown once verified');

    await userEvent.click(page.getByRole('link', { name: `Verify the fingerprint of ${card.name}` }));
    await expect.element(heading()).toHaveTextContent(card.name);
    const ceremony = page.getByRole('region', { name: 'Verify the fingerprint' });
    await expect.element(ceremony.getByText(/read out their fingerprint: 8 groups of 5 digits/u)).toBeVisible();
    expect(ceremony.getByRole('button', { name: /match/iu }).elements()).toHaveLength(0);
    expect(document.body.textContent).not.toContain(POLAND_DIGITS.join(' '));
    // Name and role are assigned here, not taken from the card: both start empty, the proposals are hints.
    const name = ceremony.getByRole('textbox', { name: 'Display name' });
    const roles = ceremony.getByRole('radiogroup', { name: 'Role' });
    await expect.element(name).toHaveValue('');
    for (const radio of roles.getByRole('radio').elements()) expect((radio as HTMLInputElement).checked).toBe(false);
    await expect.element(name).toHaveAccessibleDescription(`How this delegation is named on this workstation. The card proposes: ${card.name}.`);
    await expect.element(roles).toHaveAccessibleDescription(/The card proposes: Partner\./u);

    // Messages beside the fields.
    const fingerprint = ceremony.getByRole('textbox', { name: 'Fingerprint as read out to you' });
    await userEvent.fill(fingerprint, '31415 92653');
    await userEvent.click(ceremony.getByRole('button', { name: 'Check the fingerprint' }));
    await expect.element(fingerprint).toHaveAccessibleDescription(/A fingerprint has 40 digits; you have typed 10\./u);
    await expect.element(name).toHaveAccessibleDescription(/Enter a name of at least 2 characters\./u);
    await expect.element(roles).toHaveAccessibleDescription(/Choose the role\./u);
    await expect.element(ceremony.getByRole('radiogroup', { name: 'How was the fingerprint read out to you?' })).toHaveAccessibleDescription(/Choose how the fingerprint was read out to you\./u);
    expect(vault.callsOf('delegation-verify')).toHaveLength(0);

    // Taking the proposed name is an explicit action, from the keyboard too.
    (ceremony.getByRole('button', { name: 'Use the proposed name' }).element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    await expect.element(name).toHaveValue(card.name);
    await expect.element(name).not.toHaveAccessibleDescription(/Enter a name/u);
    expect(vault.callsOf('delegation-verify')).toHaveLength(0);

    // A mistyped group: nothing changes.
    await userEvent.fill(fingerprint, '31415 92653 58979 32384 62643 38327 95028 84198');
    await userEvent.click(ceremony.getByRole('radio', { name: 'By phone' }));
    await userEvent.click(roles.getByRole('radio', { name: 'Partner' }));
    await userEvent.fill(name, 'Poland — MC');
    await userEvent.click(ceremony.getByRole('button', { name: 'Check the fingerprint' }));
    await expect.element(ceremony.getByRole('alert')).toHaveTextContent(/These digits are not the fingerprint of the card you imported\. Nothing was changed/u);
    expect(vault.delegations.find((delegation) => delegation.id === card.id)?.verification).toBeNull();
    expect(vault.audit.map((entry) => entry.action)).toContain('verification-failed');
    await expect.element(page.getByRole('region', { name: 'Verification' }).getByText('Not verified: its changes are parked')).toBeVisible();

    // Spaces and dashes do not matter; the right digits verify.
    await userEvent.fill(fingerprint, '31415-92653 58979 32384  62643 38327 95028 84197');
    await userEvent.click(ceremony.getByRole('button', { name: 'Check the fingerprint' }));
    await expect.element(page.getByText('Poland — MC is verified. 3 change-sets were released from parking.')).toBeVisible();
    expect(vault.callsOf('delegation-verify')[1]).toEqual({ cmd: 'delegation-verify', delegationId: card.id, fingerprint: POLAND_DIGITS.join(''), name: 'Poland — MC', role: 'partner', channel: 'phone' });
    const summary = page.getByRole('region', { name: 'Verification' });
    await expect.element(summary.getByText('Fingerprint checked')).toBeVisible();
    await expect.element(summary.getByText('Fingerprint read out by phone')).toBeVisible();
    await expect.element(summary.getByRole('list', { name: 'Fingerprint' })).toHaveTextContent(POLAND_DIGITS.join(''));
    expect(page.getByRole('region', { name: 'Verify the fingerprint' }).elements()).toHaveLength(0);
    await expect.element(heading()).toHaveTextContent('Poland — MC');
    const events = page.getByRole('table', { name: 'Key events, oldest first' });
    await expect.element(events).toHaveTextContent(/Keys created.*Device registered.*Workstation 1/u);
  });

  it('refuses a confusable name, a newer format and its own card, saying why', async () => {
    const known = fakeDelegationView({ name: 'Poland — Ministry of Digital Affairs', role: 'partner', country: 'PL' });
    const vault = createFakeVault({ delegations: [known] });
    const platform = createMemoryPlatform();
    renderApp({ vault, platform, path: '/delegations' });

    await importCard(platform, polandCard({ name: 'POLAND - ministry of digital affairs' }));
    await expect.element(cardRegion().getByRole('alert')).toHaveTextContent(
      'This contact card was refused; nothing was imported. Its name can be confused with a delegation you already know (Poland — Ministry of Digital Affairs).',
    );
    await importCard(platform, polandCard({ name: 'Czechia', format: 2 }));
    await expect.element(cardRegion().getByRole('alert')).toHaveTextContent(/made by a newer version of Tallinn Desk/u);
    await importCard(platform, polandCard({ id: vault.profile.delegationId, name: 'Us' }));
    await expect.element(cardRegion().getByRole('alert')).toHaveTextContent(/It is your own delegation's contact card/u);
    expect(vault.delegations).toHaveLength(2);
  });

  it('refuses an assigned name confusable with a known delegation beside the name field, and verifies under another', async () => {
    const known = fakeDelegationView({ name: 'Germany — Federal Foreign Office', role: 'partner', country: 'DE' });
    const card = polandCard();
    const vault = createFakeVault({ delegations: [known] });
    const platform = createMemoryPlatform();
    renderApp({ vault, platform, path: '/delegations' });
    await importCard(platform, card);
    await userEvent.click(page.getByRole('button', { name: 'Import this card' }));
    await userEvent.click(page.getByRole('link', { name: `Verify the fingerprint of ${card.name}` }));
    const ceremony = page.getByRole('region', { name: 'Verify the fingerprint' });
    const name = ceremony.getByRole('textbox', { name: 'Display name' });
    await userEvent.fill(ceremony.getByRole('textbox', { name: 'Fingerprint as read out to you' }), POLAND_DIGITS.join(' '));
    await userEvent.fill(name, 'GERMANY - federal foreign office');
    await userEvent.click(ceremony.getByRole('radio', { name: 'Partner' }));
    await userEvent.click(ceremony.getByRole('radio', { name: 'In person' }));
    await userEvent.click(ceremony.getByRole('button', { name: 'Check the fingerprint' }));

    await expect
      .element(name)
      .toHaveAccessibleDescription(/This name can be confused with a delegation you already know \(Germany — Federal Foreign Office\)\. Choose a name that tells them apart\./u);
    await expect.element(name).toHaveFocus();
    expect(ceremony.getByRole('alert').elements()).toHaveLength(0);
    expect(vault.delegations.find((delegation) => delegation.id === card.id)?.verification).toBeNull();

    // Another name: the message goes as soon as the name changes, and the ceremony succeeds.
    await userEvent.fill(name, 'Poland — Ministry of Digital Affairs');
    await expect.element(name).not.toHaveAccessibleDescription(/can be confused/u);
    await userEvent.click(ceremony.getByRole('button', { name: 'Check the fingerprint' }));
    await expect.element(page.getByText('Poland — Ministry of Digital Affairs is verified. 0 change-sets were released from parking.')).toBeVisible();
    expect(vault.callsOf('delegation-verify').map((call) => call.name)).toEqual(['GERMANY - federal foreign office', 'Poland — Ministry of Digital Affairs']);
  });
});

describe('the delegation page', () => {
  it('says plainly that demo delegations were verified by demo data, and what they acknowledged', async () => {
    const vault = createFakeVault();
    await vault.request({ cmd: 'demo-load', language: 'en' });
    const demo = vault.delegations.find((delegation) => delegation.verification?.method === 'demo-data');
    renderApp({ vault, path: '/delegations' });
    await userEvent.click(page.getByRole('link', { name: `Details of ${demo?.name ?? ''}` }));
    const summary = page.getByRole('region', { name: 'Verification' });
    await expect.element(summary.getByText('Demo data: not checked').first()).toBeVisible();
    await expect.element(summary.getByRole('note')).toHaveTextContent(/not by a fingerprint check/u);
    await expect.element(page.getByText('Nothing acknowledged yet: the next export to it carries everything it may see.')).toBeVisible();
  });

  it('runs the ceremony in Ukrainian', async () => {
    const unverified = fakeDelegationView({ name: 'Literatura', role: 'observer', verification: null });
    const vault = createFakeVault({ settings: { language: 'uk' }, delegations: [unverified] });
    renderApp({ vault, path: `/delegations/${unverified.id}`, language: 'uk' });
    const ceremony = page.getByRole('region', { name: 'Перевірка відбитка' });
    await userEvent.click(ceremony.getByRole('button', { name: 'Перевірити відбиток' }));
    await expect.element(ceremony.getByRole('textbox', { name: 'Відбиток, який вам зачитали' })).toHaveAccessibleDescription(/Введіть відбиток так, як вам його зачитують\./u);
    const name = ceremony.getByRole('textbox', { name: 'Назва для показу' });
    await expect.element(name).toHaveValue('');
    await expect.element(name).toHaveAccessibleDescription(/Картка пропонує: Literatura\./u);
    await expect.element(name).toHaveAccessibleDescription(/Введіть назву щонайменше з 2 символів\./u);
    const roles = ceremony.getByRole('radiogroup', { name: 'Роль' });
    await expect.element(roles).toHaveAccessibleDescription(/Картка пропонує: Спостерігач\./u);
    await expect.element(roles).toHaveAccessibleDescription(/Оберіть роль\./u);
    await expect.element(ceremony.getByRole('radio', { name: 'Спостерігач' })).not.toBeChecked();
    await userEvent.click(ceremony.getByRole('button', { name: 'Використати запропоновану назву' }));
    await expect.element(name).toHaveValue('Literatura');
    await userEvent.click(ceremony.getByRole('radio', { name: 'Спостерігач' }));
    await userEvent.fill(ceremony.getByRole('textbox', { name: 'Відбиток, який вам зачитали' }), '00000 00000 00000 00000 00000 00000 00000 00000');
    await userEvent.click(ceremony.getByRole('radio', { name: 'Особисто' }));
    await userEvent.click(ceremony.getByRole('button', { name: 'Перевірити відбиток' }));
    await expect.element(ceremony.getByRole('alert')).toHaveTextContent(/Ці цифри не є відбитком імпортованої картки\. Нічого не змінено/u);
  });

  it('shows a card name as text, never as HTML', async () => {
    const vault = createFakeVault();
    const platform = createMemoryPlatform();
    renderApp({ vault, platform, path: '/delegations' });
    const hostile = '<img src=x onerror="window.__pwned=1">Bold<b>x</b>';
    await importCard(platform, polandCard({ name: hostile, keyId: 'FFFF' }));
    await expect.element(page.getByRole('article', { name: `Contact card: ${hostile}` })).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Import this card' }));
    await expect.element(page.getByRole('link', { name: `Verify ${hostile}` })).toBeVisible();
    expect(document.querySelector('main img')).toBeNull();
    expect(document.querySelector('main b')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
