/** `identity --age ID [--out FILE]`: exports the age identity (AGE-SECRET-KEY-1…) for recovery with stock age. */
import { ageIdentityFromSecret } from '@shared/bundle';
import { type CliContext, print, timed } from '../context';
import { UsageError } from '../errors';
import { readBounded, writeNew } from '../files';
import { IDENTITY_MAX_BYTES, unlockIdentity } from '../identity-file';
import { obtainPassphrase } from '../passphrase';
import { zeroizeDelegationKeys } from '@shared/crypto';

export const identityUsage = `Usage: tallinn-desk identity --age ID [--out FILE]

Prints the identity's X25519 secret as an age identity (AGE-SECRET-KEY-1…), so that stock
\`age -d -i FILE BUNDLE\` decrypts bundles addressed to it. With --out, writes it to FILE
(mode 0600, never replacing an existing file) instead. Keep it as secret as the identity.
`;

export const identityOptions = { age: { type: 'string' }, out: { type: 'string' } } as const;

export async function identity(context: CliContext, values: { age?: string; out?: string }): Promise<0> {
  if (values.age === undefined) throw new UsageError('identity needs --age ID', identityUsage);
  const bytes = await readBounded(values.age, 'identity file', IDENTITY_MAX_BYTES);
  const passphrase = await obtainPassphrase(context.env, context.terminal, { confirm: false });
  const unlocked = await timed(context, 'kdf', () => unlockIdentity(bytes, values.age as string, passphrase));
  try {
    const text = `${ageIdentityFromSecret(unlocked.keys.encryption.secretKey)}\n`;
    const comment = `# age identity of Tallinn Desk delegation ${unlocked.state.delegationId}\n`;
    if (values.out === undefined) {
      context.out.stdout.write(text);
    } else {
      await writeNew(values.out, comment + text, 0o600);
      print(context, values.out);
    }
    return 0;
  } finally {
    zeroizeDelegationKeys(unlocked.keys);
  }
}
