/**
 * `GET /api/health`: liveness plus what a load test needs to see leaks —
 * the backend, the model's state, the queue, the number of live tensors and
 * the process memory.
 *
 * @module
 */
import { jsonResponse, methodNotAllowed } from "../_http.ts";
import type { WorkQueue } from "./_queue.ts";
import type { Pipeline } from "./explain.ts";

/** What the health route needs from the app. */
export interface HealthContext {
  /** The backend the server explains on (before it has started). */
  readonly backend: string;
  /** The explanation queue. */
  readonly queue: WorkQueue;
  /** The pipeline, when an explanation has loaded it. */
  readonly loadedPipeline: () => Pipeline | undefined;
}

/**
 * Answers `GET /api/health` with
 * `{"ok": true, "backend", "model": {"name", "state"}, "queue", "tensors", "memory"}`.
 * It never loads the model: `tensors` is 0 and the state `"idle"` until the
 * first explanation.
 *
 * @example
 * ```ts
 * import { handleHealth } from "./health.ts";
 * import { WorkQueue } from "./_queue.ts";
 * const response = handleHealth(new Request("http://localhost/api/health"), {
 *   backend: "wasm", queue: new WorkQueue(), loadedPipeline: () => undefined,
 * });
 * const body = await response.json();
 * if (body.ok !== true || body.backend !== "wasm") throw new Error(JSON.stringify(body));
 * ```
 */
export function handleHealth(
  request: Request,
  context: HealthContext,
): Response {
  if (request.method !== "GET" && request.method !== "HEAD") {
    return methodNotAllowed(request.method, ["GET", "HEAD"]);
  }
  const pipeline = context.loadedPipeline();
  const state = pipeline?.service.state ?? "idle";
  const engine = state === "ready" ? pipeline!.module.engineStats() : undefined;
  const memory = Deno.memoryUsage();
  const body = {
    ok: true,
    backend: engine?.backend ?? context.backend,
    model: { name: "demo", state },
    queue: context.queue.stats(),
    tensors: engine?.tensors ?? 0,
    memory: { rss: memory.rss, heapUsed: memory.heapUsed },
  };
  const response = jsonResponse(body);
  return request.method === "HEAD"
    ? new Response(null, { headers: response.headers })
    : response;
}
