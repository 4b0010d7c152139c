/**
 * Reading a request body with a size limit: the `Content-Length` header is
 * checked first, then the bytes are counted as they stream in, so an
 * oversized or lying upload is refused (413) without buffering it.
 *
 * @module
 */
import { HttpError } from "../_http.ts";

/** Options for {@linkcode readBody}. */
export interface ReadBodyOptions {
  /** Largest body accepted, in bytes. */
  limit: number;
}

function tooLarge(limit: number): HttpError {
  return new HttpError(
    413,
    `The request body is larger than ${
      formatBytes(limit)
    }: send a smaller image (PNG, JPEG or TIFF)`,
  );
}

/**
 * A byte count for messages: `10 MB`, `512 kB`, `12 bytes`.
 *
 * @example
 * ```ts
 * import { formatBytes } from "./_body.ts";
 * if (formatBytes(10 * 1024 * 1024) !== "10 MB") throw new Error(formatBytes(10 * 1024 * 1024));
 * ```
 */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) {
    return `${bytes / (1024 * 1024)} MB`;
  }
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} kB`;
  return `${bytes} bytes`;
}

/**
 * Reads the body of `request`, at most `options.limit` bytes. Throws an
 * {@linkcode HttpError}: 413 when the declared or actual size is over the
 * limit, 400 when `Content-Length` is malformed or the body is empty.
 *
 * @example
 * ```ts
 * import { readBody } from "./_body.ts";
 * const request = new Request("http://localhost/", { method: "POST", body: "hello" });
 * const bytes = await readBody(request, { limit: 10 });
 * if (bytes.length !== 5) throw new Error(String(bytes.length));
 * ```
 */
export async function readBody(
  request: Request,
  options: ReadBodyOptions,
): Promise<Uint8Array> {
  const { limit } = options;
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    if (!/^\d+$/.test(declared.trim())) {
      await request.body?.cancel();
      throw new HttpError(
        400,
        `Content-Length "${declared}" is not a byte count`,
      );
    }
    if (Number(declared) > limit) {
      await request.body?.cancel();
      throw tooLarge(limit);
    }
  }
  if (request.body === null) {
    throw new HttpError(400, "The request has no body: send an image");
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel();
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(
      400,
      `Cannot read the request body: ${
        error instanceof Error ? error.message : error
      }`,
    );
  } finally {
    reader.releaseLock();
  }
  if (total === 0) {
    throw new HttpError(400, "The request body is empty: send an image");
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
