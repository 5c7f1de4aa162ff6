/**
 * Nothing on disk contains plaintext (issues 3 and 4): after writing marker strings into records (a new
 * record and an edit of it, so the change log holds two change-sets of it), the profile name and the
 * settings, every key and value of every object store — the records (merge state), the change-log
 * segments and the sync row included — is read with the plain IndexedDB API (what someone holding the
 * disk sees) and searched for the markers as UTF-8 and as UTF-16 (both byte orders), inside strings,
 * binary values and object keys alike.
 *
 * Positive control: a record's `kind` is plaintext by design (DESIGN.md §6), so the scanner must find it
 * in the records table and nowhere else; otherwise a scanner that finds nothing would prove nothing.
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
    const editMarker = 'MARKER-edit-Синій-24be';
    const fieldMarker = 'markerFieldQx7';
    const nameMarker = 'MARKERNAME Делегація';
    const client = vault.client();
    const { profile } = await client.request({
      cmd: 'create',
      profile: { name: nameMarker, country: 'UA', role: 'beneficiary' },
      passphrase: PASSPHRASE,
    });
    const written = await client.request({
      cmd: 'records-write',
      edits: [{ kind: 'note', tlp: 'AMBER+STRICT', ops: [{ field: 'title', value: recordMarker }, { field: fieldMarker, value: [recordMarker.toLowerCase()] }] }],
    });
    const recordId = written.records[0]?.id ?? '';
    const edited = await client.request({ cmd: 'records-write', edits: [{ record: recordId, kind: 'note', tlp: 'AMBER+STRICT', ops: [{ field: 'title', value: editMarker }] }] });
    const history = await client.request({ cmd: 'record-history', recordId });
    expect(history.entries).toHaveLength(2);
    await client.request({ cmd: 'settings-set', settings: { language: 'uk', colorScheme: 'dark', storagePersisted: false } });
    await lockAndClose(client);

    // The stores the change log added hold something to scan: two segments, and the sync row.
    const dump = await dumpVault(vault.dbName);
    expect(dump['log']?.values).toHaveLength(2);
    expect(dump['rows']?.keys).toContain('sync');
    expect(dump['records']?.values).toHaveLength(1);

    const found = await findOnDisk(vault.dbName, [
      recordMarker,
      recordMarker.toLowerCase(),
      editMarker,
      fieldMarker,
      nameMarker,
      recordId,
      // The part of the record id the worker minted (the delegation id is checked on its own below).
      recordId.slice(profile.delegationId.length + 1),
      PASSPHRASE,
      // Sync facts: change-set hashes, timestamps of the record, its TLP.
      ...history.entries.map((entry) => entry.cs),
      edited.records[0]?.updated ?? 'missing-hlc',
      'AMBER+STRICT',
      // Settings: their names and a chosen value appear nowhere unsealed.
      'colorScheme',
      'idleLockMinutes',
      'storagePersisted',
      // Identity facts that are not secret but not the disk's business either.
      profile.delegationId,
      profile.deviceId,
      profile.fingerprint.join(''),
      'note',
    ]);
    expect(found['note']).toEqual(['records']);
    delete found['note'];
    for (const [marker, stores] of Object.entries(found)) expect(stores, `"${marker}" found on disk`).toEqual([]);
  });
});
