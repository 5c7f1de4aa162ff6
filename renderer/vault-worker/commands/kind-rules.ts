/**
 * Which kind-specific ownership rules local writes and imports enforce (DESIGN.md §3: a delivery only
 * by the owner of its offer, an acceptance only by the owner of its need, allocations only inside their
 * offer, known kinds only). The rules live in shared/domain; this is the one place the worker picks
 * them up, so local writes and imports can never disagree.
 */
import { kindRules } from '@shared/domain/kind-rules';
import type { KindRules } from '@shared/sync';

export function kindRulesFor(): KindRules {
  return kindRules;
}
