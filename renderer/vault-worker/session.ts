/**
 * The in-memory key holder. While the vault is unlocked it holds the master key (needed to re-wrap it on
 * a passphrase change or a new recovery sheet), the row key derived from it, the delegation's secret keys,
 * and the manifest the worker last wrote. Nothing else in the worker keeps a key: commands borrow them
 * from here for the duration of one command.
 *
 * `lock()` overwrites every key array. JavaScript cannot promise that no copy survives elsewhere (the
 * engine may have moved a buffer, and strings cannot be erased), which is why locking also terminates the
 * worker and reloads the renderer (DESIGN.md §2); zeroing still shortens the time a key sits in memory.
 *
 * One VaultSession is created by the worker entry and passed to every command (no module-level state).
 */
import { type DelegationKeys, type KdfCost, type RowKey, zeroize, zeroizeDelegationKeys } from '@shared/crypto';
import type { Profile } from '@shared/ipc/vault-protocol';
import { VaultFailure } from './errors';
import type { Manifest } from './manifest';
import type { ProfileRecord } from './profile-record';
import { PendingExports } from './pending-exports';
import { ReplicaHolder } from './replica-store';

export interface UnlockedVault {
  readonly masterKey: Uint8Array;
  readonly rowKey: RowKey;
  readonly keys: DelegationKeys;
  /** The stored identity (key event log, revocation certificate) as opened at unlock. */
  readonly record: ProfileRecord;
  readonly profile: Profile;
  /** The manifest on disk, as this session last wrote or read it, and its generation. */
  readonly manifest: Manifest;
  readonly manifestVersion: number;
}

/** Overwrites the secrets of a vault that is being dropped (used on lock and on a failed unlock). */
export function zeroizeVault(vault: Pick<UnlockedVault, 'masterKey' | 'rowKey' | 'keys'>): void {
  zeroize(vault.masterKey, vault.rowKey);
  zeroizeDelegationKeys(vault.keys);
}

export class VaultSession {
  private vault: UnlockedVault | null = null;
  /** The sync engine's state of the unlocked vault (replica-store.ts); a fresh holder per unlock. */
  private replicaHolder = new ReplicaHolder();
  /** Sealed bundles between `export-seal` and `export-commit` (pending-exports.ts); dropped on lock. */
  readonly pendingExports = new PendingExports();

  get replica(): ReplicaHolder {
    this.current();
    return this.replicaHolder;
  }

  get unlocked(): boolean {
    return this.vault !== null;
  }

  /** Takes ownership of the vault's keys (a previous vault, if any, is locked first). */
  open(vault: UnlockedVault): void {
    this.lock();
    this.vault = vault;
  }

  /** The unlocked vault, or `locked`. */
  current(): UnlockedVault {
    if (this.vault === null) throw new VaultFailure('locked', 'The vault is locked.');
    return this.vault;
  }

  /** After a committed write: the manifest on disk is now `manifest` at generation `version`. */
  committed(manifest: Manifest, version: number): void {
    const vault = this.current();
    this.vault = { ...vault, manifest, manifestVersion: version };
  }

  /** After a passphrase change: the profile reports the new Argon2id cost. */
  kdfChanged(cost: KdfCost): void {
    const vault = this.current();
    this.vault = { ...vault, profile: { ...vault.profile, kdf: { ...cost } } };
  }

  lock(): void {
    this.pendingExports.clear();
    this.replicaHolder.drop();
    this.replicaHolder = new ReplicaHolder();
    if (this.vault === null) return;
    zeroizeVault(this.vault);
    this.vault = null;
  }
}
