/**
 * The part of a model adapter that is the same for layers and graph models:
 * run the body once, then differentiate only the head (everything after the
 * target layer) as a function of the target's activations.
 *
 * @module
 */
import { tf } from "./engine.ts";
import type {
  CamModel,
  CaptureRequest,
  ImageCapture,
  InputBatch,
  LayerInfo,
  LinearHead,
  Prediction,
} from "../core/graph.ts";
import type { FeatureMap, LayerCapture } from "../core/types.ts";
import { topK } from "../core/top_k.ts";

/** Tensors the head needs besides the target activations (residual inputs). */
export type Frontier = Record<string, tf.Tensor>;

/** What a concrete model format must provide. */
export interface SplitRunner {
  readonly inputShape: readonly [number, number, number];
  readonly numClasses: number;
  readonly layers: readonly LayerInfo[];
  readonly defaultLayer: string;
  /** Structural check that the head after `layer` is linear and pooled. */
  linearHead(layer: string): LinearHead;
  /** Logits of a batch (synchronous; the caller tidies). */
  logits(x: tf.Tensor4D): tf.Tensor2D;
  /** One forward pass returning the target activations, logits and frontier. */
  forward(
    x: tf.Tensor4D,
    layer: string,
  ): { activations: tf.Tensor4D; logits: tf.Tensor2D; frontier: Frontier };
  /** The head as a differentiable function of the target activations. */
  head(
    layer: string,
    activations: tf.Tensor4D,
    frontier: Frontier,
  ): tf.Tensor2D;
  /** Frees the weights. */
  dispose(): void;
}

function softmaxRows(logits: Float32Array, classes: number): Float32Array {
  const out = new Float32Array(logits.length);
  for (let row = 0; row < logits.length / classes; row++) {
    const start = row * classes;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[start + c]);
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      out[start + c] = Math.exp(logits[start + c] - max);
      sum += out[start + c];
    }
    for (let c = 0; c < classes; c++) out[start + c] /= sum;
  }
  return out;
}

function predictions(logits: Float32Array, classes: number): Prediction[] {
  const probabilities = softmaxRows(logits, classes);
  const result: Prediction[] = [];
  for (let b = 0; b < logits.length / classes; b++) {
    result.push({
      logits: logits.slice(b * classes, (b + 1) * classes),
      probabilities: probabilities.slice(b * classes, (b + 1) * classes),
    });
  }
  return result;
}

function splitBatch(data: Float32Array, shape: number[]): FeatureMap[] {
  const [batch, height, width, channels] = shape;
  const size = height * width * channels;
  return Array.from({ length: batch }, (_, b) => ({
    height,
    width,
    channels,
    data: data.slice(b * size, (b + 1) * size),
  }));
}

/** A {@linkcode CamModel} over a {@linkcode SplitRunner}. */
export class SplitCamModel implements CamModel {
  readonly source: string;
  #runner: SplitRunner;
  #camWeights = new Map<string, Map<number, Float32Array>>();

  constructor(source: string, runner: SplitRunner) {
    this.source = source;
    this.#runner = runner;
  }

  get inputShape(): readonly [number, number, number] {
    return this.#runner.inputShape;
  }
  get numClasses(): number {
    return this.#runner.numClasses;
  }
  get layers(): readonly LayerInfo[] {
    return this.#runner.layers;
  }
  get defaultLayer(): string {
    return this.#runner.defaultLayer;
  }

  linearHead(layer: string): LinearHead {
    return this.#runner.linearHead(layer);
  }

  #input(input: InputBatch): tf.Tensor4D {
    const [height, width, channels] = this.inputShape;
    if (
      input.height !== height || input.width !== width ||
      input.channels !== channels ||
      input.data.length !== input.batch * height * width * channels
    ) {
      throw new TypeError(
        `Input batch is ${input.batch}x${input.height}x${input.width}x${input.channels}` +
          ` but the model takes Nx${height}x${width}x${channels}`,
      );
    }
    return tf.tensor4d(input.data, [input.batch, height, width, channels]);
  }

  async predict(input: InputBatch): Promise<Prediction[]> {
    const logits = tf.tidy(() => this.#runner.logits(this.#input(input)));
    try {
      return predictions(await logits.data() as Float32Array, this.numClasses);
    } finally {
      logits.dispose();
    }
  }

  /**
   * CAM's effective weights for `classes` at `layer`, cached per class. For a
   * linear, pooled head y = Wᵀ·pool(A) + b, so Σ_ij ∂y_c/∂A_kij = W_kc at any
   * A: one head gradient at A = 0 per batch of new classes, never per image.
   */
  async #classifierWeights(
    layer: string,
    classes: readonly number[],
    shape: readonly [number, number, number],
  ): Promise<Map<number, Float32Array>> {
    const head = this.linearHead(layer);
    if (!head.ok) throw new TypeError(head.reason);
    const cache = this.#camWeights.get(layer) ??
      new Map<number, Float32Array>();
    this.#camWeights.set(layer, cache);
    const missing = [...new Set(classes)].filter((c) => !cache.has(c));
    if (missing.length > 0) {
      const [height, width, channels] = shape;
      const sums = tf.tidy(() => {
        const mask = tf.oneHot(tf.tensor1d(missing, "int32"), this.numClasses);
        const zeros = tf.zeros([missing.length, height, width, channels]);
        const grad = tf.grad((a: tf.Tensor) =>
          tf.sum(tf.mul(this.#runner.head(layer, a as tf.Tensor4D, {}), mask))
        )(zeros);
        return tf.sum(grad, [1, 2]);
      });
      const values = await sums.data() as Float32Array;
      sums.dispose();
      missing.forEach((c, i) =>
        cache.set(c, values.slice(i * channels, (i + 1) * channels))
      );
    }
    return cache;
  }

  async capture(
    input: InputBatch,
    request: CaptureRequest,
  ): Promise<ImageCapture[]> {
    if (request.classes && request.classes.length !== input.batch) {
      throw new RangeError(
        `Got classes for ${request.classes.length} images but a batch of ${input.batch}`,
      );
    }
    for (const list of request.classes ?? []) {
      for (const c of list) {
        if (!Number.isInteger(c) || c < 0 || c >= this.numClasses) {
          throw new RangeError(
            `Class ${c} is out of range: the model has classes 0..${
              this.numClasses - 1
            }`,
          );
        }
      }
    }
    const runner = this.#runner;
    const x = this.#input(input);
    const { activations, logits, frontier } = tf.tidy(() =>
      runner.forward(x, request.layer)
    );
    x.dispose();
    const tensors: tf.Tensor[] = [
      activations,
      logits,
      ...Object.values(frontier),
    ];
    try {
      const [batch, height, width, channels] = activations.shape;
      const preds = predictions(
        await logits.data() as Float32Array,
        this.numClasses,
      );
      const classes = request.classes ??
        preds.map((p) => topK(p.logits, request.top ?? 1));
      const gradients: (FeatureMap[] | undefined)[] = [];
      const rounds = Math.max(...classes.map((c) => c.length));
      if (request.gradients) {
        for (let j = 0; j < rounds; j++) {
          const mask = new Float32Array(batch * this.numClasses);
          classes.forEach((list, b) => {
            if (j < list.length) mask[b * this.numClasses + list[j]] = 1;
          });
          const grad = tf.tidy(() => {
            const maskTensor = tf.tensor2d(mask, [batch, this.numClasses]);
            return tf.grad((a: tf.Tensor) => {
              let scores = runner.head(
                request.layer,
                a as tf.Tensor4D,
                frontier,
              );
              if (request.score === "softmax") scores = tf.softmax(scores);
              return tf.sum(tf.mul(scores, maskTensor));
            })(activations);
          });
          tensors.push(grad);
          gradients.push(
            splitBatch(await grad.data() as Float32Array, grad.shape),
          );
        }
      }
      const camWeights = request.classifierWeights
        ? await this.#classifierWeights(request.layer, classes.flat(), [
          height,
          width,
          channels,
        ])
        : undefined;
      const maps = splitBatch(
        await activations.data() as Float32Array,
        activations.shape,
      );
      return preds.map((prediction, b) => ({
        ...prediction,
        classes: classes[b],
        captures: classes[b].map((c, j): LayerCapture => ({
          activations: maps[b],
          gradients: gradients[j]?.[b],
          classifierWeights: camWeights?.get(c)?.slice(),
        })),
      }));
    } finally {
      tf.dispose(tensors);
    }
  }

  dispose(): void {
    this.#runner.dispose();
    this.#camWeights.clear();
  }
}
