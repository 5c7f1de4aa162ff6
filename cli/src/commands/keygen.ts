/** `keygen --name NAME --country CC [--role ROLE] --out DIR`: a new delegation identity and its card. */
import { join } from 'node:path';
import { access } from 'node:fs/promises';
import { createCard, formatCardFile, verifyCard } from '@shared/bundle';
import { createInception, generateDelegationKeys, newDeviceId, ROLES, type Role, zeroizeDelegationKeys } from '@shared/crypto';
import { type CliContext, print, printTable, timed } from '../context';
import { Failure, UsageError } from '../errors';
import { ensureDirectory, writeNew } from '../files';
import { createIdentityFile, identityKdfCost, IDENTITY_FILE_NAME } from '../identity-file';
import { obtainPassphrase } from '../passphrase';
import { describePeer } from '../trust';

export const CARD_FILE_NAME = 'card.tdesk-card';

export const keygenUsage = `Usage: tallinn-desk keygen --name NAME --country CC [--role ROLE] --out DIR

Creates a delegation identity: DIR/${IDENTITY_FILE_NAME} (secret keys, encrypted with the
passphrase from TALLINN_DESK_PASSPHRASE or asked on the terminal) and DIR/${CARD_FILE_NAME}
(the contact card to hand to other delegations). ROLE is one of ${ROLES.join(', ')}
(default partner). DIR is created when missing; existing files are never replaced.
`;

export const keygenOptions = {
  name: { type: 'string' },
  country: { type: 'string' },
  role: { type: 'string' },
  out: { type: 'string' },
} as const;

export async function keygen(context: CliContext, values: { name?: string; country?: string; role?: string; out?: string }): Promise<0> {
  const name = values.name?.normalize('NFC').trim();
  if (name === undefined || name === '') throw new UsageError('keygen needs --name NAME', keygenUsage);
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (name.length > 200 || /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u.test(name)) throw new UsageError('the name must be 1–200 characters of printable text', keygenUsage);
  if (values.country === undefined) throw new UsageError('keygen needs --country CC', keygenUsage);
  const country = values.country.toUpperCase();
  if (!/^[A-Z]{2}$/u.test(country)) throw new UsageError(`--country must be an ISO 3166-1 alpha-2 code (such as UA or EE), not "${values.country}"`, keygenUsage);
  const role = (values.role ?? 'partner') as Role;
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`, keygenUsage);
  if (values.out === undefined) throw new UsageError('keygen needs --out DIR', keygenUsage);

  const identityPath = join(values.out, IDENTITY_FILE_NAME);
  const cardPath = join(values.out, CARD_FILE_NAME);
  for (const path of [identityPath, cardPath]) {
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (exists) throw new Failure(`${path} already exists; keygen never replaces an identity`);
  }
  const passphrase = await obtainPassphrase(context.env, context.terminal, { confirm: true });
  const keys = generateDelegationKeys();
  try {
    const { signed } = createInception(
      { name, country, proposedRole: role, device: { id: newDeviceId(), label: 'tallinn-desk CLI' }, created: new Date(context.now()).toISOString() },
      keys,
    );
    const log = [signed];
    const cost = await identityKdfCost(context.env);
    const identity = await timed(context, 'kdf', () => createIdentityFile(keys, log, passphrase, cost));
    const card = createCard(log, keys);
    const verified = verifyCard(card);
    await ensureDirectory(values.out);
    await writeNew(identityPath, identity, 0o600);
    await writeNew(cardPath, formatCardFile(card));
    printTable(context, [
      ['Delegation', describePeer(verified.peer)],
      ['Role', role],
      ['Fingerprint', verified.fingerprintText],
      ['Key id', verified.peer.keyIdText],
      ['Identity', identityPath],
      ['Card', cardPath],
    ]);
    print(context, 'Read the fingerprint aloud to each delegation you hand the card to; they type what they hear.');
    return 0;
  } finally {
    zeroizeDelegationKeys(keys);
  }
}
