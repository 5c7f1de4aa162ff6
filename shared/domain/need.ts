/**
 * A need (DESIGN.md §3): what a Ukrainian institution requires, stated by a beneficiary delegation,
 * which alone may change it (the owner is in the record id).
 *
 * "Partially covered" and "covered" are not statuses: they are computed from offers (coverage.ts), so a
 * need can never claim a coverage its offers do not give. The status is the need's own lifecycle:
 *
 *   draft → submitted → assessed → prioritised → open → closed
 *     any status before closed → withdrawn;  closed → open (reopened)
 *
 * Drafts never leave the vault (sharing.ts). A technical assessment score is required from "assessed"
 * on and an inter-agency priority from "prioritised" on, because those statuses mean exactly that the
 * score and the rank have been given.
 */
import { z } from 'zod';
import { CategorySchema, PrioritySchema, SectorSchema } from './classification';
import { MoneySchema } from './money';
import { PlainDateSchema } from './plain-date';
import { TEXT_LIMITS, textSchema } from './text';
import { QuantitySchema, UnitSchema } from './units';

export const NEED_STATUSES = ['draft', 'submitted', 'assessed', 'prioritised', 'open', 'closed', 'withdrawn'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const NeedStatusSchema = z.enum(NEED_STATUSES);

/** The statuses a need may move to from `status` (forward skips allowed: an urgent need may go straight to open). */
export const NEED_STATUS_TRANSITIONS: Readonly<Record<NeedStatus, readonly NeedStatus[]>> = {
  draft: ['submitted', 'assessed', 'prioritised', 'open', 'withdrawn'],
  submitted: ['assessed', 'prioritised', 'open', 'withdrawn'],
  assessed: ['prioritised', 'open', 'withdrawn'],
  prioritised: ['open', 'withdrawn'],
  open: ['closed', 'withdrawn'],
  closed: ['open'],
  withdrawn: [],
};

/** Statuses in which a need is being worked on: it counts as requested and may be covered by offers. */
export const ACTIVE_NEED_STATUSES: readonly NeedStatus[] = ['submitted', 'assessed', 'prioritised', 'open'];

const SCORED: readonly NeedStatus[] = ['assessed', 'prioritised', 'open'];
const RANKED: readonly NeedStatus[] = ['prioritised', 'open'];

/** Technical assessment score: 0 (not useful) … 10 (indispensable). */
export const ASSESSMENT_SCORE_MAX = 10;
/** Inter-agency priority: a rank, 1 = first. */
export const INTER_AGENCY_PRIORITY_MAX = 100_000;

export const NeedValuesSchema = z
  .strictObject({
    title: textSchema({ max: TEXT_LIMITS.short }),
    description: textSchema({ max: TEXT_LIMITS.long, multiline: true, required: false }),
    /** The Ukrainian institution that requests it (SSSCIP, CERT-UA, an energy operator, …). */
    institution: textSchema({ max: TEXT_LIMITS.short }),
    sector: SectorSchema,
    category: CategorySchema,
    priority: PrioritySchema,
    quantity: QuantitySchema,
    unit: UnitSchema,
    estimatedValue: MoneySchema,
    /** Null: no deadline stated. */
    deadline: PlainDateSchema.nullable(),
    assessmentScore: z.int().min(0).max(ASSESSMENT_SCORE_MAX).nullable(),
    interAgencyPriority: z.int().min(1).max(INTER_AGENCY_PRIORITY_MAX).nullable(),
    status: NeedStatusSchema,
  })
  .superRefine((need, ctx) => {
    if (SCORED.includes(need.status) && need.assessmentScore === null) {
      ctx.addIssue({ code: 'custom', message: 'validation.scoreRequired', path: ['assessmentScore'] });
    }
    if (RANKED.includes(need.status) && need.interAgencyPriority === null) {
      ctx.addIssue({ code: 'custom', message: 'validation.rankRequired', path: ['interAgencyPriority'] });
    }
  });
export type NeedValues = z.infer<typeof NeedValuesSchema>;
