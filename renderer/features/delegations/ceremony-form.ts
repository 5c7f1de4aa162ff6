/**
 * The verification ceremony's form (zod): the fingerprint as read out, the display name and role the
 * verifying user assigns (both start empty: nothing is taken from the card), and how the fingerprint was read out. Messages are keys of
 * `delegations:ceremony.errors`, shown beside their fields.
 */
import { hasUnsafeCharacters } from '@shared/bundle/text';
import { ROLES, type Role } from '@shared/crypto/formats';
import { verificationChannelSchema, type VerificationChannel } from '@shared/ipc/vault-protocol';
import { z } from 'zod';
import { cleanFingerprint, fingerprintProblem, type FingerprintProblem } from './fingerprint';

export const NAME_MIN = 2;
export const NAME_MAX = 120;

export const ceremonySchema = z.object({
  fingerprint: z.string().superRefine((value, context) => {
    const problem = fingerprintProblem(value);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem });
  }),
  name: z
    .string()
    .trim()
    .min(NAME_MIN, 'nameRequired')
    .max(NAME_MAX, 'nameTooLong')
    // Control, bidirectional-text, separator, zero-width and BOM characters: a name holding them can display
    // differently from what it contains (the worker refuses it too, `name-invalid`).
    .refine((value) => !hasUnsafeCharacters(value), 'nameInvalid'),
  role: z.enum(ROLES, { error: 'roleRequired' }),
  channel: verificationChannelSchema.nullable().refine((value) => value !== null, 'channelRequired'),
});

export type CeremonyField = 'fingerprint' | 'name' | 'role' | 'channel';
export type CeremonyMessage = FingerprintProblem | 'nameRequired' | 'nameTooLong' | 'nameInvalid' | 'roleRequired' | 'channelRequired';
export type CeremonyErrors = Partial<Record<CeremonyField, CeremonyMessage>>;

const MESSAGES = new Set<string>(['fingerprintRequired', 'fingerprintCharacters', 'fingerprintLength', 'nameRequired', 'nameTooLong', 'nameInvalid', 'roleRequired', 'channelRequired']);

/** A zod message of its own (a type error rather than ours) still gets a sentence. */
const FALLBACK: Readonly<Record<CeremonyField, CeremonyMessage>> = { fingerprint: 'fingerprintCharacters', name: 'nameRequired', role: 'roleRequired', channel: 'channelRequired' };

function isMessage(value: string): value is CeremonyMessage {
  return MESSAGES.has(value);
}

export interface CeremonyDraft {
  readonly fingerprint: string;
  readonly name: string;
  readonly role: Role | null;
  readonly channel: VerificationChannel | null;
}

export interface CeremonyValues {
  readonly fingerprint: string;
  readonly name: string;
  readonly role: Role;
  readonly channel: VerificationChannel;
}

const FIELDS = new Set<string>(['fingerprint', 'name', 'role', 'channel']);

function isField(value: unknown): value is CeremonyField {
  return typeof value === 'string' && FIELDS.has(value);
}

/** The draft checked: its values ready for `delegation-verify`, or the first message key per field. */
export function checkCeremony(draft: CeremonyDraft): { readonly ok: true; readonly values: CeremonyValues } | { readonly ok: false; readonly errors: CeremonyErrors } {
  const parsed = ceremonySchema.safeParse(draft);
  if (!parsed.success) {
    const errors: CeremonyErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (isField(field) && errors[field] === undefined) errors[field] = isMessage(issue.message) ? issue.message : FALLBACK[field];
    }
    return { ok: false, errors };
  }
  const { role, channel } = parsed.data;
  return { ok: true, values: { fingerprint: cleanFingerprint(parsed.data.fingerprint), name: parsed.data.name.normalize('NFC'), role, channel } };
}
