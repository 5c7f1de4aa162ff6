/** Which writes release a need from its draft state (drafts never leave the vault, DESIGN.md §3). */
import { describe, expect, it } from 'vitest';
import { draftTransition, isShareable } from '@shared/domain/sharing';

const status = (value: unknown) => [{ field: 'title', value: 'x' }, { field: 'status', value }];

describe('draftTransition', () => {
  it('filing a need releases it; setting it to draft, or a value that is not a status, does not', () => {
    for (const filed of ['submitted', 'assessed', 'prioritised', 'open', 'closed']) expect(draftTransition('need', status(filed))).toBe('released');
    expect(draftTransition('need', status('draft'))).toBe('draft');
    expect(draftTransition('need', status(7))).toBe('draft');
  });

  it('withdrawing a draft that was never filed releases nothing, and edits without a status say nothing', () => {
    expect(draftTransition('need', status('withdrawn'))).toBeNull();
    expect(draftTransition('need', [{ field: 'title', value: 'x' }])).toBeNull();
  });

  it('only needs have drafts', () => {
    expect(draftTransition('offer', status('draft'))).toBeNull();
    expect(isShareable('offer', { status: 'indicative' })).toBe(true);
    expect(isShareable('need', { status: 'draft' })).toBe(false);
    expect(isShareable('need', { status: 'open' })).toBe(true);
  });
});
