export { systemClock, type Clock } from './clock';
export {
  ClockContext,
  useClock,
  useProfile,
  useSession,
  useSettings,
  useVaultSession,
  useWorkingSet,
  VaultSessionContext,
} from './context';
export {
  createVaultSession,
  type AuditLog,
  type CreatedVault,
  type SessionState,
  type VaultSession,
  type VaultSessionDeps,
} from './session';
export type { ExchangeOperations, ProgressOptions, VerifyInput } from './exchange';
export { ACTIVITY_EVENTS, useIdleLock } from './use-idle-lock';
export { failureOf, toVaultFailure, VaultOperationError, type VaultClient, type VaultFailure } from './vault-client';
export { createWorkingSetStore, WORKING_SET_PAINTED_MARK, type WorkingSetState, type WorkingSetStore } from './working-set';
