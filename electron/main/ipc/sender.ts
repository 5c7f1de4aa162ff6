/**
 * Who may call the main process. An IPC message proves only that *some* frame in *some* renderer sent
 * it; a handler must check that it came from the top frame of our own window, showing our own origin,
 * before it opens a dialog or touches a file. A subframe, a frame that navigated elsewhere, or a frame
 * that is already gone (senderFrame null) is refused.
 */
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { isAppUrl } from '../origin';

export function isTrustedSender(event: IpcMainInvokeEvent, trusted: WebContents | null): boolean {
  if (trusted === null || trusted.isDestroyed()) return false;
  if (event.sender !== trusted) return false;
  const frame = event.senderFrame;
  if (frame === null) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}
