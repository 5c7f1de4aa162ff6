/** `verify BUNDLE --trust CARD [--trust CARD…]`: signature and signer, without decrypting. */
import { escapeControl, verifyBundle } from '@shared/bundle';
import { type CliContext, print, printTable } from '../context';
import { UsageError } from '../errors';
import { describePeer, loadCards, trustFromCards } from '../trust';
import { readBundleFiles } from './bundle-files';

export const verifyUsage = `Usage: tallinn-desk verify BUNDLE --trust CARD [--trust CARD…]

Checks BUNDLE (.tdesk.age) against BUNDLE.minisig without decrypting it: the signer must be the
current key of a delegation whose card you pass with --trust, the signature and its signed comment
must verify, and the age file must have exactly one X25519 stanza per signed recipient. Prints the
sender, its fingerprint, the bundle id and the recipients.
`;

export const verifyOptions = { trust: { type: 'string', multiple: true } } as const;

export async function verify(context: CliContext, values: { trust?: string[] }, positionals: readonly string[]): Promise<0> {
  const [path] = positionals;
  if (path === undefined || positionals.length !== 1) throw new UsageError('verify needs exactly one BUNDLE', verifyUsage);
  if (values.trust === undefined || values.trust.length === 0) throw new UsageError('verify needs at least one --trust CARD', verifyUsage);
  const files = await readBundleFiles(path);
  const cards = await loadCards(values.trust);
  const result = await verifyBundle(files, { trust: trustFromCards(cards) });
  const senderCard = cards.find((c) => c.state.delegationId === result.sender.delegationId);
  print(context, 'Signature verified (the bundle was not decrypted).');
  printTable(context, [
    ['Sender', describePeer(result.sender)],
    ['Fingerprint', senderCard?.fingerprintText ?? ''],
    ['Key id', result.sender.keyIdText],
    ['Bundle id', result.comment.bundleId],
    ['Created', result.comment.created],
    ['Payload hash', result.comment.payloadHash],
    ['Recipients', String(result.recipients.length)],
  ]);
  for (const recipient of result.recipients) {
    print(context, `  ${recipient.keyId}  ${recipient.peer === null ? '(a delegation you have no card for)' : describePeer({ ...recipient.peer, name: escapeControl(recipient.name ?? recipient.peer.name) })}`);
  }
  return 0;
}
