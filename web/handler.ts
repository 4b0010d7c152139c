/**
 * camkit's web app as one `fetch`-style handler: the page (`GET /`), the
 * API (`POST /api/explain`, `GET /api/health`), the static assets
 * (`/static/…` from `web/static/`) and the demo model's files
 * (`/models/demo/…`). It answers `new Request(...)` without a port, so tests
 * call it directly; `web/main.ts` hands it to `deno serve` and edge runtimes;
 * `cam serve` to `Deno.serve`.
 *
 * It never writes to the filesystem and reads only its own assets, the demo
 * model and the WebAssembly files of its npm packages.
 *
 * @module
 */
import type { BackendChoice } from "../backends/backend_names.ts";
import {
  COMMON_HEADERS,
  describeError,
  errorResponse,
  notFound,
} from "./_http.ts";
import { serveFile } from "./static_files.ts";
import { handleExplain, type Pipeline } from "./api/explain.ts";
import { handleHealth } from "./api/health.ts";
import { WorkQueue } from "./api/_queue.ts";

/** Options for {@linkcode createApp}. */
export interface AppOptions {
  /** Largest request body, in bytes. Default 10 MB. */
  maxBodyBytes?: number;
  /**
   * Largest image the API explains, in pixels. Default 4 megapixels
   * (2048×2048): the answer holds a map and an overlay per explanation at
   * the image's size.
   */
  maxImagePixels?: number;
  /** Explanations that run at once. Default 2. */
  concurrency?: number;
  /** Explanations that may wait for a free slot before 503s. Default 32. */
  queueSize?: number;
  /** Backend of the server-side model. Default `"wasm"`. */
  backend?: BackendChoice;
  /** Folder served under `/static/`. Default `web/static/`. */
  staticRoot?: URL;
  /** Folder of the demo model served under `/models/demo/`. Default `backends/demo_model/`. */
  demoModelRoot?: URL;
}

/** The app: a `fetch` handler plus model lifecycle. */
export interface App {
  /** Answers one request; never throws. */
  fetch(request: Request): Promise<Response>;
  /** Loads the server-side model now instead of on the first explanation. */
  warm(): Promise<void>;
  /** Frees the server-side model. */
  close(): Promise<void>;
}

/** The demo model's files a browser may fetch. */
export const DEMO_MODEL_FILES: ReadonlySet<string> = new Set([
  "model.json",
  "weights.bin",
  "labels.json",
  "camkit.json",
]);

const CORS_HEADERS: Readonly<Record<string, string>> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "content-type",
  "access-control-max-age": "86400",
};

function withCors(response: Response): Response {
  for (const [name, value] of Object.entries(CORS_HEADERS)) {
    response.headers.set(name, value);
  }
  return response;
}

async function renderIndex(request: Request): Promise<Response> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    return errorResponse(405, `Method ${request.method} is not allowed here`, {
      allow: "GET, HEAD",
    });
  }
  const { renderPage } = await import("./routes/index.tsx");
  const response = await renderPage(request);
  for (const [name, value] of Object.entries(COMMON_HEADERS)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return request.method === "HEAD"
    ? new Response(null, { status: response.status, headers: response.headers })
    : response;
}

/**
 * Creates an app with its own explanation queue and its own lazily loaded
 * server-side model.
 *
 * @example
 * ```ts
 * import { createApp } from "./handler.ts";
 * const app = createApp();
 * const response = await app.fetch(new Request("http://localhost/api/health"));
 * const health = await response.json();
 * if (health.ok !== true) throw new Error(JSON.stringify(health));
 * ```
 */
export function createApp(options: AppOptions = {}): App {
  const queue = new WorkQueue({
    concurrency: options.concurrency ?? 2,
    capacity: options.queueSize ?? 32,
  });
  const backend = options.backend ?? "wasm";
  const staticRoot = options.staticRoot ??
    new URL("./static/", import.meta.url);
  const demoRoot = options.demoModelRoot ??
    new URL("../backends/demo_model/", import.meta.url);
  let loaded: Pipeline | undefined;
  let loading: Promise<Pipeline> | undefined;
  const pipeline = () =>
    loading ??= import("./api/_pipeline.ts").then((module) =>
      loaded = {
        module,
        service: new module.ModelService({
          backend,
          model: new URL("model.json", demoRoot),
        }),
      }
    );
  const explainContext = {
    maxBodyBytes: options.maxBodyBytes ?? 10 * 1024 * 1024,
    maxImagePixels: options.maxImagePixels ?? 2048 * 2048,
    queue,
    pipeline,
  };
  const healthContext = { backend, queue, loadedPipeline: () => loaded };

  async function route(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (path.startsWith("/api/")) {
      if (request.method === "OPTIONS") {
        return withCors(new Response(null, { status: 204 }));
      }
      if (path === "/api/explain") {
        return withCors(await handleExplain(request, explainContext));
      }
      if (path === "/api/health") {
        return withCors(handleHealth(request, healthContext));
      }
      return notFound(request);
    }
    if (path.startsWith("/static/")) {
      return await serveFile(request, path.slice("/static/".length), {
        root: staticRoot,
      });
    }
    if (path.startsWith("/models/demo/")) {
      return await serveFile(request, path.slice("/models/demo/".length), {
        root: demoRoot,
        allow: DEMO_MODEL_FILES,
      });
    }
    if (path === "/") return await renderIndex(request);
    return notFound(request);
  }

  return {
    async fetch(request) {
      try {
        return await route(request);
      } catch (error) {
        console.error(
          `camkit: ${request.method} ${new URL(request.url).pathname} failed: ${
            describeError(error)
          }`,
        );
        return errorResponse(500, "Internal server error");
      }
    },
    async warm() {
      await (await pipeline()).service.get();
    },
    async close() {
      await loaded?.service.dispose();
    },
  };
}

/**
 * The app `deno serve`, edge runtimes and `cam serve` host: one per process,
 * because TensorFlow.js keeps one engine per process.
 */
export const app: App = createApp();

/**
 * Answers one request with the default {@linkcode app}; importable in tests,
 * no port needed.
 *
 * @example
 * ```ts
 * import { handler } from "./handler.ts";
 * const response = await handler(new Request("http://localhost/static/%2e%2e/handler.ts"));
 * if (response.status !== 404) throw new Error(String(response.status));
 * ```
 */
export function handler(request: Request): Promise<Response> {
  return app.fetch(request);
}
