/**
 * Training workers: each builds its own copy of the model and computes the
 * gradients of its share of every batch. This file is the worker script.
 *
 * @module
 */
import type * as tfl from "@tensorflow/tfjs-layers";
import { type BackendChoice, tf, useBackend } from "../../backends/engine.ts";
import { type BatchSpec, CLASSES, makeBatch } from "./data.ts";
import { buildModel, trainingLogits } from "./network.ts";

/** A worker's share of one step: gradients, moved BN averages, scores. */
export interface StepResult {
  /** Mean-loss gradients, in `model.trainableWeights` order. */
  grads: Float32Array[];
  /** BatchNormalization averages after the step (`nonTrainableWeights`). */
  stats: Float32Array[];
  loss: number;
  correct: number;
  count: number;
}

export type ToWorker =
  | { kind: "init"; seed: number; backend: BackendChoice }
  | { kind: "step"; weights: Float32Array[]; spec: BatchSpec };

/** Computes a batch's gradients at the given weights (in a worker). */
export function workerStep(
  model: tfl.Sequential,
  weights: Float32Array[],
  spec: BatchSpec,
): StepResult {
  const values = model.weights.map((w, i) =>
    tf.tensor(weights[i], w.read().shape)
  );
  model.setWeights(values);
  tf.dispose(values);
  const n = spec.seeds.length;
  const x = tf.tensor4d(makeBatch(spec), [n, spec.crop, spec.crop, 3]);
  const y = tf.tidy(() =>
    tf.oneHot(tf.tensor1d(spec.classes, "int32"), CLASSES)
  );
  const trainable = model.trainableWeights.map((v) => v.read() as tf.Variable);
  let predicted: tf.Tensor | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const logits = trainingLogits(model, x);
    predicted = tf.keep(tf.argMax(logits, 1));
    return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
  }, trainable);
  const p = predicted!.dataSync();
  const result = {
    // Copies: their buffers are transferred to the main thread.
    grads: trainable.map((v) => Float32Array.from(grads[v.name].dataSync())),
    stats: model.nonTrainableWeights.map((v) =>
      Float32Array.from(v.read().dataSync())
    ),
    loss: value.dataSync()[0],
    correct: spec.classes.filter((c, k) => p[k] === c).length,
    count: n,
  };
  tf.dispose([x, y, value, predicted!, ...Object.values(grads)]);
  return result;
}

/** The worker side: builds its own copy of the model, then runs steps. */
export function serveSteps(): void {
  const scope = globalThis as unknown as {
    onmessage: (event: MessageEvent) => void;
    postMessage: (message: unknown, transfer?: Transferable[]) => void;
  };
  let model: tfl.Sequential | undefined;
  scope.onmessage = async (event) => {
    const message = event.data as ToWorker;
    try {
      if (message.kind === "init") {
        await useBackend(message.backend, { allowFallbackAdapter: true });
        model = buildModel(message.seed);
        scope.postMessage({ ok: true });
      } else {
        const result = workerStep(model!, message.weights, message.spec);
        const buffers = [...result.grads, ...result.stats].map((a) =>
          a.buffer as ArrayBuffer
        );
        scope.postMessage({ ok: true, result }, buffers);
      }
    } catch (error) {
      scope.postMessage({ ok: false, error: String(error) });
    }
  };
}

/** Workers (this file) that each compute part of every batch. */
export class Trainers {
  #workers: Worker[];

  constructor(count: number) {
    this.#workers = Array.from(
      { length: count },
      () => new Worker(import.meta.url, { type: "module" }),
    );
  }

  #call(worker: Worker, message: ToWorker): Promise<StepResult> {
    return new Promise((resolve, reject) => {
      worker.onmessage = (event: MessageEvent) => {
        const { ok, result, error } = event.data;
        if (ok) resolve(result);
        else reject(new Error(`A training worker failed: ${error}`));
      };
      worker.postMessage(message);
    });
  }

  async init(seed: number, backend: BackendChoice): Promise<void> {
    await Promise.all(
      this.#workers.map((w) => this.#call(w, { kind: "init", seed, backend })),
    );
  }

  /** Splits `spec` between the workers; results in the same order. */
  step(weights: Float32Array[], spec: BatchSpec): Promise<StepResult[]> {
    const parts = this.#workers.length;
    const size = Math.ceil(spec.seeds.length / parts);
    const calls: Promise<StepResult>[] = [];
    this.#workers.forEach((worker, i) => {
      const pick = <T>(list: T[]) => list.slice(i * size, (i + 1) * size);
      const part = {
        ...spec,
        seeds: pick(spec.seeds),
        classes: pick(spec.classes),
        plain: pick(spec.plain),
      };
      if (part.seeds.length === 0) return;
      calls.push(this.#call(worker, { kind: "step", weights, spec: part }));
    });
    return Promise.all(calls);
  }

  close(): void {
    for (const worker of this.#workers) worker.terminate();
  }
}

if ("WorkerGlobalScope" in globalThis) serveSteps();
