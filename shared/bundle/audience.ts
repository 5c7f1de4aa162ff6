/**
 * Who may see what (DESIGN.md §3 TLP): a bundle's payload holds only what EVERY one of its recipients may
 * see; everything else travels as a redacted header, so chains still verify and the recipient sees that
 * something was withheld, by whom, but not what or when.
 *
 * For each logged change-set, in order:
 * - content not held (already redacted)          → redacted   `content-not-held`
 * - authored by the sender (own records):
 *     RED    → full only if the record's audience names every recipient, else redacted `red-audience`
 *     other  → full if the record has no audience (the author selected this export's recipients) or its
 *              audience names every recipient, else redacted `not-in-audience`
 * - authored by another delegation (a relay):
 *     CLEAR / GREEN → full `relay-clear-green`;  anything above → redacted `relay-above-green`
 *
 * TLP applies to the change-set as authored (its header's level) AND to the record's current level as the
 * sender holds it (`currentTlpOf`): a change-set goes in full only if both allow it. Lowering a record's
 * TLP does not release older content (the owner re-publishes the current values); raising it withholds
 * older content authored at the lower level from then on (`tlp-raised`: own records whose current level
 * is RED while the change-set's is not, without an audience naming every recipient; relays of records
 * whose current level is above GREEN while the change-set's is CLEAR or GREEN).
 */
import type { ChangeSet } from '../sync/changeset';
import type { LoggedChangeSet } from '../sync/model';
import { isRelayable, type Tlp } from '../sync/tlp';

export type AudienceReason =
  | 'own'
  | 'own-audience'
  | 'own-red-audience'
  | 'relay-clear-green'
  | 'content-not-held'
  | 'red-audience'
  | 'not-in-audience'
  | 'relay-above-green'
  | 'tlp-raised';

export interface AudienceDecision {
  readonly hash: string;
  readonly included: boolean;
  readonly reason: AudienceReason;
}

export interface AudienceInput {
  /** The sending delegation. */
  readonly sender: string;
  /** Delegation ids of every recipient of the bundle. */
  readonly recipients: readonly string[];
  readonly changeSets: readonly LoggedChangeSet[];
  /**
   * The audience the author named on one of its own records (delegation ids), or undefined when none was
   * named. RED records are shared only with a named audience.
   */
  readonly audienceOf?: (recordId: string) => readonly string[] | undefined;
  /**
   * The record's current TLP as the sender holds it (the level it was last published at), or undefined
   * when the sender does not hold the record. A change-set goes in full only if its authored level AND
   * this level allow it: raising a record's TLP withholds its older, less restricted change-sets.
   */
  readonly currentTlpOf?: (recordId: string) => Tlp | undefined;
}

export interface AudienceResult {
  /** The change-sets to put in the payload, in input order: full or redacted. */
  readonly changeSets: readonly ChangeSet[];
  readonly decisions: readonly AudienceDecision[];
  readonly included: number;
  readonly redacted: number;
}

function decide(input: AudienceInput, logged: LoggedChangeSet): { included: boolean; reason: AudienceReason } {
  const { changeSet } = logged;
  if (changeSet.content === undefined) return { included: false, reason: 'content-not-held' };
  const tlp = changeSet.header.tlp;
  const current = input.currentTlpOf?.(changeSet.content.record) ?? tlp;
  if (logged.delegation !== input.sender) {
    if (!isRelayable(tlp)) return { included: false, reason: 'relay-above-green' };
    return isRelayable(current) ? { included: true, reason: 'relay-clear-green' } : { included: false, reason: 'tlp-raised' };
  }
  const audience = input.audienceOf?.(changeSet.content.record);
  const everyoneNamed = audience !== undefined && input.recipients.every((recipient) => audience.includes(recipient));
  // RED rules apply if either level is RED (the change-set as authored, or the record as it is now).
  if (tlp === 'RED') return everyoneNamed ? { included: true, reason: 'own-red-audience' } : { included: false, reason: 'red-audience' };
  if (current === 'RED') return everyoneNamed ? { included: true, reason: 'own-red-audience' } : { included: false, reason: 'tlp-raised' };
  if (audience === undefined) return { included: true, reason: 'own' };
  return everyoneNamed ? { included: true, reason: 'own-audience' } : { included: false, reason: 'not-in-audience' };
}

/** Pure: decides, for one set of recipients, which change-sets go in full and which as headers only. */
export function payloadFor(input: AudienceInput): AudienceResult {
  const changeSets: ChangeSet[] = [];
  const decisions: AudienceDecision[] = [];
  let included = 0;
  for (const logged of input.changeSets) {
    const decision = decide(input, logged);
    decisions.push({ hash: logged.hash, ...decision });
    if (decision.included) {
      included += 1;
      changeSets.push(logged.changeSet);
    } else {
      changeSets.push({ header: logged.changeSet.header });
    }
  }
  return { changeSets, decisions, included, redacted: changeSets.length - included };
}

/**
 * DESIGN.md §3: the export wizard makes one bundle per recipient by default and splits a multi-recipient
 * export by audience. Groups recipients so that every group receives exactly the same full change-sets
 * (recipients with identical decisions share a bundle). Returns groups in first-seen order.
 */
export function splitByAudience(input: Omit<AudienceInput, 'recipients'> & { readonly recipients: readonly string[] }): string[][] {
  const groups = new Map<string, string[]>();
  for (const recipient of input.recipients) {
    const { decisions } = payloadFor({ ...input, recipients: [recipient] });
    const key = decisions.map((d) => (d.included ? '1' : '0')).join('');
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [recipient]);
    else group.push(recipient);
  }
  return [...groups.values()];
}
