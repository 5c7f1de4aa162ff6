/**
 * `inspect BUNDLE`: what the signature file claims, WITHOUT verifying it: for a first look at a stick of
 * unknown origin. Everything shown comes from the files as found and is labelled so; control characters
 * are escaped so a hostile comment cannot rewrite the terminal.
 */
import { escapeControl, isBundleError, parseComment, scanAgeHeader } from '@shared/bundle';
import { formatKeyId, parseMinisignSignature } from '@shared/crypto';
import { type CliContext, print, printTable } from '../context';
import { Failure, UsageError } from '../errors';
import { readBundleFiles } from './bundle-files';

export const inspectUsage = `Usage: tallinn-desk inspect BUNDLE

Shows the metadata of BUNDLE.minisig and the age header of BUNDLE as found, NOT VERIFIED: the
signer, the signed comment's claims (bundle id, sender, recipients, time). Use \`verify\` to check.
`;

export async function inspect(context: CliContext, _values: object, positionals: readonly string[]): Promise<0> {
  const [path] = positionals;
  if (path === undefined || positionals.length !== 1) throw new UsageError('inspect needs exactly one BUNDLE', inspectUsage);
  const files = await readBundleFiles(path);
  const parsed = parseMinisignSignature(files.minisig);
  if (!parsed.ok) throw new Failure(`the signature file is not a minisign signature: ${parsed.message}`);
  const signature = parsed.value;
  print(context, 'NOT VERIFIED: shown as found in the files. Run `tallinn-desk verify` before trusting any of it.');
  const rows: [string, string][] = [
    ['Untrusted comment', escapeControl(signature.untrustedComment)],
    ['Signed by key id', formatKeyId(signature.keyId)],
    ['Trusted comment', escapeControl(signature.trustedComment)],
  ];
  try {
    const comment = parseComment(signature.trustedComment);
    rows.push(
      ['Format', String(comment.format)],
      ['Bundle id', comment.bundleId],
      ['Sender (claimed)', `${comment.sender} (key ${comment.senderKeyId})`],
      ['Created (claimed)', comment.created],
      ['Recipients (claimed)', comment.recipients.join(', ')],
      ['Payload hash', comment.payloadHash],
    );
  } catch (error) {
    rows.push(['Comment', isBundleError(error) ? escapeControl(error.message) : 'not a Tallinn Desk bundle comment']);
  }
  try {
    const scan = scanAgeHeader(files.age);
    rows.push(['age header', `${scan.stanzas} X25519 stanza(s), ${scan.headerBytes} bytes; ${files.age.length} bytes in all`]);
  } catch (error) {
    rows.push(['age header', isBundleError(error) ? escapeControl(error.message) : 'unreadable']);
  }
  printTable(context, rows);
  return 0;
}
