/**
 * Fetching a bundle's files, with progress as the bytes arrive, and saving bytes as a download.
 * Failures are ApiErrors, so the shared wording (describeApiError) explains them.
 */
import { guardRequest } from '../core/api/client.js';
import { ApiError } from '../core/api/errors.js';

const FILE_TIMEOUT_MS = 30_000;

/**
 * GETs a file's bytes. `onBytes` is called with each chunk's length as it arrives. Throws
 * ApiError (`offline`, `network`, `timeout`, `not-found`, `server`, `rejected`).
 */
export async function fetchBytes(url: string, onBytes: (received: number) => void = () => {}, signal?: AbortSignal): Promise<Uint8Array> {
  const request = guardRequest(url, signal, FILE_TIMEOUT_MS);
  const failed = (cause: unknown) => request.failure(cause, `No file within ${FILE_TIMEOUT_MS} ms`);
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: request.signal, credentials: 'omit' });
    } catch (cause) {
      throw failed(cause);
    }
    if (!response.ok) {
      const status = response.status;
      throw new ApiError(status === 404 ? 'not-found' : status >= 500 || status === 429 ? 'server' : 'rejected', url, `HTTP ${status}`, status);
    }
    try {
      if (!response.body) {
        const bytes = new Uint8Array(await response.arrayBuffer());
        onBytes(bytes.length);
        return bytes;
      }
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let length = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        length += value.length;
        onBytes(value.length);
      }
      const bytes = new Uint8Array(length);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.length;
      }
      return bytes;
    } catch (cause) {
      throw failed(cause);
    }
  } finally {
    request.done();
  }
}

/** Hands bytes to the browser as a download named `name`. */
export function saveBytes(bytes: Uint8Array, name: string, type: string, parent: Node): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  parent.appendChild(link);
  link.click();
  link.remove();
  // Long enough for a slow device to start writing the file.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
