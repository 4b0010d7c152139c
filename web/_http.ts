/**
 * Small HTTP helpers shared by the handler, the API and the static files:
 * JSON answers, `{"error": "..."}` answers, and an error that carries its
 * status code. Private to `web/`.
 *
 * @module
 */

/**
 * An error answered to the client with `status` and its message.
 *
 * @example
 * ```ts
 * import { HttpError } from "./_http.ts";
 * const error = new HttpError(503, "Busy", { "retry-after": "2" });
 * if (error.status !== 503 || error.headers["retry-after"] !== "2") throw new Error();
 * ```
 */
export class HttpError extends Error {
  /** HTTP status code, for example 400. */
  readonly status: number;
  /** Extra response headers, for example `Retry-After`. */
  readonly headers: Readonly<Record<string, string>>;

  /** An error answered with `status`; `message` is shown to the client. */
  constructor(
    status: number,
    message: string,
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.headers = headers;
  }
}

/** Headers every answer carries. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/**
 * A JSON answer (never cached).
 *
 * @example
 * ```ts
 * import { jsonResponse } from "./_http.ts";
 * const response = jsonResponse({ ok: true }, { status: 201 });
 * if (response.status !== 201 || (await response.json()).ok !== true) throw new Error();
 * ```
 */
export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: {
      ...COMMON_HEADERS,
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      ...init.headers,
    },
  });
}

/**
 * An HTML answer (never cached).
 *
 * @example
 * ```ts
 * import { htmlResponse } from "./_http.ts";
 * const response = htmlResponse("<p>hi</p>", { status: 400 });
 * if (response.headers.get("content-type") !== "text/html; charset=utf-8") throw new Error();
 * ```
 */
export function htmlResponse(
  html: string,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(html, {
    status: init.status ?? 200,
    headers: {
      ...COMMON_HEADERS,
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      ...init.headers,
    },
  });
}

/**
 * A `{"error": message}` answer with `status`.
 *
 * @example
 * ```ts
 * import { errorResponse } from "./_http.ts";
 * const body = await errorResponse(400, "Bad alpha").json();
 * if (body.error !== "Bad alpha") throw new Error(JSON.stringify(body));
 * ```
 */
export function errorResponse(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return jsonResponse({ error: message }, { status, headers });
}

/** A 405 answer listing the allowed methods. */
export function methodNotAllowed(
  method: string,
  allowed: readonly string[],
): Response {
  return errorResponse(
    405,
    `Method ${method} is not allowed here: use ${allowed.join(" or ")}`,
    { allow: allowed.join(", ") },
  );
}

/**
 * A 404 answer: a small HTML page for browsers (their `Accept` names
 * `text/html`), JSON for everything else.
 *
 * @example
 * ```ts
 * import { notFound } from "./_http.ts";
 * const response = notFound(new Request("http://localhost/nope", { headers: { accept: "text/html" } }));
 * if (!response.headers.get("content-type")?.startsWith("text/html")) throw new Error();
 * ```
 */
export function notFound(request: Request): Response {
  const path = new URL(request.url).pathname;
  const accept = request.headers.get("accept") ?? "";
  if (!path.startsWith("/api/") && accept.includes("text/html")) {
    return htmlResponse(
      `<!doctype html><html lang="en"><meta charset="utf-8"><title>Not found</title>` +
        `<body><h1>Not found</h1><p>There is nothing here. <a href="/">Back to camkit</a></p></body></html>`,
      { status: 404 },
    );
  }
  return errorResponse(404, `Not found: ${path}`);
}

/** An error message for logs and answers. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
