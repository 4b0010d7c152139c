/**
 * Parallel class scoring for `cam eval`: the faithfulness metrics need about
 * a hundred forward passes per image, and TF.js's WASM backend computes on
 * one thread under Deno. Workers (this same file), each with its own copy of
 * the model, take a share of every batch while the main thread computes
 * the rest, so two cores score twice as fast.
 *
 * @module
 */
import { type BackendName, useBackend } from "../backends/engine.ts";
import { loadModel } from "../backends/load.ts";
import type { CamModel, InputBatch } from "../core/graph.ts";

type ToWorker =
  | { kind: "init"; source: string; backend: BackendName }
  | { kind: "predict"; input: InputBatch };

type FromWorker =
  | { ok: true; probabilities?: Float32Array }
  | { ok: false; error: string };

/** How many workers to start next to the main thread (0: none). */
export function workerCount(backend: BackendName): number {
  if (backend === "webgpu") return 0; // one GPU: batches are already parallel
  return Math.max(0, Math.min(navigator.hardwareConcurrency, 4) - 1);
}

/** Model copies in workers that score shares of a batch. */
export class PredictPool {
  #workers: Worker[];
  #model: CamModel;
  /** Threads that compute each batch (workers + the main thread). */
  readonly threads: number;

  private constructor(model: CamModel, workers: Worker[]) {
    this.#model = model;
    this.#workers = workers;
    this.threads = workers.length + 1;
  }

  /**
   * Starts `count` workers, each loading `model.source` on `backend`. When a
   * worker cannot start (a bundle without this file, a model the workers
   * cannot reach), the pool runs on the main thread alone and `note` says why.
   */
  static async start(
    model: CamModel,
    options: { backend: BackendName; count: number; note: (s: string) => void },
  ): Promise<PredictPool> {
    const workers: Worker[] = [];
    try {
      for (let i = 0; i < options.count; i++) {
        workers.push(new Worker(import.meta.url, { type: "module" }));
      }
      await Promise.all(workers.map((w) =>
        call(w, {
          kind: "init",
          source: model.source,
          backend: options.backend,
        })
      ));
      return new PredictPool(model, workers);
    } catch (error) {
      for (const w of workers) w.terminate();
      if (options.count > 0) {
        options.note(
          `note: scoring on one thread (workers did not start: ${
            error instanceof Error ? error.message : error
          })`,
        );
      }
      return new PredictPool(model, []);
    }
  }

  /** Softmax probabilities of every image, `batch × numClasses` values. */
  async predict(input: InputBatch): Promise<Float32Array[]> {
    const per = input.height * input.width * input.channels;
    const share = Math.ceil(input.batch / (this.#workers.length + 1));
    const part = (i: number): InputBatch => {
      const start = Math.min(i * share, input.batch);
      const end = Math.min(start + share, input.batch);
      return {
        ...input,
        batch: end - start,
        data: input.data.slice(start * per, end * per),
      };
    };
    // Post the workers' shares first: the main thread's share blocks.
    const remote = this.#workers.map((w, i) => {
      const p = part(i + 1);
      return p.batch === 0
        ? Promise.resolve(new Float32Array(0))
        : call(w, { kind: "predict", input: p }, [p.data.buffer]).then((r) =>
          r!
        );
    });
    const local = part(0);
    const own = (await this.#model.predict(local)).map((p) => p.probabilities);
    const n = this.#model.numClasses;
    const rest = (await Promise.all(remote)).flatMap((flat) =>
      Array.from(
        { length: flat.length / n },
        (_, b) => flat.subarray(b * n, (b + 1) * n),
      )
    );
    return [...own, ...rest];
  }

  /** Stops the workers. */
  close(): void {
    for (const w of this.#workers) w.terminate();
    this.#workers = [];
  }
}

function call(
  worker: Worker,
  message: ToWorker,
  transfer: Transferable[] = [],
): Promise<Float32Array | undefined> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const data = event.data;
      if (data.ok) resolve(data.probabilities);
      else reject(new Error(data.error));
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      reject(new Error(event.message));
    };
    worker.postMessage(message, transfer);
  });
}

/** The worker side: loads its own copy of the model, then predicts. */
function serve(): void {
  const scope = globalThis as unknown as {
    onmessage: (event: MessageEvent<ToWorker>) => void;
    postMessage: (message: FromWorker, transfer?: Transferable[]) => void;
  };
  let model: CamModel | undefined;
  scope.onmessage = async (event) => {
    const message = event.data;
    try {
      if (message.kind === "init") {
        await useBackend(message.backend);
        model = (await loadModel(message.source)).model;
        scope.postMessage({ ok: true });
        return;
      }
      const predictions = await model!.predict(message.input);
      const n = model!.numClasses;
      const flat = new Float32Array(predictions.length * n);
      predictions.forEach((p, b) => flat.set(p.probabilities, b * n));
      scope.postMessage({ ok: true, probabilities: flat }, [flat.buffer]);
    } catch (error) {
      scope.postMessage({
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };
}

if ("WorkerGlobalScope" in globalThis) serve();
