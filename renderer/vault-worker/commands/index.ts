/**
 * The command table: one handler per protocol command. The mapped type makes a missing or mistyped
 * handler a compile error when the protocol gains a command.
 */
import type { VaultCommand } from '@shared/ipc/vault-protocol';
import { auditList } from './audit';
import { cardExport, cardImport, cardInspect } from './cards';
import type { CommandHandler } from './context';
import { create } from './create';
import { delegationsList } from './delegations';
import { demoLoad } from './demo';
import { exportCommit, exportPreview, exportSeal } from './export';
import { exchangeHistory, importBundles } from './import';
import { lock } from './lock';
import { changePassphrase } from './passphrase';
import { conflictResolve, conflictsList } from './conflicts';
import { recordHistory, recordsList, recordsWrite } from './records';
import { logRebuild, syncStatus } from './sync';
import { testInject, testVerifyDelegation } from './test-sync';
import { renewRecoverySheet, unlockWithRecovery } from './recovery';
import { settingsGet, settingsSet } from './settings';
import { profile, state } from './state';
import { unlock } from './unlock';
import { delegationDetail, delegationVerify } from './verification';

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
  'records-write': recordsWrite,
  'records-list': recordsList,
  'record-history': recordHistory,
  'conflicts-list': conflictsList,
  'conflict-resolve': conflictResolve,
  'sync-status': syncStatus,
  'delegations-list': delegationsList,
  'demo-load': demoLoad,
  'log-rebuild': logRebuild,
  'test-inject': testInject,
  'test-verify-delegation': testVerifyDelegation,
  'audit-list': auditList,
  'card-export': cardExport,
  'card-inspect': cardInspect,
  'card-import': cardImport,
  'delegation-verify': delegationVerify,
  'delegation-detail': delegationDetail,
  'export-preview': exportPreview,
  'export-seal': exportSeal,
  'export-commit': exportCommit,
  'import-bundles': importBundles,
  'exchange-history': exchangeHistory,
};
