/**
 * The command table: one handler per protocol command. The mapped type makes a missing or mistyped
 * handler a compile error when the protocol gains a command.
 */
import type { VaultCommand } from '@shared/ipc/vault-protocol';
import { auditList } from './audit';
import type { CommandHandler } from './context';
import { create } from './create';
import { lock } from './lock';
import { changePassphrase } from './passphrase';
import { recordsList, recordsPut } from './records';
import { renewRecoverySheet, unlockWithRecovery } from './recovery';
import { settingsGet, settingsSet } from './settings';
import { profile, state } from './state';
import { unlock } from './unlock';

export type { CommandHandler, VaultContext } from './context';

export const COMMANDS: { readonly [C in VaultCommand]: CommandHandler<C> } = {
  state,
  create,
  unlock,
  'unlock-with-recovery': unlockWithRecovery,
  lock,
  profile,
  'change-passphrase': changePassphrase,
  'renew-recovery-sheet': renewRecoverySheet,
  'settings-get': settingsGet,
  'settings-set': settingsSet,
  'records-put': recordsPut,
  'records-list': recordsList,
  'audit-list': auditList,
};
