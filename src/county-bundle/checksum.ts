/**
 * SHA-256 with WebCrypto (browsers in a secure context, Node 20), to check each downloaded
 * file against the manifest before it is saved, kept or zipped. No DOM.
 */

/** True where WebCrypto's digest is available (https pages, localhost; not plain http). */
export function canCheckFiles(): boolean {
  return typeof globalThis.crypto?.subtle?.digest === 'function';
}

/** The SHA-256 of `bytes` in lower-case hex, as the manifest writes it. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** True when `bytes` are exactly the file the manifest describes: same length, same SHA-256. */
export async function matchesManifest(file: { bytes: number; sha256: string }, bytes: Uint8Array): Promise<boolean> {
  return bytes.length === file.bytes && (await sha256Hex(bytes)) === file.sha256;
}
