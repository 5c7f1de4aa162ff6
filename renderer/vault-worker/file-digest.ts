/**
 * SHA-256 of exchanged files, for the exchange history: the digest a security officer compares with
 * `sha256sum` on the stick (the bundle format's own hashes are BLAKE2b, which the usual tools at an air
 * gap do not print). WebCrypto: available in the worker, and not a construction of our own.
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // WebCrypto wants an ArrayBuffer-backed view; a subarray of a larger buffer digests only its bytes.
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The protocol's byte fields are `Uint8Array<ArrayBuffer>` (what a structured clone delivers). Our
 * encoders (TextEncoder, age-encryption) return views of plain ArrayBuffers; this states it for the
 * type checker without copying megabytes.
 */
export function plainBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
