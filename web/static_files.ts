/**
 * Serving files from one folder, safely: no path traversal (`..`, encoded
 * `%2e%2e` or `%2f`, backslashes, absolute paths, hidden files), no symlinks
 * that lead out of the folder, no folder listings; the right MIME type; an
 * ETag so browsers revalidate cheaply.
 *
 * @module
 */
import { isAbsolute, join, relative as relativePath } from "node:path";
import { fileURLToPath } from "node:url";
import { COMMON_HEADERS, methodNotAllowed, notFound } from "./_http.ts";

/** MIME types by file extension; anything else is `application/octet-stream`. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".bin": "application/octet-stream",
  ".woff2": "font/woff2",
};

/**
 * The MIME type of a file name, from its extension (case-insensitive).
 *
 * @example
 * ```ts
 * import { mimeType } from "./static_files.ts";
 * if (mimeType("tfjs-backend-wasm-simd.wasm") !== "application/wasm") throw new Error();
 * ```
 */
export function mimeType(name: string): string {
  const dot = name.lastIndexOf(".");
  const ext = dot < 0 ? "" : name.slice(dot).toLowerCase();
  return MIME_TYPES[ext] ?? "application/octet-stream";
}

/** Options for {@linkcode serveFile}. */
export interface ServeFileOptions {
  /** The folder files are served from (a `file:` URL or a path). */
  root: URL | string;
  /** When given, only these file names (relative paths) are served. */
  allow?: ReadonlySet<string>;
  /** `Cache-Control` of the answers. Default `"no-cache"` (revalidate by ETag). */
  cacheControl?: string;
}

/**
 * The path segments of `relative` (still URL-encoded, `/`-separated), or
 * `undefined` when any segment is empty, `.`, `..`, hidden (starts with a
 * dot), badly encoded, or contains a slash, a backslash, a colon or a NUL
 * once decoded.
 *
 * @example
 * ```ts
 * import { safeSegments } from "./static_files.ts";
 * if (safeSegments("build/app.js")?.join() !== "build,app.js") throw new Error();
 * if (safeSegments("%2e%2e/deno.json") !== undefined) throw new Error("traversal");
 * ```
 */
export function safeSegments(relative: string): string[] | undefined {
  const segments: string[] = [];
  for (const raw of relative.split("/")) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === "" || segment.startsWith(".") || /[/\\:\0]/.test(segment)) {
      return undefined;
    }
    segments.push(segment);
  }
  return segments;
}

function rootPath(root: URL | string): string {
  const path = root instanceof URL ? fileURLToPath(root) : root;
  return path.replace(/[/\\]+$/, "");
}

async function realPathInside(
  root: string,
  segments: readonly string[],
): Promise<string | undefined> {
  try {
    const realRoot = await Deno.realPath(root);
    const real = await Deno.realPath(join(root, ...segments));
    const inside = relativePath(realRoot, real);
    return inside !== "" && !inside.startsWith("..") && !isAbsolute(inside)
      ? real
      : undefined;
  } catch {
    // Missing, unreadable (permissions) or a broken link: not found.
    return undefined;
  }
}

/**
 * Answers a `GET` or `HEAD` for the file at `relative` (URL-encoded,
 * `/`-separated, below `options.root`). Anything unsafe, missing, outside
 * the folder (also through symlinks), a folder, or not in `options.allow`
 * is a 404; other methods are a 405.
 *
 * @example
 * ```ts
 * import { serveFile } from "./static_files.ts";
 * const request = new Request("http://localhost/static/../../etc/passwd");
 * const response = await serveFile(request, "../../etc/passwd", { root: new URL("./static/", import.meta.url) });
 * if (response.status !== 404) throw new Error(String(response.status));
 * ```
 */
export async function serveFile(
  request: Request,
  relative: string,
  options: ServeFileOptions,
): Promise<Response> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    return methodNotAllowed(request.method, ["GET", "HEAD"]);
  }
  const segments = safeSegments(relative);
  if (
    segments === undefined ||
    (options.allow !== undefined && !options.allow.has(segments.join("/")))
  ) {
    return notFound(request);
  }
  const path = await realPathInside(rootPath(options.root), segments);
  if (path === undefined) return notFound(request);
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true });
  } catch {
    return notFound(request);
  }
  let info: Deno.FileInfo;
  try {
    info = await file.stat();
  } catch {
    file.close();
    return notFound(request);
  }
  if (!info.isFile) {
    file.close();
    return notFound(request);
  }
  const etag = `W/"${info.size.toString(36)}-${
    (info.mtime?.getTime() ?? 0).toString(36)
  }"`;
  const headers: Record<string, string> = {
    ...COMMON_HEADERS,
    "content-type": mimeType(path),
    "cache-control": options.cacheControl ?? "no-cache",
    etag,
  };
  if (info.mtime) headers["last-modified"] = info.mtime.toUTCString();
  const match = request.headers.get("if-none-match");
  if (match !== null && match.split(/\s*,\s*/).includes(etag)) {
    file.close();
    return new Response(null, { status: 304, headers });
  }
  headers["content-length"] = String(info.size);
  if (request.method === "HEAD") {
    file.close();
    return new Response(null, { status: 200, headers });
  }
  return new Response(file.readable, { status: 200, headers });
}
