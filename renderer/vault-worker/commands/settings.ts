/**
 * `settings-get` / `settings-set`: the user's settings, sealed in `rows/settings` (DESIGN.md §2: no Web
 * Storage; settings live in the vault).
 *
 * A set merges the given fields into the stored settings, validates the result, and writes only if
 * something changed, with audit entries naming what changed: `settings-changed` with the changed names
 * (never the values: they are the user's business and harmless, but the log records *that*, not *what*),
 * and `storage-persistence` with the browser's answer when `storagePersisted` changes (DESIGN.md §6).
 */
import { type Settings, settingsSchema } from '@shared/ipc/vault-protocol';
import { corruptRow } from '../errors';
import { decodeJsonOrNull, encodeJson } from '../json-payload';
import type { UnlockedVault } from '../session';
import { WritePlan } from '../write-plan';
import { commitForSession } from './commit';
import type { CommandHandler, VaultContext } from './context';

async function readSettings(ctx: VaultContext, vault: UnlockedVault): Promise<Settings> {
  const payload = await ctx.repo.openRow(vault.rowKey, vault.manifest, 'settings');
  const parsed = settingsSchema.safeParse(decodeJsonOrNull(payload));
  if (!parsed.success) throw corruptRow('rows', 'settings', 'content-invalid', 'The settings opened but are malformed.');
  return parsed.data;
}

export const settingsGet: CommandHandler<'settings-get'> = async (ctx) => readSettings(ctx, ctx.session.current());

export const settingsSet: CommandHandler<'settings-set'> = async (ctx, request) => {
  const vault = ctx.session.current();
  const current = await readSettings(ctx, vault);
  // A field sent as `undefined` means "not given", not "clear it".
  const given = Object.fromEntries(Object.entries(request.settings).filter(([, value]) => value !== undefined));
  const next = settingsSchema.parse({ ...current, ...given });
  const changed = (Object.keys(next) as (keyof Settings)[]).filter((name) => next[name] !== current[name]);
  if (changed.length === 0) return next;

  const at = ctx.now().toISOString();
  const plan = WritePlan.on(vault.manifest, vault.manifestVersion, 'settings-set');
  plan.putRow('settings', encodeJson(next));
  const named = changed.filter((name) => name !== 'storagePersisted');
  if (named.length > 0) plan.appendAudit('settings-changed', { changed: named.join(', ') }, at);
  if (changed.includes('storagePersisted')) plan.appendAudit('storage-persistence', { persisted: next.storagePersisted }, at);
  await commitForSession(ctx, vault, plan);
  return next;
};
