/** What features may use from the app shell. */
export { usePlatform, useUi } from './contexts';
export type { Language, ColorScheme } from './ui-store';
export { isLanguage, LANGUAGES } from './ui-store';
export {
  failureOf,
  useClock,
  useProfile,
  useSession,
  useSettings,
  useVaultSession,
  useWorkingSet,
  VaultOperationError,
  type AuditLog,
  type Clock,
  type CreatedVault,
  type ExchangeOperations,
  type ProgressOptions,
  type VerifyInput,
  type VaultFailure,
} from './session';
export { useDocumentTitle } from './document-title';
