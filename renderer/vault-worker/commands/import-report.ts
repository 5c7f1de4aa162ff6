/**
 * The per-bundle import report (shared/ipc BundleImportReport) built from a pair and what the reading
 * pipeline and the sync engine said about it.
 */
import { fingerprintDigits, fingerprintGroups, formatKeyId, parseMinisignSignature } from '@shared/crypto';
import type { BundleImportReport, ExchangeFile, IngestReport } from '@shared/ipc/vault-protocol';
import type { LoadedReplica, StoredDelegation } from '../replica-store';
import type { Pair } from './bundle-pairs';
import { keyStateOf, peerOf } from './trust';

/** Problems listed per bundle (the counts have the totals). */
const MAX_PROBLEMS = 100;

export function emptyReport(pair: Pair): BundleImportReport {
  const named = (pair.age ?? pair.minisig) as ExchangeFile;
  return {
    name: named.name,
    relativePath: named.relativePath,
    outcome: 'refused',
    sender: null,
    signatureVerified: false,
    bundleId: null,
    size: { age: pair.age?.bytes.length ?? 0, minisig: pair.minisig?.bytes.length ?? 0 },
    sha256: { age: null, minisig: null },
    counts: null,
    problems: [],
    refusal: null,
  };
}

export function senderOf(stored: StoredDelegation): NonNullable<BundleImportReport['sender']> {
  const keys = keyStateOf(stored);
  if (!stored.known.verified) return { id: stored.known.id, name: stored.name, fingerprint: [] };
  return { id: stored.known.id, name: stored.name, fingerprint: fingerprintGroups(fingerprintDigits({ delegationId: keys.delegationId, signingKey: keys.signingKey, encryptionKey: keys.encryptionKey })) };
}

/** The delegation whose current key id signed the file, when we know it (for a refusal's report). */
export function claimedSigner(loaded: LoadedReplica, minisig: Uint8Array): StoredDelegation | undefined {
  const parsed = parseMinisignSignature(minisig);
  if (!parsed.ok) return undefined;
  const keyId = formatKeyId(parsed.value.keyId);
  return [...loaded.delegations.values()].find((stored) => peerOf(stored).keyIdText === keyId);
}

export function countsOf(report: IngestReport): NonNullable<BundleImportReport['counts']> {
  const rejected = report.rejected.length;
  return {
    changeSets: report.applied + report.duplicates + report.contentFilled + report.redacted + report.parked + rejected,
    applied: report.applied,
    duplicates: report.duplicates,
    contentFilled: report.contentFilled,
    redacted: report.redacted,
    parked: report.parked,
    newConflicts: report.newConflicts,
    rejected,
  };
}

export function problemsOf(report: IngestReport): BundleImportReport['problems'] {
  return [...report.rejected, ...report.flagged].slice(0, MAX_PROBLEMS).map((problem) => ({ reason: problem.reason.slice(0, 64), message: problem.message.slice(0, 500) }));
}

