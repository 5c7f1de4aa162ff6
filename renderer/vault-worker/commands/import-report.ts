/**
 * The per-bundle import report (shared/ipc BundleImportReport) built from a pair and what the reading
 * pipeline and the sync engine said about it.
 */
import type { BundleError } from '@shared/bundle';
import { fingerprintGroups, formatKeyId, parseMinisignSignature } from '@shared/crypto';
import type { BundleImportReport, ExchangeFile, IngestReport } from '@shared/ipc/vault-protocol';
import type { LoadedReplica, StoredDelegation } from '../replica-store';
import type { Pair } from './bundle-pairs';
import { fingerprintOf, peerOf } from './trust';

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
  // Withheld until verified, as in the Delegations directory.
  return { id: stored.known.id, name: stored.name, fingerprint: stored.known.verified ? fingerprintGroups(fingerprintOf(stored)) : [] };
}

/**
 * The delegation whose current key id signed the file, when we know it (for a refusal's report). For
 * signer-unverified and signer-revoked the reader already found it by that key id: `failure.details.delegation`.
 */
export function claimedSigner(loaded: LoadedReplica, minisig: Uint8Array, failure?: BundleError): StoredDelegation | undefined {
  if (failure !== undefined && (failure.code === 'signer-unverified' || failure.code === 'signer-revoked')) {
    const delegation = failure.details['delegation'];
    if (typeof delegation === 'string') {
      const stored = loaded.delegations.get(delegation);
      if (stored !== undefined) return stored;
    }
  }
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

