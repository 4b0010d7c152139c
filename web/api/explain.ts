/**
 * `POST /api/explain`: explain an uploaded image with the demo model on the
 * server. The image comes as the `image` file of a `multipart/form-data`
 * body (options as form fields) or as a raw `image/*` body (options as query
 * parameters): `method` (comma list, default all three), `class` (indices or
 * labels, default the top class), `layer`, `colormap`, `alpha`,
 * `counterfactual`.
 *
 * A browser posting the page's form without JavaScript (`Accept` names
 * `text/html`) gets the same answer as an HTML page.
 *
 * Every bad request gets `{"error": "..."}`: 413 for a body over the limit,
 * 415 for a content type that is not an image or a form, 400 for an
 * undecodable image or a bad option, 503 with `Retry-After` when the queue
 * is full.
 *
 * @module
 */
import {
  describeError,
  errorResponse,
  htmlResponse,
  HttpError,
  jsonResponse,
  methodNotAllowed,
} from "../_http.ts";
import { readBody } from "./_body.ts";
import { errorPage, resultPage, wantsHtml } from "./_html.ts";
import { type FieldReader, parseExplainParams } from "./_params.ts";
import type { WorkQueue } from "./_queue.ts";
import type { ModelService } from "./_pipeline.ts";

/** The lazily loaded pipeline module and its model service. */
export interface Pipeline {
  /** The `_pipeline.ts` module. */
  readonly module: typeof import("./_pipeline.ts");
  /** The shared model. */
  readonly service: ModelService;
}

/** What the explain route needs from the app. */
export interface ExplainContext {
  /** Largest request body, in bytes. */
  readonly maxBodyBytes: number;
  /** Largest image, in pixels. */
  readonly maxImagePixels: number;
  /** The explanation queue. */
  readonly queue: WorkQueue;
  /** Loads (once) and returns the pipeline. */
  readonly pipeline: () => Promise<Pipeline>;
}

/** Raw body types that are read as an image (the decoder sniffs the format). */
const RAW_TYPES = new Set([
  "image/png",
  "image/jpeg",
  "image/jpg",
  "image/pjpeg",
  "image/tiff",
  "image/x-tiff",
  "application/octet-stream",
]);

function mediaType(header: string | null): string {
  return (header ?? "").split(";")[0].trim().toLowerCase();
}

function unsupported(type: string, what: string): HttpError {
  return new HttpError(
    415,
    `${what} ${
      type ? `"${type}"` : "(none)"
    } is not supported: send multipart/form-data with an "image" file, or a raw image/png, image/jpeg or image/tiff body`,
  );
}

async function readUpload(
  request: Request,
  type: string,
  limit: number,
): Promise<{ bytes: Uint8Array; read: FieldReader }> {
  const body = await readBody(request, { limit });
  if (type !== "multipart/form-data") {
    const query = new URL(request.url).searchParams;
    return { bytes: body, read: (name) => query.getAll(name) };
  }
  let form: FormData;
  try {
    form = await new Response(body as BlobPart, {
      headers: { "content-type": request.headers.get("content-type")! },
    }).formData();
  } catch (error) {
    throw new HttpError(
      400,
      `Cannot parse the multipart form: ${describeError(error)}`,
    );
  }
  const files = form.getAll("image");
  if (files.length !== 1) {
    throw new HttpError(
      400,
      files.length === 0
        ? 'The form has no "image" field: send the picture as a file named image'
        : `The form has ${files.length} "image" fields: send one image per request`,
    );
  }
  const [file] = files;
  if (typeof file === "string") {
    throw new HttpError(
      400,
      'The "image" field is text, not a file: send it as a file upload',
    );
  }
  if (file.size === 0) {
    throw new HttpError(
      400,
      'The "image" file is empty: choose a PNG, JPEG or TIFF image',
    );
  }
  const fileType = mediaType(file.type);
  if (fileType !== "" && !RAW_TYPES.has(fileType)) {
    throw unsupported(fileType, "The image file's type");
  }
  return {
    bytes: new Uint8Array(await file.arrayBuffer()),
    read: (name) =>
      form.getAll(name).filter((v): v is string => typeof v === "string"),
  };
}

/**
 * Answers `POST /api/explain` (see the module documentation).
 *
 * @example
 * ```ts
 * import { handleExplain } from "./explain.ts";
 * import { WorkQueue } from "./_queue.ts";
 * const response = await handleExplain(
 *   new Request("http://localhost/api/explain", {
 *     method: "POST", body: "{}", headers: { "content-type": "application/json" },
 *   }),
 *   {
 *     maxBodyBytes: 1024, maxImagePixels: 1e6, queue: new WorkQueue(),
 *     pipeline: () => Promise.reject(new Error("not reached: refused first")),
 *   },
 * );
 * if (response.status !== 415) throw new Error(String(response.status));
 * ```
 */
export async function handleExplain(
  request: Request,
  context: ExplainContext,
): Promise<Response> {
  if (request.method !== "POST") {
    return methodNotAllowed(request.method, ["POST"]);
  }
  try {
    const type = mediaType(request.headers.get("content-type"));
    if (type !== "multipart/form-data" && !RAW_TYPES.has(type)) {
      throw unsupported(type, "Content-Type");
    }
    // Refuse before reading the body when the queue is already full.
    if (context.queue.full) throw context.queue.refusal();
    const { bytes, read } = await readUpload(
      request,
      type,
      context.maxBodyBytes,
    );
    const params = parseExplainParams(read);
    const { module, service } = await context.pipeline();
    module.checkUpload(bytes, context.maxImagePixels);
    const served = await service.get();
    const job = module.planJob(served, params);
    const answer = await context.queue.run(async () => {
      const image = await module.decodeUpload(bytes, context.maxImagePixels);
      return await module.explainToJson(served, image, { params, job });
    });
    return wantsHtml(request)
      ? htmlResponse(resultPage(answer))
      : jsonResponse(answer);
  } catch (error) {
    let failure = error;
    if (!(error instanceof HttpError)) {
      console.error(`camkit: /api/explain failed: ${describeError(error)}`);
      failure = new HttpError(
        500,
        "The explanation failed on the server; the server log has the details",
      );
    }
    const { status, message, headers } = failure as HttpError;
    return wantsHtml(request)
      ? htmlResponse(errorPage(message), { status, headers: { ...headers } })
      : errorResponse(status, message, { ...headers });
  }
}
