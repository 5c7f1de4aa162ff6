/**
 * The vault's IndexedDB seen without Dexie and without keys: what an attacker holding the disk sees.
 * Used to scan for plaintext, to tamper with rows, and to prove a failed operation changed nothing.
 */

export function openRaw(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => {
      resolve(request.result);
    };
    request.onerror = () => {
      reject(request.error ?? new Error(`cannot open ${name}`));
    };
  });
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => {
      resolve(request.result);
    };
    request.onerror = () => {
      reject(request.error ?? new Error('IndexedDB request failed'));
    };
  });
}

/** Resolves once the transaction committed (a connection closed before that keeps blocking upgrades). */
function completed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => {
      resolve();
    };
    tx.onerror = () => {
      reject(tx.error ?? new Error('IndexedDB transaction failed'));
    };
    tx.onabort = () => {
      reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    };
  });
}

export interface StoreDump {
  readonly keys: IDBValidKey[];
  readonly values: unknown[];
}

/** Every key and value of every object store. */
export async function dumpVault(name: string): Promise<Record<string, StoreDump>> {
  const db = await openRaw(name);
  try {
    const out: Record<string, StoreDump> = {};
    const stores = Array.from(db.objectStoreNames);
    if (stores.length === 0) return out;
    const tx = db.transaction(stores, 'readonly');
    const reads = stores.map(async (store) => {
      const objectStore = tx.objectStore(store);
      const [keys, values] = await Promise.all([done(objectStore.getAllKeys()), done(objectStore.getAll())]);
      out[store] = { keys, values: values as unknown[] };
    });
    await Promise.all([...reads, completed(tx)]);
    return out;
  } finally {
    db.close();
  }
}

/** A comparable snapshot (binary as hex) of every store, optionally leaving some out. */
export async function snapshotVault(name: string, options: { except?: readonly string[] } = {}): Promise<Record<string, unknown>> {
  const dump = await dumpVault(name);
  const out: Record<string, unknown> = {};
  for (const [store, { values }] of Object.entries(dump)) {
    if (options.except?.includes(store) === true) continue;
    out[store] = JSON.parse(JSON.stringify(values, (_key, value: unknown) => (value instanceof Uint8Array ? `hex:${Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('')}` : value))) as unknown;
  }
  return out;
}

/** Reads one row of one store. */
export async function getRaw(name: string, store: string, key: IDBValidKey): Promise<unknown> {
  const db = await openRaw(name);
  try {
    const tx = db.transaction(store, 'readonly');
    const [value] = await Promise.all([done<unknown>(tx.objectStore(store).get(key)), completed(tx)]);
    return value;
  } finally {
    db.close();
  }
}

/** Writes one row of one store (the store's key path is inside the value). */
export async function putRaw(name: string, store: string, value: unknown): Promise<void> {
  const db = await openRaw(name);
  try {
    const tx = db.transaction(store, 'readwrite');
    await Promise.all([done(tx.objectStore(store).put(value)), completed(tx)]);
  } finally {
    db.close();
  }
}

export async function deleteRaw(name: string, store: string, key: IDBValidKey): Promise<void> {
  const db = await openRaw(name);
  try {
    const tx = db.transaction(store, 'readwrite');
    await Promise.all([done(tx.objectStore(store).delete(key)), completed(tx)]);
  } finally {
    db.close();
  }
}

/** All values of one store. */
export async function allRaw(name: string, store: string): Promise<unknown[]> {
  return (await dumpVault(name))[store]?.values ?? [];
}
