/**
 * Shared set-up of the exchange tests (issue #7): vaults as bundle recipients, files as the UI hands
 * them to the worker, cards exchanged and verified through the real commands, and a digest of the
 * replica's rows (records, log and every singleton row but `exchange`) read raw from IndexedDB, to prove
 * that a refused bundle changed nothing but the audit log and the exchange history.
 *
 * Delegations that are not vaults come from the bundle unit tests' makers (tests/unit/bundle/helpers.ts,
 * craft.ts), so every hostile file here is built exactly as the reader's own tests build it.
 */
import { formatCardFile, readCardFile, type SealedBundle } from '@shared/bundle';
import { fingerprintDigits, utf8Encode } from '@shared/crypto';
import type { ExchangeFile, Profile } from '@shared/ipc/vault-protocol';
import type { VaultClient } from '../../../renderer/vault-worker/client';
import type { BundleRecipient, TestDelegation } from '../../unit/bundle/helpers';
import { dumpVault } from './raw-idb';

export function exchangeFile(name: string, bytes: Uint8Array | string, folder = ''): ExchangeFile {
  const data = typeof bytes === 'string' ? utf8Encode(bytes) : Uint8Array.from(bytes);
  return { name, relativePath: folder === '' ? name : `${folder}/${name}`, bytes: data as Uint8Array<ArrayBuffer> };
}

/** The two files of a bundle, as picked (optionally from a sub-folder). */
export function pairOf(bundle: { readonly name: string; readonly age: Uint8Array; readonly minisig: Uint8Array | string }, folder = ''): ExchangeFile[] {
  return [exchangeFile(bundle.name, bundle.age, folder), exchangeFile(`${bundle.name}.minisig`, bundle.minisig, folder)];
}

export function sealedPair(sealed: SealedBundle, folder = ''): ExchangeFile[] {
  return pairOf({ name: sealed.name, age: sealed.age, minisig: sealed.minisig }, folder);
}

/** A vault as the bundle makers see a recipient: its id and its keys, from its own card. */
export async function vaultRecipient(client: VaultClient): Promise<BundleRecipient> {
  const { bytes } = await client.request({ cmd: 'card-export' });
  const card = readCardFile(bytes);
  return { id: card.state.delegationId, peer: () => card.peer };
}

export function fingerprintOf(delegation: TestDelegation): string {
  return fingerprintDigits({ delegationId: delegation.id, signingKey: delegation.state.signingKey, encryptionKey: delegation.state.encryptionKey });
}

/** Imports a test delegation's card into a vault and, unless told otherwise, verifies it. */
export async function trustDelegation(client: VaultClient, delegation: TestDelegation, options: { verify?: boolean; name?: string } = {}): Promise<void> {
  await client.request({ cmd: 'card-import', file: exchangeFile('card.tdesk-card', formatCardFile(delegation.card())) });
  if (options.verify === false) return;
  await client.request({
    cmd: 'delegation-verify',
    delegationId: delegation.id,
    fingerprint: fingerprintOf(delegation),
    name: options.name ?? delegation.state.inception.name,
    role: delegation.state.inception.proposedRole,
    channel: 'in-person',
  });
}

/** `to` imports `from`'s card and verifies it with the fingerprint `from` shows (read out loud). */
export async function introduce(from: { client: VaultClient; profile: Profile }, to: VaultClient, role: Profile['role'] = from.profile.role): Promise<void> {
  const card = await from.client.request({ cmd: 'card-export' });
  await to.request({ cmd: 'card-import', file: exchangeFile(card.name, card.bytes) });
  await to.request({
    cmd: 'delegation-verify',
    delegationId: from.profile.delegationId,
    fingerprint: from.profile.fingerprint.join(' '),
    name: from.profile.name,
    role,
    channel: 'phone',
  });
}

/** The sealed bundles of an export as files, after logging it (what the UI does once DeskApi saved them). */
export async function exportFiles(client: VaultClient, recipients: string[], scope: 'incremental' | 'everything' = 'incremental'): Promise<{ files: ExchangeFile[]; bundles: Awaited<ReturnType<typeof sealOnly>>['bundles'] }> {
  const sealed = await sealOnly(client, recipients, scope);
  await client.request({ cmd: 'export-commit', exportId: sealed.exportId, location: '/media/stick' });
  return { files: sealed.bundles.flatMap((bundle) => pairOf(bundle)), bundles: sealed.bundles };
}

function sealOnly(client: VaultClient, recipients: string[], scope: 'incremental' | 'everything') {
  return client.request({ cmd: 'export-seal', options: { recipients, scope, grouping: 'per-recipient' } });
}

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * SHA-256 over every row of `records` and `log` and every `rows` row but `exchange`, as stored (sealed
 * bytes included): any write to the replica re-seals a row with a fresh nonce and changes it.
 */
export async function replicaDigest(dbName: string): Promise<string> {
  const dump = await dumpVault(dbName);
  const parts: unknown[] = [];
  for (const store of ['records', 'log', 'rows']) {
    const values = dump[store]?.values ?? [];
    parts.push(store, values.filter((value) => !(store === 'rows' && (value as { id?: unknown }).id === 'exchange')));
  }
  const text = JSON.stringify(parts, (_key, value: unknown) => (value instanceof Uint8Array ? Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('') : value));
  return hex(await crypto.subtle.digest('SHA-256', utf8Encode(text) as Uint8Array<ArrayBuffer>));
}
