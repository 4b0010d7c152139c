/**
 * Parallel class scoring for `cam eval` (the worker side is
 * `eval_worker.ts`): the faithfulness metrics need about
 * a hundred forward passes per image, and TF.js's WASM backend computes on
 * one thread under Deno. Workers (this same file), each with its own copy of
 * the model, take a share of every batch (fitting, preprocessing and the
 * forward pass) while the main thread does the rest, so two cores score
 * about twice as fast.
 *
 * @module
 */
import type { BackendName } from "../backends/engine.ts";
import type { CamModel } from "../core/graph.ts";
import {
  fitToInput,
  type PreprocessName,
  toInput,
} from "../core/preprocess.ts";
import type { RgbaImage } from "../core/types.ts";

/** How images become model inputs. */
export interface InputSettings {
  readonly preprocess: PreprocessName;
  readonly resize: "stretch" | "crop";
}

/** A message to a worker. */
export type ToWorker =
  | {
    kind: "init";
    source: string;
    backend: BackendName;
    settings: InputSettings;
  }
  | { kind: "predict"; images: RgbaImage[] };

/** A worker's answer. */
export type FromWorker =
  | { ok: true; probabilities?: Float32Array }
  | { ok: false; error: string };

const WORKER_URL = new URL("./eval_worker.ts", import.meta.url).href;

/** Whether the worker script is there (a bundle or a binary has none). */
async function workerScriptExists(): Promise<boolean> {
  if (!WORKER_URL.startsWith("file:")) return true; // let the Worker try
  try {
    return (await Deno.stat(new URL(WORKER_URL))).isFile;
  } catch {
    return false;
  }
}

/** How many workers to start next to the main thread (0: none). */
export function workerCount(backend: BackendName): number {
  if (backend === "webgpu") return 0; // one GPU: batches are already parallel
  return Math.max(0, Math.min(navigator.hardwareConcurrency, 4) - 1);
}

/** Model copies in workers that score shares of a batch. */
export class PredictPool {
  #workers: Worker[];
  #model: CamModel;
  #settings: InputSettings;
  /** Threads that compute each batch (workers + the main thread). */
  readonly threads: number;

  private constructor(
    model: CamModel,
    workers: Worker[],
    settings: InputSettings,
  ) {
    this.#model = model;
    this.#workers = workers;
    this.#settings = settings;
    this.threads = workers.length + 1;
  }

  /**
   * Starts `count` workers, each loading `model.source` on `backend`. When a
   * worker cannot start (a bundle without this file, a model the workers
   * cannot reach), the pool runs on the main thread alone and `note` says why.
   */
  static async start(
    model: CamModel,
    options: {
      backend: BackendName;
      count: number;
      settings: InputSettings;
      note: (s: string) => void;
    },
  ): Promise<PredictPool> {
    const workers: Worker[] = [];
    if (options.count > 0 && !await workerScriptExists()) {
      options.note(
        "note: scoring on one thread (this build has no cli/eval_worker.ts)",
      );
      return new PredictPool(model, [], options.settings);
    }
    try {
      for (let i = 0; i < options.count; i++) {
        // A file of its own, not this one: a bundle's own URL would start
        // the whole command again inside the worker. Where the file is
        // missing (a bundle), the worker fails to start and the pool runs
        // on the main thread.
        workers.push(new Worker(WORKER_URL, { type: "module" }));
      }
      await Promise.all(workers.map((w) =>
        call(w, {
          kind: "init",
          source: model.source,
          backend: options.backend,
          settings: options.settings,
        })
      ));
      return new PredictPool(model, workers, options.settings);
    } catch (error) {
      for (const w of workers) w.terminate();
      if (options.count > 0) {
        options.note(
          `note: scoring on one thread (workers did not start: ${
            error instanceof Error ? error.message : error
          })`,
        );
      }
      return new PredictPool(model, [], options.settings);
    }
  }

  /** Softmax probabilities of every image (one array per image). */
  async probabilities(
    images: readonly RgbaImage[],
  ): Promise<Float32Array[]> {
    const share = Math.ceil(images.length / (this.#workers.length + 1));
    const part = (i: number) => images.slice(i * share, (i + 1) * share);
    // Post the workers' shares first: the main thread's share blocks.
    const remote = this.#workers.map((w, i) => {
      const mine = part(i + 1);
      return mine.length === 0
        ? Promise.resolve(new Float32Array(0))
        : call(w, { kind: "predict", images: mine }).then((r) => r!);
    });
    const own = await predictImages(this.#model, part(0), this.#settings);
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

/** Fits, preprocesses and predicts images on this thread. */
export async function predictImages(
  model: CamModel,
  images: readonly RgbaImage[],
  settings: InputSettings,
): Promise<Float32Array[]> {
  if (images.length === 0) return [];
  const [height, width, channels] = model.inputShape;
  const size = height * width * channels;
  const data = new Float32Array(images.length * size);
  images.forEach((image, b) => {
    const fitted = image.width === width && image.height === height
      ? image
      : fitToInput(image, { width, height, resize: settings.resize }).image;
    data.set(
      toInput(fitted, {
        preprocess: settings.preprocess,
        channels: channels === 1 ? 1 : 3,
      }),
      b * size,
    );
  });
  const predictions = await model.predict({
    data,
    batch: images.length,
    height,
    width,
    channels,
  });
  return predictions.map((p) => p.probabilities);
}

function call(
  worker: Worker,
  message: ToWorker,
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
    worker.postMessage(message);
  });
}
