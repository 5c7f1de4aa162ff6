/**
 * Nothing on disk contains plaintext (issue 3): after writing marker strings into a record, the profile
 * name and the settings, every key and value of every object store is read with the plain IndexedDB API
 * (what someone holding the disk sees) and searched for the markers as UTF-8 and as UTF-16 (both byte
 * orders), inside strings, binary values and object keys alike.
 *
 * Positive control: a record's `kind` is plaintext by design (DESIGN.md §6), so the scanner must find it;
 * otherwise a scanner that finds nothing would prove nothing.
 */
import { describe, expect, it } from 'vitest';
import { lockAndClose, PASSPHRASE, useTestVault } from './helpers';
import { dumpVault } from './raw-idb';

const vault = useTestVault('scan');

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < text.length; i += 1) view.setUint16(i * 2, text.charCodeAt(i), littleEndian);
  return out;
}

function encodings(text: string): Uint8Array[] {
  return [new TextEncoder().encode(text), utf16(text, true), utf16(text, false)];
}

/** Every string, number, key and byte array inside a value, as byte chunks. */
function chunks(value: unknown, out: Uint8Array[] = []): Uint8Array[] {
  if (value instanceof Uint8Array) out.push(value);
  else if (value instanceof ArrayBuffer) out.push(new Uint8Array(value));
  else if (typeof value === 'string') out.push(...encodings(value));
  else if (typeof value === 'number' || typeof value === 'boolean') out.push(...encodings(String(value)));
  else if (Array.isArray(value)) for (const item of value) chunks(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push(...encodings(key));
      chunks(item, out);
    }
  }
  return out;
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  outer: for (let i = haystack.indexOf(first ?? 0); i !== -1 && i + needle.length <= haystack.length; i = haystack.indexOf(first ?? 0, i + 1)) {
    for (let j = 1; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Where (store names) each marker occurs on disk, in any encoding. */
async function findOnDisk(dbName: string, markers: readonly string[]): Promise<Record<string, string[]>> {
  const dump = await dumpVault(dbName);
  const found: Record<string, string[]> = {};
  for (const marker of markers) {
    const needles = encodings(marker);
    const stores = Object.entries(dump)
      .filter(([, { keys, values }]) => chunks([keys, values]).some((chunk) => needles.some((needle) => contains(chunk, needle))))
      .map(([store]) => store);
    found[marker] = stores;
  }
  return found;
}

describe('nothing on disk contains plaintext', () => {
  it('finds none of the markers in any store, while the scanner does find the plaintext kind', async () => {
    const recordMarker = 'MARKER-record-Зелений-7f3a';
    const nameMarker = 'MARKERNAME Делегація';
    const idMarker = 'MARKER-record-id-91c2';
    const client = vault.client();
    const { profile } = await client.request({
      cmd: 'create',
      profile: { name: nameMarker, country: 'UA', role: 'beneficiary' },
      passphrase: PASSPHRASE,
    });
    await client.request({
      cmd: 'records-put',
      records: [{ id: idMarker, kind: 'scanner-control', data: { title: recordMarker, nested: [recordMarker.toLowerCase()] } }],
    });
    await client.request({ cmd: 'settings-set', settings: { language: 'uk', colorScheme: 'dark', storagePersisted: false } });
    await lockAndClose(client);

    const found = await findOnDisk(vault.dbName, [
      recordMarker,
      recordMarker.toLowerCase(),
      nameMarker,
      idMarker,
      PASSPHRASE,
      // Settings: their names and a chosen value appear nowhere unsealed.
      'colorScheme',
      'idleLockMinutes',
      'storagePersisted',
      // Identity facts that are not secret but not the disk's business either.
      profile.delegationId,
      profile.deviceId,
      profile.fingerprint.join(''),
      'scanner-control',
    ]);
    expect(found['scanner-control']).toEqual(['records']);
    delete found['scanner-control'];
    for (const [marker, stores] of Object.entries(found)) expect(stores, `"${marker}" found on disk`).toEqual([]);
  });
});
