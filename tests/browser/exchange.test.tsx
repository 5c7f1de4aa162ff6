/**
 * The Exchange screen (issue #7): the export wizard (recipients limited to verified delegations,
 * scope and grouping, a preview that says why change-sets are redacted and that TLP is a policy,
 * sealing with progress, one save of both files of every bundle, the logged summary with SHA-256),
 * save outcomes, import of files and folders with progress and one report per bundle (including the
 * unknown-signer instruction, duplicates and missing halves), the working set refreshed afterwards,
 * reports that name no sender when the signature was not proven, the history table (refusal codes in
 * words, old and unknown ones too), plural counts, Ukrainian, keyboard use of the tabs, and record text that is only ever text.
 */
import type { DelegationView, ExchangeEntry } from '@shared/ipc/vault-protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createMemoryPlatform } from '../../renderer/platform/memory';
import { needView, offerView } from './coordination';
import { fakeBundlePair, pickOf } from './fake-exchange';
import { createFakeVault, fakeDelegationView, type FakeVault } from './fake-vault';
import { renderApp } from './render-app';

beforeEach(async () => {
  await page.viewport(1400, 1000);
});

const GERMANY = fakeDelegationView({ name: 'Germany — Federal Foreign Office', role: 'partner', country: 'DE' });
const UKRAINE = fakeDelegationView({ name: 'Ukraine — SSSCIP', role: 'beneficiary', country: 'UA' });
const UNVERIFIED = fakeDelegationView({ name: 'Latvia — MFA', role: 'partner', country: 'LV', verification: null });
const REVOKED = fakeDelegationView({ name: 'Lithuania — MFA', role: 'partner', country: 'LT', revoked: true });
const DEMO = fakeDelegationView({ name: 'Demo partner', role: 'partner', verification: { method: 'demo-data', at: '2025-03-01T09:00:00.000Z', by: 'x' } });
const DELEGATIONS: DelegationView[] = [GERMANY, UKRAINE, UNVERIFIED, REVOKED, DEMO];

/** Our records: one shareable, one draft, one RED; and Ukraine's AMBER need, which we may not relay. */
function seeded(): FakeVault {
  const vault = createFakeVault({ delegations: DELEGATIONS });
  const own = vault.profile.delegationId;
  vault.seedRecords([
    offerView(own, { title: 'EDR licences' }),
    offerView(own, { title: 'Draft offer', status: 'draft' }, { tlp: 'AMBER' }),
    offerView(own, { title: 'Secret offer' }, { tlp: 'RED' }),
    needView(UKRAINE.id),
  ]);
  return vault;
}

const tab = (name: string) => page.getByRole('tab', { name });
const wizardHeading = () => page.getByRole('heading', { level: 2 }).first();

describe('the export wizard', () => {
  it('goes from recipients to a logged export, showing redactions, progress and the files written', async () => {
    const vault = seeded();
    const platform = createMemoryPlatform();
    renderApp({ vault, platform, path: '/exchange' });
    await expect.element(tab('Export')).toHaveAttribute('aria-selected', 'true');
    await expect.element(page.getByRole('list', { name: 'Export steps' })).toBeVisible();
    await expect.element(wizardHeading()).toHaveTextContent('Choose the recipients');

    const recipients = page.getByRole('group', { name: 'Recipients' });
    await expect.poll(() => recipients.getByRole('checkbox').elements().length).toBe(2);
    for (const excluded of [UNVERIFIED, REVOKED, DEMO]) expect(recipients.getByRole('checkbox', { name: excluded.name }).elements()).toHaveLength(0);
    await userEvent.click(page.getByRole('button', { name: 'Next' }));
    await expect.element(recipients).toHaveAccessibleDescription(/Choose at least one recipient\./u);

    await userEvent.click(recipients.getByRole('checkbox', { name: GERMANY.name }));
    await userEvent.click(recipients.getByRole('checkbox', { name: UKRAINE.name }));
    await userEvent.click(page.getByRole('button', { name: 'Next' }));
    await expect.element(wizardHeading()).toHaveTextContent('What to send and how');
    await expect.element(page.getByRole('radio', { name: 'What each recipient lacks' })).toBeChecked();
    await expect.element(page.getByRole('radio', { name: 'One bundle per recipient' })).toBeChecked();
    await userEvent.click(page.getByRole('button', { name: 'Preview' }));

    await expect.element(wizardHeading()).toHaveTextContent('What the bundles will hold');
    expect(vault.callsOf('export-preview')).toEqual([{ cmd: 'export-preview', options: { recipients: [GERMANY.id, UKRAINE.id], scope: 'incremental', grouping: 'per-recipient' } }]);
    const germany = page.getByRole('article', { name: `Bundle 1 of 2: ${GERMANY.name}` });
    await expect.element(germany).toBeVisible();
    await expect.element(page.getByRole('article', { name: `Bundle 2 of 2: ${UKRAINE.name}` })).toBeVisible();
    const reasons = germany.getByRole('list');
    await expect.element(reasons).toHaveTextContent(/Drafts: 1 change-set of a draft, which never leaves this workstation\./u);
    await expect.element(reasons).toHaveTextContent(/TLP:RED: 1 change-set of a RED record that does not name this recipient\./u);
    await expect.element(reasons).toHaveTextContent(/Relay above GREEN: 1 change-set of another delegation's record above TLP:GREEN, which is never relayed\./u);
    await expect.element(page.getByRole('note')).toHaveTextContent(/TLP is a sharing policy, not a cryptographic guarantee.*Every export is logged in the audit log/u);

    const release = vault.exchange.holdAfterProgress('export-seal');
    await userEvent.click(page.getByRole('button', { name: 'Seal and save the bundles' }));
    await expect.element(page.getByRole('progressbar', { name: 'Sealing progress' })).toBeInTheDocument();
    await expect.element(page.getByText('Gathering the changes: 0 of 2')).toBeVisible();
    expect(platform.saves).toHaveLength(0);
    release();

    await expect.element(wizardHeading()).toHaveTextContent('Export saved');
    expect(platform.saves).toHaveLength(1);
    const names = platform.saves[0]?.files.map((file) => file.name) ?? [];
    expect(names).toHaveLength(4);
    expect(names.filter((name) => name.endsWith('.tdesk.age'))).toHaveLength(2);
    for (const name of names.filter((n) => n.endsWith('.tdesk.age'))) expect(names).toContain(`${name}.minisig`);
    const commit = vault.callsOf('export-commit');
    expect(commit).toEqual([{ cmd: 'export-commit', exportId: expect.any(String) as string, location: 'memory' }]);
    await expect.element(page.getByText('2 bundles (4 files) saved to memory.')).toBeVisible();
    const files = page.getByRole('table', { name: 'Files written, with their SHA-256' });
    for (const name of names) await expect.element(files.getByRole('rowheader', { name, exact: true })).toBeVisible();
    const hashes = [...document.querySelectorAll('[data-export-files] code')].map((code) => code.textContent);
    expect(hashes).toHaveLength(4);
    for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{64}$/u);
    expect(vault.audit.filter((entry) => entry.action === 'bundle-exported')).toHaveLength(2);
  });

  it('keeps the sealed bundles when the save was cancelled or found the files, and saves them again', async () => {
    const vault = seeded();
    const platform = createMemoryPlatform({ saveResult: { status: 'exists', location: '/media/stick', names: ['a.tdesk.age'] } });
    renderApp({ vault, platform, path: '/exchange' });
    await userEvent.click(page.getByRole('checkbox', { name: GERMANY.name }));
    await userEvent.click(page.getByRole('button', { name: 'Next' }));
    await userEvent.click(page.getByRole('radio', { name: 'Everything' }));
    await userEvent.click(page.getByRole('button', { name: 'Preview' }));
    await userEvent.click(page.getByRole('button', { name: 'Seal and save the bundles' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('Nothing was saved: a.tdesk.age already exist in /media/stick. Choose another folder, or remove those files first.');
    expect(vault.callsOf('export-commit')).toHaveLength(0);
    await userEvent.click(page.getByRole('button', { name: 'Save the bundles' }));
    await expect.poll(() => platform.saves.length).toBe(2);
    expect(platform.saves[1]?.files).toEqual(platform.saves[0]?.files);
    expect(vault.callsOf('export-seal')).toHaveLength(1);
    expect(vault.callsOf('export-seal')[0]?.options.scope).toBe('everything');
  });

  it('says where to go when no delegation can receive bundles', async () => {
    renderApp({ vault: createFakeVault({ delegations: [UNVERIFIED, DEMO] }), path: '/exchange' });
    await expect.element(page.getByText(/No delegation can receive bundles yet/u)).toBeVisible();
    await expect.element(page.getByRole('link', { name: 'Go to Delegations' })).toHaveAttribute('href', '/delegations');
  });
});

describe('import', () => {
  it('imports pairs from a folder with progress, reports each bundle and refreshes the working set', async () => {
    const vault = seeded();
    const platform = createMemoryPlatform();
    const newNeed = needView(UKRAINE.id, { title: 'Generators for Odesa hospitals' });
    const applied = fakeBundlePair('2025-03-04_UA-to-EE_0001', { sender: UKRAINE.id, changeSets: 6, records: [newNeed], parked: 1, newConflicts: 1, problems: [{ reason: 'wrong-owner', message: 'Record x belongs to y.' }] }, 'stick/');
    const unknown = fakeBundlePair('2025-03-04_FR-to-EE_0001', { sender: 'aaaaaaaaaaaaaaaaaaaaaaaaaa', changeSets: 2 }, 'stick/');
    const lonely = fakeBundlePair('2025-03-04_DE-to-EE_0003', { sender: GERMANY.id }, 'stick/').slice(0, 1);
    platform.queuePick(pickOf([...applied, ...unknown, ...lonely]));
    renderApp({ vault, platform, path: '/exchange?part=import' });
    await expect.element(tab('Import')).toHaveAttribute('aria-selected', 'true');

    const release = vault.exchange.holdAfterProgress('import-bundles');
    await userEvent.click(page.getByRole('button', { name: 'Choose a folder' }));
    expect(platform.openRequests.at(-1)).toMatchObject({ mode: 'folder', extensions: ['age', 'minisig'] });
    await expect.element(page.getByRole('progressbar', { name: 'Import progress' })).toBeInTheDocument();
    await expect.element(page.getByText('Reading the files: 0 of 3')).toBeVisible();
    release();

    await expect.element(page.getByText('Bundles: 3. Applied: 1. Already imported: 0. Refused: 2.')).toBeVisible();
    const good = page.getByRole('article', { name: 'stick/2025-03-04_UA-to-EE_0001.tdesk.age' });
    await expect.element(good.getByText('Applied', { exact: true }).first()).toBeVisible();
    await expect.element(good.getByText(UKRAINE.name)).toBeVisible();
    await expect.element(good.getByLabelText(`Fingerprint of ${UKRAINE.name}`)).toHaveTextContent(UKRAINE.fingerprint.join(' '));
    await expect.element(good.getByText('Verified', { exact: true })).toBeVisible();
    const counts = good.getByRole('table', { name: 'Change-sets in this bundle' });
    await expect.element(counts.getByRole('row', { name: 'Parked 1' })).toBeVisible();
    await expect.element(counts.getByRole('row', { name: 'New conflicts 1' })).toBeVisible();
    await expect.element(counts.getByRole('row', { name: 'Rejected 1' })).toBeVisible();
    await expect.element(good.getByText('A change-set changes a record of another delegation.')).toBeVisible();

    const stranger = page.getByRole('article', { name: 'stick/2025-03-04_FR-to-EE_0001.tdesk.age' });
    await expect.element(stranger.getByText('Not proven: the signature was not verified, so who sent this bundle is not known.')).toBeVisible();
    await expect.element(stranger.getByText('Not verified', { exact: true })).toBeVisible();
    await expect.element(stranger.getByText('The bundle is signed by a delegation this workstation does not know.')).toBeVisible();
    await expect.element(stranger.getByText(/Import that delegation's contact card and verify its fingerprint first/u)).toBeVisible();
    await expect.element(stranger.getByRole('link', { name: 'Go to Delegations' })).toHaveAttribute('href', '/delegations');
    const half = page.getByRole('article', { name: 'stick/2025-03-04_DE-to-EE_0003.tdesk.age' });
    await expect.element(half.getByText(/Its signature file \(\.tdesk\.age\.minisig\) was not among the chosen files\./u)).toBeVisible();

    // The working set was read again: the new need is listed.
    await userEvent.click(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Needs' }));
    await expect.element(page.getByText('Generators for Odesa hospitals')).toBeVisible();
    expect(vault.callsOf('records-list').length).toBeGreaterThan(1);
  });

  it('counts a bundle imported twice as a duplicate, and the history lists everything with its hashes', async () => {
    const vault = seeded();
    const platform = createMemoryPlatform();
    const pair = fakeBundlePair('2025-03-04_DE-to-EE_0001', { sender: GERMANY.id, changeSets: 4 });
    platform.queuePick(pickOf(pair));
    platform.queuePick(pickOf(pair));
    renderApp({ vault, platform, path: '/exchange?part=import' });
    await userEvent.click(page.getByRole('button', { name: 'Choose bundle files' }));
    expect(platform.openRequests.at(-1)).toMatchObject({ mode: 'files', multiple: true, extensions: ['age', 'minisig'] });
    await expect.element(page.getByText('Bundles: 1. Applied: 1. Already imported: 0. Refused: 0.')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Choose bundle files' }));
    await expect.element(page.getByText('Bundles: 1. Applied: 0. Already imported: 1. Refused: 0.')).toBeVisible();
    await expect.element(page.getByRole('article').getByText('Already imported')).toBeVisible();

    // Keyboard: the tabs move with the arrow keys.
    (tab('Import').element() as HTMLElement).focus();
    await userEvent.keyboard('{ArrowRight}');
    await expect.element(tab('History')).toHaveAttribute('aria-selected', 'true');
    const history = page.getByRole('table', { name: 'Bundles sent and received, newest first' });
    await expect.element(history).toBeVisible();
    const rows = history.getByRole('row');
    await expect.poll(() => rows.elements().length).toBe(3);
    const text = history.element().textContent;
    expect(text).toContain('Received');
    expect(text).toContain('2025-03-04_DE-to-EE_0001.tdesk.age');
    expect(text).toContain(GERMANY.name);
    expect(text).toContain('Already imported');
    const entry = vault.exchange.history[0];
    expect(entry?.sha256.age).toMatch(/^[0-9a-f]{64}$/u);
    const codes = [...history.element().querySelectorAll('code.td-hash')].map((code) => code.textContent);
    expect(codes).toContain(entry?.sha256.age);
    expect(codes).toContain(entry?.sha256.minisig);
    expect(getComputedStyle(history.element().querySelector('code.td-hash') as Element).userSelect).toBe('all');
  });

  it('names no sender for an unproven signature, and the history translates refusal codes, old "code: message" reasons and unknown codes', async () => {
    const vault = seeded();
    const platform = createMemoryPlatform();
    platform.queuePick(pickOf([...fakeBundlePair('stranger', { sender: 'aaaaaaaaaaaaaaaaaaaaaaaaaa' }), ...fakeBundlePair('latvia', { sender: UNVERIFIED.id })]));
    const old: Omit<ExchangeEntry, 'name' | 'reason'> = { direction: 'received', at: '2025-03-01T09:00:00.000Z', bundleId: null, peers: [], size: { age: 10, minisig: 5 }, sha256: { age: null, minisig: null }, changeSets: 0, outcome: 'refused', counts: {} };
    vault.exchange.seedHistory({ ...old, name: 'old.tdesk.age', reason: 'decrypt-failed: The file could not be decrypted with our key.' });
    vault.exchange.seedHistory({ ...old, name: 'newer.tdesk.age', reason: 'quantum-flux' });
    renderApp({ vault, platform, path: '/exchange?part=import' });
    await userEvent.click(page.getByRole('button', { name: 'Choose bundle files' }));
    await expect.element(page.getByText('Bundles: 2. Applied: 0. Already imported: 0. Refused: 2.')).toBeVisible();
    const latvia = page.getByRole('article', { name: 'latvia.tdesk.age' });
    await expect.element(latvia.getByText('Not proven: the signature was not verified, so who sent this bundle is not known.')).toBeVisible();
    await expect.element(latvia.getByText('The signature claims to come from Latvia — MFA; this is not proven.')).toBeVisible();
    await expect.element(latvia.getByText(/Import that delegation's contact card and verify its fingerprint first/u)).toBeVisible();
    expect(latvia.getByLabelText(/^Fingerprint of/u).elements()).toHaveLength(0);

    await userEvent.click(tab('History'));
    await expect.element(page.getByText('4 bundles in the history')).toBeVisible();
    const history = page.getByRole('table', { name: 'Bundles sent and received, newest first' });
    const reasonOf = (file: string): string => {
      const row = [...history.element().querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th')?.textContent === file);
      return row?.lastElementChild?.textContent ?? '';
    };
    await expect.poll(() => reasonOf('stranger.tdesk.age')).toBe('The bundle is signed by a delegation this workstation does not know.');
    expect(reasonOf('latvia.tdesk.age')).toBe('The bundle is signed by a delegation whose fingerprint has not been verified yet.');
    expect(reasonOf('old.tdesk.age')).toBe('The file could not be decrypted with your delegation\'s key.');
    expect(reasonOf('newer.tdesk.age')).toBe('The bundle was refused (quantum-flux).');
  });

  it('reports in Ukrainian, record text staying text', async () => {
    const vault = createFakeVault({ settings: { language: 'uk' }, delegations: DELEGATIONS });
    const platform = createMemoryPlatform();
    const hostile = '<img src=x onerror="window.__pwned=2">';
    platform.queuePick(
      pickOf([
        ...fakeBundlePair('a', { sender: 'aaaaaaaaaaaaaaaaaaaaaaaaaa' }),
        ...fakeBundlePair('b', { sender: UKRAINE.id, changeSets: 1, records: [needView(UKRAINE.id, { title: hostile })], problems: [{ reason: 'kind-rule', message: hostile }] }),
      ]),
    );
    renderApp({ vault, platform, path: '/exchange', language: 'uk' });
    await userEvent.click(tab('Імпорт'));
    await userEvent.click(page.getByRole('button', { name: 'Обрати файли пакетів' }));
    await expect.element(page.getByText('Пакетів: 2. Застосовано: 1. Уже імпортовано: 0. Відхилено: 1.')).toBeVisible();
    await expect.element(page.getByText('Пакет підписано делегацією, невідомою на цій робочій станції.')).toBeVisible();
    await expect.element(page.getByText('Не підтверджено: підпис не перевірено, тож невідомо, хто надіслав цей пакет.')).toBeVisible();
    await expect.element(page.getByText(/Спершу імпортуйте контактну картку цієї делегації/u)).toBeVisible();
    await expect.element(page.getByText(hostile, { exact: false })).toBeVisible();
    await userEvent.click(tab('Історія'));
    await expect.element(page.getByText('В історії 2 пакети')).toBeVisible();
    await userEvent.click(page.getByRole('navigation').getByRole('link', { name: 'Потреби' }));
    await expect.element(page.getByText(hostile).first()).toBeVisible();
    expect(document.querySelector('main img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
