/**
 * The signed trusted comment of a bundle's `.minisig` (docs/bundle-format.md §4): one line of printable
 * ASCII that a security officer reads in `minisign -V` output, and that the reader checks against the
 * inner header after decryption (which blocks surreptitious forwarding: re-encrypting someone's payload
 * to another recipient changes the recipient list the signature covers).
 *
 *   tallinn-desk-bundle/1 id=<bundle id> from=<sender delegation id> key=<sender key id>
 *       to=<key id>,<key id>,… at=<created, ISO 8601 UTC ms> payload=<hex BLAKE2b-256 payload hash>
 *
 * Fields are separated by one space, in exactly this order, each exactly once. Key ids are minisign's
 * display form (16 upper-case hex digits); the recipient list is in the order of the inner header.
 */
import { DelegationIdSchema, parseKeyId } from '../crypto';
import { BundleError } from './errors';
import { BUNDLE_LIMITS } from './limits';

export const BUNDLE_FORMAT = 1;
export const COMMENT_MAGIC = 'tallinn-desk-bundle';

export interface BundleComment {
  readonly format: number;
  readonly bundleId: string;
  readonly sender: string;
  /** Sender key id, minisign display form. */
  readonly senderKeyId: string;
  /** Recipient key ids, minisign display form, in header order. */
  readonly recipients: readonly string[];
  /** ISO 8601 UTC with milliseconds. */
  readonly created: string;
  /** Hex BLAKE2b-256 of the decrypted payload (payload.ts). */
  readonly payloadHash: string;
}

const BUNDLE_ID = /^[a-z2-7]{26}$/u;
const KEY_ID = /^[0-9A-F]{16}$/u;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/u;
const HEX_HASH = /^[0-9a-f]{64}$/u;

export function formatComment(comment: BundleComment): string {
  const text = [
    `${COMMENT_MAGIC}/${comment.format}`,
    `id=${comment.bundleId}`,
    `from=${comment.sender}`,
    `key=${comment.senderKeyId}`,
    `to=${comment.recipients.join(',')}`,
    `at=${comment.created}`,
    `payload=${comment.payloadHash}`,
  ].join(' ');
  // Round-trip through the parser so the writer can never emit what the reader refuses.
  parseComment(text);
  return text;
}

function malformed(message: string): never {
  throw new BundleError('comment-malformed', `The signed comment is not a Tallinn Desk bundle comment: ${message}`);
}

/**
 * Parses and checks a trusted comment (already verified, or shown as unverified by `inspect`). A newer
 * format version is refused with `format-newer` before anything else of it is interpreted.
 */
export function parseComment(text: string): BundleComment {
  if (text.length > BUNDLE_LIMITS.trustedCommentBytes) malformed(`it has ${text.length} characters.`);
  if (!/^[\x20-\x7e]*$/u.test(text)) malformed('it contains characters other than printable ASCII.');
  const tokens = text.split(' ');
  const head = /^tallinn-desk-bundle\/([0-9]{1,6})$/u.exec(tokens[0] ?? '');
  if (head === null) malformed(`it does not start with "${COMMENT_MAGIC}/<version>".`);
  const format = Number(head[1]);
  if (format > BUNDLE_FORMAT) {
    throw new BundleError(
      'format-newer',
      `This bundle uses format version ${format}; this version of Tallinn Desk reads format ${BUNDLE_FORMAT} only. Update Tallinn Desk to open it.`,
      { format, supported: BUNDLE_FORMAT },
    );
  }
  if (format !== BUNDLE_FORMAT) {
    throw new BundleError('format-unsupported', `This bundle uses format version ${format}, which this version of Tallinn Desk does not read.`, { format });
  }
  const names = ['id', 'from', 'key', 'to', 'at', 'payload'] as const;
  if (tokens.length !== names.length + 1) malformed(`it has ${tokens.length - 1} fields, not ${names.length}.`);
  const values: Record<string, string> = {};
  names.forEach((name, index) => {
    const token = tokens[index + 1] as string;
    if (!token.startsWith(`${name}=`)) malformed(`field ${index + 1} must be "${name}=".`);
    values[name] = token.slice(name.length + 1);
  });
  const id = values['id'] as string;
  const from = values['from'] as string;
  const key = values['key'] as string;
  const to = values['to'] as string;
  const at = values['at'] as string;
  const payload = values['payload'] as string;
  if (!BUNDLE_ID.test(id)) malformed('the bundle id must be 26 base32 characters.');
  if (!DelegationIdSchema.safeParse(from).success) malformed('the sender must be a delegation id.');
  if (!KEY_ID.test(key) || parseKeyId(key) === null) malformed('the sender key id must be 16 hex digits.');
  const recipients = to.split(',');
  if (recipients.length === 0 || to === '') malformed('the recipient list is empty.');
  if (recipients.length > BUNDLE_LIMITS.recipients) malformed(`it names ${recipients.length} recipients; at most ${BUNDLE_LIMITS.recipients} are allowed.`);
  if (!recipients.every((r) => KEY_ID.test(r))) malformed('every recipient must be a 16-hex-digit key id.');
  if (new Set(recipients).size !== recipients.length) malformed('a recipient is named twice.');
  if (!ISO_MS.test(at) || Number.isNaN(Date.parse(at)) || new Date(at).toISOString() !== at) malformed('the creation time must be ISO 8601 UTC with milliseconds.');
  if (!HEX_HASH.test(payload)) malformed('the payload hash must be 64 hex digits.');
  return { format, bundleId: id, sender: from, senderKeyId: key, recipients, created: at, payloadHash: payload };
}
