/**
 * Notes and decisions (DESIGN.md §3): what a meeting decided and who does what by when. A decision is a
 * note with `type: 'decision'` rather than a kind of its own, because both have the same fields and
 * the same owner rules; the type only changes how it is listed. (`type`, not `kind`, so it is not
 * confused with the record kind in the change-set header.)
 *
 * Action items live inside the note: they are the note's owner's account of what was agreed. Each names
 * the delegation expected to act (by delegation id), which is not an ownership claim.
 */
import { z } from 'zod';
import { PlainDateSchema } from './plain-date';
import { DelegationRefSchema, RecordRefSchema } from './record-ref';
import { TEXT_LIMITS, textSchema } from './text';

export const NOTE_TYPES = ['note', 'decision'] as const;
export type NoteType = (typeof NOTE_TYPES)[number];

export const MAX_ACTION_ITEMS = 100;
export const MAX_LINKS = 200;

export const ActionItemSchema = z.strictObject({
  text: textSchema({ max: TEXT_LIMITS.item }),
  /** The delegation expected to act; null: not assigned yet. */
  owner: DelegationRefSchema.nullable(),
  due: PlainDateSchema.nullable(),
  done: z.boolean(),
});
export type ActionItem = z.infer<typeof ActionItemSchema>;

export const NoteValuesSchema = z
  .strictObject({
    title: textSchema({ max: TEXT_LIMITS.short }),
    body: textSchema({ max: TEXT_LIMITS.body, multiline: true, required: false }),
    type: z.enum(NOTE_TYPES),
    meetingDate: PlainDateSchema.nullable(),
    actionItems: z.array(ActionItemSchema).max(MAX_ACTION_ITEMS),
    /** Records the note is about (needs, offers, …), each once. */
    links: z.array(RecordRefSchema).max(MAX_LINKS),
  })
  .superRefine((note, ctx) => {
    const seen = new Set<string>();
    note.links.forEach((link, index) => {
      if (seen.has(link)) ctx.addIssue({ code: 'custom', message: 'validation.duplicateReference', path: ['links', index] });
      seen.add(link);
    });
  });
export type NoteValues = z.infer<typeof NoteValuesSchema>;
