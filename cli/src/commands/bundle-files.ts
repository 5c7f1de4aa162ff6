/** Reads a bundle and its `.minisig` once each, with the caps of shared/bundle checked by stat first. */
import { BUNDLE_LIMITS, SIGNATURE_EXTENSION, type BundleFiles } from '@shared/bundle';
import { readBounded } from '../files';

export async function readBundleFiles(path: string): Promise<BundleFiles> {
  const age = await readBounded(path, 'bundle', BUNDLE_LIMITS.fileBytes);
  const minisig = await readBounded(`${path}${SIGNATURE_EXTENSION}`, 'signature file', BUNDLE_LIMITS.signatureFileBytes);
  return { age, minisig };
}
