/** `card [--minisign-pub] CARD`: checks a contact card; prints it, or its signing key as a minisign public key file. */
import { cardMinisignPublicKeyFile } from '@shared/bundle';
import { type CliContext, printTable } from '../context';
import { UsageError } from '../errors';
import { describePeer, loadCard } from '../trust';

export const cardUsage = `Usage: tallinn-desk card [--minisign-pub] CARD

Verifies a contact card (.tdesk-card): its key event log, keys and self-signature. Prints the
delegation, its fingerprint and key id; with --minisign-pub, prints the card's signing key as a
minisign public key file instead (for \`minisign -V -p FILE -m BUNDLE\`).
`;

export const cardOptions = { 'minisign-pub': { type: 'boolean' } } as const;

export async function card(context: CliContext, values: { 'minisign-pub'?: boolean }, positionals: readonly string[]): Promise<0> {
  const [path] = positionals;
  if (path === undefined || positionals.length !== 1) throw new UsageError('card needs exactly one CARD file', cardUsage);
  const verified = await loadCard(path);
  if (values['minisign-pub'] === true) {
    context.out.stdout.write(cardMinisignPublicKeyFile(verified));
    return 0;
  }
  printTable(context, [
    ['Delegation', describePeer(verified.peer)],
    ['Proposed role', verified.peer.proposedRole],
    ['Fingerprint', verified.fingerprintText],
    ['Key id', verified.peer.keyIdText],
    ['Devices', String(verified.state.devices.length)],
    ['Status', verified.peer.revoked ? 'REVOKED: do not trust or encrypt to this delegation' : 'valid (verify the fingerprint by phone or in person)'],
  ]);
  return 0;
}
