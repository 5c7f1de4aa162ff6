/**
 * `state` and `profile`: what the UI needs to choose a screen (first run, unlock, the app) and who the
 * unlocked delegation is. `state` works at any time and never needs a key: it reads the unsealed failure
 * counter so the unlock screen can show the wait across reloads.
 */
import { VaultFailure } from '../errors';
import { retryAtIso } from '../failure-delay';
import type { CommandHandler } from './context';

export const state: CommandHandler<'state'> = async (ctx) => {
  const failures = await ctx.repo.readFailures();
  const exists = ctx.session.unlocked || (await ctx.repo.vaultExists());
  return {
    state: ctx.session.unlocked ? 'unlocked' : exists ? 'locked' : 'empty',
    failures: { count: failures.count, retryAt: retryAtIso(failures, ctx.now().getTime()) },
  };
};

export const profile: CommandHandler<'profile'> = (ctx) => {
  if (!ctx.session.unlocked) return Promise.reject(new VaultFailure('locked', 'The vault is locked.'));
  return Promise.resolve(ctx.session.current().profile);
};
