/**
 * `audit-list`: every entry, decrypted, in order, and whether the hash chain is intact (audit-chain.ts).
 *
 * A row that does not open is `vault-corrupt` naming it, like every sealed row. A chain that opens but
 * does not verify (an entry rewritten, one missing, the log cut short of the head the manifest records)
 * is reported as `chainIntact: false` with the entries that could be read, because the entries
 * themselves are what the user needs to see to judge what happened.
 */
import type { AuditEntry } from '@shared/ipc/vault-protocol';
import { decodeAuditEntry, type StoredAuditEntry, verifyAuditChain } from '../audit-chain';
import { corruptRow } from '../errors';
import type { CommandHandler } from './context';

export const auditList: CommandHandler<'audit-list'> = async (ctx) => {
  const vault = ctx.session.current();
  const rows = await ctx.repo.openAudit(vault.rowKey);
  const stored: StoredAuditEntry[] = rows.map(({ seq, payload }) => {
    try {
      return decodeAuditEntry(payload);
    } catch {
      throw corruptRow('audit', String(seq), 'content-invalid', `Audit entry ${seq} opened but is malformed.`);
    }
  });
  const verdict = verifyAuditChain(stored, vault.manifest.audit);
  const entries: AuditEntry[] = stored.map(({ seq, at, action, details, hash }) => ({ seq, at, action, details, hash }));
  return { entries, chainIntact: verdict.intact };
};
