/** `desk:app-info`: what the About screen shows, including the posture read from what was applied. */
import { z } from 'zod';
import { appInfoSchema, type AppInfo, type PostureItem } from '@shared/ipc/desk-api';
import { DESK_CHANNELS } from '@shared/ipc/channels';
import type { GuardedIpc } from './guarded-handle';

export interface AppInfoSources {
  name: string;
  version: string;
  versions: NodeJS.ProcessVersions;
  platform: NodeJS.Platform;
  arch: string;
  posture: () => PostureItem[];
}

export function buildAppInfo(sources: AppInfoSources): AppInfo {
  const runtime: Record<string, string> = {};
  for (const key of ['electron', 'chrome', 'node'] as const) {
    const version = sources.versions[key];
    if (typeof version === 'string') runtime[key] = version;
  }
  // Parsing what we send catches a drift between this file and the contract here, not in the renderer.
  return appInfoSchema.parse({
    name: sources.name,
    version: sources.version,
    platform: 'electron',
    runtime,
    os: `${sources.platform} ${sources.arch}`,
    posture: sources.posture(),
  });
}

export function registerAppInfo(ipc: GuardedIpc, sources: AppInfoSources): void {
  ipc.handle(DESK_CHANNELS.appInfo, z.undefined(), () => Promise.resolve(buildAppInfo(sources)));
}
