/**
 * Trains camkit's embedded demo model: a small CAM-compatible CNN that tells
 * apart the six shapes of `core/shapes/`, on fresh seeded scenes every epoch.
 * Writes `backends/demo_model/` (model.json, weights.bin, labels.json,
 * camkit.json, training.json), then reloads the written files and checks
 * that they score the same on held-out scenes.
 *
 * ```sh
 * deno run --allow-read --allow-write=backends/demo_model cli/train_demo.ts
 * ```
 *
 * Flags: `--out DIR` (default `backends/demo_model`), `--seed N` (1),
 * `--scale F` (scenes per epoch × F, default 1; 0.01 for a smoke test),
 * `--held-out N` (600), `--workers N` (2), `--learning-rate R` (0.003),
 * `--backend wasm|cpu|webgpu` (wasm). Same flags, same weights.
 *
 * How it stays fast on two CPU cores:
 * - TF.js's WASM backend has no `Conv2DBackpropFilter`, and with the CPU
 *   kernel it borrows a training step is ~200× slower, so training runs its own
 *   forward pass over the model's variables with convolutions whose
 *   gradients are themselves WASM convolutions ({@linkcode fastConv}). The
 *   saved model is an ordinary layers model.
 * - Most epochs train on 64×64 crops around the object (the model is fully
 *   convolutional up to global average pooling; 3× cheaper than 112×112),
 *   then crops grow to the full image.
 * - Two workers (this same file, one per core) each draw and differentiate
 *   half of every batch; the main thread averages their gradients and
 *   BatchNormalization statistics and steps Adam.
 *
 * @module
 */
import { parseArgs } from "node:util";
import * as tfl from "@tensorflow/tfjs-layers";
import { type BackendChoice, tf, useBackend } from "../backends/engine.ts";
import {
  generateScene,
  type Scene,
  SHAPE_CLASSES,
} from "../core/shapes/generate.ts";
import { createRandom } from "../core/shapes/random.ts";
import { peak } from "../core/localize.ts";

const SIZE = 112;
const CLASSES = SHAPE_CLASSES.length;
const LAST_CONV = "last_conv";
/** Scene seeds: training `seed·10⁹ + epoch·10⁶ + i + 1`, evaluation < 0. */
const HELD_OUT_SEED = -1, VALIDATION_SEED = -1_000_000;
const TWO_OBJECT_SEED = -2_000_000, CHECK_SEED = -3_000_000;

/** Epochs: crop side, batch size and fresh scenes (× `--scale`). */
const SCHEDULE: readonly { crop: number; batch: number; scenes: number }[] = [
  ...Array(10).fill({ crop: 64, batch: 32, scenes: 4000 }),
  ...Array(2).fill({ crop: 80, batch: 24, scenes: 2400 }),
  ...Array(2).fill({ crop: 96, batch: 24, scenes: 2400 }),
  ...Array(3).fill({ crop: 112, batch: 20, scenes: 2000 }),
];

interface Settings {
  out: string;
  seed: number;
  scale: number;
  heldOut: number;
  backend: BackendChoice;
  learningRate: number;
  workers: number;
}

function settings(args: string[]): Settings {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: "string", default: "backends/demo_model" },
      seed: { type: "string", default: "1" },
      scale: { type: "string", default: "1" },
      "held-out": { type: "string", default: "600" },
      backend: { type: "string", default: "wasm" },
      "learning-rate": { type: "string", default: "0.003" },
      workers: { type: "string", default: "2" },
    },
  });
  const number = (
    name: "seed" | "scale" | "held-out" | "learning-rate" | "workers",
  ) => {
    const value = Number(values[name]);
    if (!(value > 0)) {
      throw new RangeError(
        `Invalid --${name} "${values[name]}": use a positive number`,
      );
    }
    return value;
  };
  return {
    out: values.out,
    seed: Math.round(number("seed")),
    scale: number("scale"),
    heldOut: Math.round(number("held-out")),
    backend: values.backend as BackendChoice,
    learningRate: number("learning-rate"),
    workers: Math.round(number("workers")),
  };
}

/** Conv layers as [filters, kernel, stride]; "pool" is 2×2 max pooling. */
const LAYERS = [
  [16, 5, 2],
  [32, 3, 1],
  "pool",
  [64, 3, 1],
  "pool",
  [64, 3, 1],
  [128, 3, 1],
  [128, 3, 1],
] as const;

/**
 * 5×5/2 stem (56×56) → conv 32 → pool → conv 64 → pool → conv 64 → conv 128
 * (14×14) → `last_conv` 128 (14×14, ReLU) → GAP → Dense(6, softmax). Every
 * conv but the last is Conv2D (no bias) → BatchNormalization → ReLU.
 */
function buildModel(seed: number): tfl.Sequential {
  const model = tfl.sequential({ name: "camkit_shapes" });
  let convs = 0, pools = 0;
  for (const item of LAYERS) {
    if (item === "pool") {
      const name = `pool${++pools}`;
      model.add(tfl.layers.maxPooling2d({ name, poolSize: 2 }));
      continue;
    }
    const [filters, kernelSize, strides] = item;
    const last = item === LAYERS[LAYERS.length - 1];
    const name = last ? LAST_CONV : `conv${++convs}`;
    model.add(tfl.layers.conv2d({
      name,
      filters,
      kernelSize,
      strides,
      padding: "same",
      activation: last ? "relu" : "linear",
      useBias: last,
      kernelInitializer: tfl.initializers.heNormal({
        seed: seed * 100 + convs,
      }),
      ...(convs === 1 ? { inputShape: [SIZE, SIZE, 3] } : {}),
    }));
    if (!last) {
      model.add(
        tfl.layers.batchNormalization({ name: `${name}_bn`, momentum: 0.95 }),
      );
      model.add(tfl.layers.reLU({ name: `${name}_relu` }));
    }
  }
  model.add(tfl.layers.globalAveragePooling2d({ name: "gap" }));
  model.add(tfl.layers.dense({
    name: "predictions",
    units: CLASSES,
    activation: "softmax",
    kernelInitializer: tfl.initializers.glorotUniform({
      seed: seed * 100 + 99,
    }),
  }));
  return model;
}

/** TF "same" padding (before, after) for `size` pixels. */
function samePadding(
  size: number,
  k: number,
  stride: number,
): [number, number] {
  const total = Math.max((Math.ceil(size / stride) - 1) * stride + k - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/**
 * ∂L/∂W of a "same" k×k convolution, itself computed as a convolution (which
 * WASM runs with XNNPACK): with the batch and channel axes swapped,
 * dW[i, j, c, o] = Σ x_pad[n, s·y+i, s·x+j, c]·dy[n, y, x, o] is a "valid"
 * conv of x_pad (batch C, channels N) with dy as an H×W filter dilated by s.
 */
function filterGradient(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  k: number,
  stride: number,
): tf.Tensor {
  const [, h, w] = x.shape;
  const padded = tf.pad(x, [
    [0, 0],
    samePadding(h, k, stride),
    samePadding(w, k, stride),
    [0, 0],
  ]);
  const xt = tf.transpose(padded, [3, 1, 2, 0]) as tf.Tensor4D;
  const dyt = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D;
  return tf.transpose(tf.conv2d(xt, dyt, 1, "valid", "NHWC", stride), [
    1,
    2,
    0,
    3,
  ]);
}

/**
 * "Same" convolutions whose gradients run fast on WASM, by stride (1 or 2).
 * The input gradient of stride 1 is a conv with the flipped kernel; the
 * image (3 channels) gets none, so stride 2 is for the first layer only.
 */
const fastConv = [1, 2].map((stride) =>
  tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, w, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([x, w]);
    return {
      value: tf.conv2d(x, w, stride, "same"),
      gradFunc: (dy: tf.Tensor, [xs, ws]: tf.Tensor[]) => {
        const x4 = xs as tf.Tensor4D, w4 = ws as tf.Tensor4D;
        const d4 = dy as tf.Tensor4D;
        let dx: tf.Tensor;
        if (x4.shape[3] === 3) dx = tf.zerosLike(x4);
        else if (stride === 1) {
          const flipped = tf.transpose(tf.reverse(w4, [0, 1]), [0, 1, 3, 2]);
          dx = tf.conv2d(d4, flipped as tf.Tensor4D, 1, "same");
        } else throw new TypeError("Only the first layer may have stride 2");
        return [dx, filterGradient(x4, d4, w4.shape[0], stride)];
      },
    };
  }) as (x: tf.Tensor, w: tf.Tensor) => tf.Tensor4D
);

/**
 * The model's forward pass to the logits on its own variables, in training
 * mode: BatchNormalization uses the batch's moments and moves its averages.
 */
function trainingLogits(model: tfl.Sequential, x: tf.Tensor4D): tf.Tensor2D {
  let h: tf.Tensor = x;
  for (const layer of model.layers) {
    const [w, b] = layer.trainableWeights.map((v) => v.read());
    const kind = layer.getClassName();
    const config = layer.getConfig();
    if (kind === "Conv2D") {
      h = fastConv[(config.strides as number[])[0] - 1](h, w);
      if (b !== undefined) h = tf.add(h, b);
      if (config.activation === "relu") h = tf.relu(h);
    } else if (kind === "BatchNormalization") {
      const [mean, variance] = layer.nonTrainableWeights.map((v) =>
        v.read() as tf.Variable
      );
      const moments = tf.moments(h, [0, 1, 2]);
      const m = config.momentum as number;
      for (
        const [moving, batch] of [[mean, moments.mean], [
          variance,
          moments.variance,
        ]] as const
      ) {
        moving.assign(tf.add(tf.mul(moving, m), tf.mul(batch, 1 - m)));
      }
      const epsilon = config.epsilon as number;
      const scale = tf.mul(tf.rsqrt(tf.add(moments.variance, epsilon)), w);
      h = tf.add(tf.mul(tf.sub(h, moments.mean), scale), b);
    } else if (kind === "ReLU") h = tf.relu(h);
    else if (kind === "MaxPooling2D") {
      h = tf.maxPool(h as tf.Tensor4D, 2, 2, "valid");
    } else if (kind === "GlobalAveragePooling2D") h = tf.mean(h, [1, 2]);
    else if (kind === "Dense") return tf.add(tf.matMul(h as tf.Tensor2D, w), b);
    else throw new TypeError(`Cannot train layer kind "${kind}"`);
  }
  throw new TypeError("The model has no Dense head");
}

/** What a batch holds: scenes by seed and class, cut to `crop` pixels. */
interface BatchSpec {
  crop: number;
  seeds: number[];
  classes: number[];
  plain: boolean[];
  clutter: number;
}

/** The input values of a batch: crops around each object, in [0, 1]. */
function makeBatch(spec: BatchSpec): Float32Array {
  const { crop } = spec;
  const data = new Float32Array(spec.seeds.length * crop * crop * 3);
  spec.seeds.forEach((seed, i) => {
    const scene = generateScene(seed, {
      classIndices: [spec.classes[i]],
      style: spec.plain[i] ? "plain" : "clutter",
      clutter: spec.clutter,
    });
    const { box } = scene.objects[0];
    const random = createRandom(seed, 7);
    const start = (from: number, length: number) => {
      const low = Math.max(0, from + length - crop);
      const high = Math.min(SIZE - crop, from);
      return low <= high ? random.int(low, high + 1) : Math.min(
        SIZE - crop,
        Math.max(0, Math.round(from + length / 2 - crop / 2)),
      );
    };
    const x0 = start(box.x, box.width), y0 = start(box.y, box.height);
    const pixels = scene.image.data;
    let o = i * crop * crop * 3;
    for (let y = y0; y < y0 + crop; y++) {
      for (let x = x0; x < x0 + crop; x++) {
        const p = (y * SIZE + x) * 4;
        data[o++] = pixels[p] / 255;
        data[o++] = pixels[p + 1] / 255;
        data[o++] = pixels[p + 2] / 255;
      }
    }
  });
  return data;
}

/** Every batch of training, in order: balanced, shuffled, seeded. */
function* trainingPlan(s: Settings): Generator<BatchSpec & { epoch: number }> {
  const total = SCHEDULE.reduce((sum, e) => sum + e.scenes, 0);
  let done = 0;
  for (const [epoch, { crop, batch, scenes }] of SCHEDULE.entries()) {
    const count = Math.max(batch, Math.round(scenes * s.scale));
    const random = createRandom(s.seed, epoch + 1);
    const classes = Array.from({ length: count }, (_, i) => i % CLASSES);
    for (let i = count - 1; i > 0; i--) {
      const j = random.int(0, i + 1);
      [classes[i], classes[j]] = [classes[j], classes[i]];
    }
    // Curriculum: some plain backgrounds and lighter clutter at first.
    const t = done / total;
    const clutter = Math.min(1, t / 0.4);
    const plain = classes.map(() => random.chance(0.6 - 1.5 * t));
    for (let b = 0; b < count; b += batch) {
      const seeds = classes.slice(b, b + batch).map((_, k) =>
        s.seed * 1e9 + epoch * 1e6 + b + k + 1
      );
      yield {
        epoch,
        crop,
        seeds,
        classes: classes.slice(b, b + batch),
        plain: plain.slice(b, b + batch),
        clutter,
      };
    }
    done += scenes;
  }
}

/** A worker's share of one step: gradients, moved BN averages, scores. */
interface StepResult {
  /** Mean-loss gradients, in `model.trainableWeights` order. */
  grads: Float32Array[];
  /** BatchNormalization averages after the step (`nonTrainableWeights`). */
  stats: Float32Array[];
  loss: number;
  correct: number;
  count: number;
}

type ToWorker =
  | { kind: "init"; seed: number; backend: BackendChoice }
  | { kind: "step"; weights: Float32Array[]; spec: BatchSpec };

/** Computes a batch's gradients at the given weights (in a worker). */
function workerStep(
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
function serveSteps(): void {
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
class Trainers {
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

function fullImages(scenes: readonly Scene[]): tf.Tensor4D {
  const data = new Float32Array(scenes.length * SIZE * SIZE * 3);
  scenes.forEach((scene, i) => {
    const pixels = scene.image.data;
    for (let p = 0, o = i * SIZE * SIZE * 3; p < pixels.length; p += 4) {
      data[o++] = pixels[p] / 255;
      data[o++] = pixels[p + 1] / 255;
      data[o++] = pixels[p + 2] / 255;
    }
  });
  return tf.tensor4d(data, [scenes.length, SIZE, SIZE, 3]);
}

function scenesFrom(first: number, count: number, objects: 1 | 2 = 1) {
  return Array.from(
    { length: count },
    (_, i) => generateScene(first - i, { objects }),
  );
}

/** Top-1 accuracy of `model` (inference mode) on one-object scenes. */
function accuracy(model: tfl.LayersModel, scenes: readonly Scene[]): number {
  let correct = 0;
  for (let i = 0; i < scenes.length; i += 50) {
    const part = scenes.slice(i, i + 50);
    const predicted = tf.tidy(() =>
      tf.argMax(model.predict(fullImages(part)) as tf.Tensor, 1).dataSync()
    );
    part.forEach((scene, k) => {
      if (predicted[k] === scene.objects[0].classIndex) correct++;
    });
  }
  return correct / scenes.length;
}

/**
 * The pointing game for CAM at feature resolution: how often the CAM of each
 * object's class (GAP→Dense weights × `last_conv` activations) peaks in a
 * cell whose centre lies inside that object's box.
 */
function camPointing(model: tfl.LayersModel, scenes: readonly Scene[]) {
  const body = tfl.model({
    inputs: model.inputs,
    outputs: model.getLayer(LAST_CONV).output as tfl.SymbolicTensor,
  });
  const weights = model.getLayer("predictions").getWeights()[0];
  let hits = 0, total = 0;
  for (let i = 0; i < scenes.length; i += 50) {
    const part = scenes.slice(i, i + 50);
    const [, h, w] = body.outputs[0].shape as number[];
    const maps = tf.tidy(() => {
      const a = body.predict(fullImages(part)) as tf.Tensor4D;
      return tf.matMul(tf.reshape(a, [-1, a.shape[3]]), weights).dataSync();
    });
    part.forEach((scene, n) => {
      for (const { classIndex, box } of scene.objects) {
        const map = new Float32Array(h * w);
        for (let p = 0; p < h * w; p++) {
          map[p] = maps[(n * h * w + p) * CLASSES + classIndex];
        }
        const cell = peak(map, { width: w, height: h });
        const x = (cell.x + 0.5) * SIZE / w, y = (cell.y + 0.5) * SIZE / h;
        total++;
        if (
          x >= box.x && x < box.x + box.width && y >= box.y &&
          y < box.y + box.height
        ) hits++;
      }
    });
  }
  return hits / total;
}

/** Writes the model as model.json + one weights.bin, never half-written. */
async function saveModel(model: tfl.LayersModel, dir: string) {
  await Deno.mkdir(dir, { recursive: true });
  let bytes = 0;
  await model.save({
    async save(artifacts) {
      const weights = tf.io.CompositeArrayBuffer.join(artifacts.weightData!);
      bytes = weights.byteLength;
      const json = {
        format: "layers-model",
        generatedBy: `TensorFlow.js tfjs-layers v${tfl.version_layers}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{
          paths: ["weights.bin"],
          weights: artifacts.weightSpecs,
        }],
      };
      await Deno.writeFile(`${dir}/weights.bin.tmp`, new Uint8Array(weights));
      await Deno.writeTextFile(`${dir}/model.json.tmp`, JSON.stringify(json));
      await Deno.rename(`${dir}/weights.bin.tmp`, `${dir}/weights.bin`);
      await Deno.rename(`${dir}/model.json.tmp`, `${dir}/model.json`);
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: "JSON",
          weightDataBytes: bytes,
        },
      };
    },
  });
  await Deno.writeTextFile(
    `${dir}/labels.json`,
    JSON.stringify(SHAPE_CLASSES) + "\n",
  );
  await Deno.writeTextFile(
    `${dir}/camkit.json`,
    JSON.stringify({ preprocess: "unit", labels: "labels.json" }) + "\n",
  );
  return bytes;
}

/** Reads the written files back through a custom IOHandler. */
async function loadSaved(dir: string): Promise<tfl.LayersModel> {
  const json = JSON.parse(await Deno.readTextFile(`${dir}/model.json`));
  const weightData = (await Deno.readFile(`${dir}/weights.bin`)).buffer;
  return await tfl.loadLayersModel({
    load: () =>
      Promise.resolve({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData,
      }),
  });
}

/** Checks that {@linkcode trainingLogits} is the model's training pass. */
function checkTrainingPass(model: tfl.Sequential): void {
  const initial = model.getWeights().map((t) => t.clone());
  const gap = tf.tidy(() => {
    const x = fullImages(scenesFrom(CHECK_SEED, 4));
    const reference = model.apply(x, { training: true }) as tf.Tensor;
    const mine = tf.softmax(trainingLogits(model, x));
    return tf.max(tf.abs(tf.sub(mine, reference))).dataSync()[0];
  });
  model.setWeights(initial);
  tf.dispose(initial);
  if (!(gap < 1e-4)) {
    throw new Error(`The training pass differs from the model's by ${gap}`);
  }
}

const percent = (v: number) => `${(v * 100).toFixed(2)}%`;

async function main(): Promise<void> {
  const s = settings(Deno.args);
  const backend = await useBackend(s.backend, { allowFallbackAdapter: true });
  const model = buildModel(s.seed);
  checkTrainingPass(model);
  const variables = model.trainableWeights.map((v) => v.read() as tf.Variable);
  const plan = [...trainingPlan(s)];
  console.error(
    `Training on ${backend}: ${model.countParams()} parameters, ` +
      `${SCHEDULE.length} epochs, ${plan.length} steps`,
  );
  const validation = scenesFrom(VALIDATION_SEED, 300);
  const optimizer = tf.train.adam(s.learningRate);
  const setRate = (rate: number) =>
    (optimizer as unknown as { learningRate: number }).learningRate = rate;
  const trainers = new Trainers(s.workers);
  await trainers.init(s.seed, s.backend);
  const history: Record<string, number>[] = [];
  const start = performance.now();
  let correct = 0, seen = 0, lossSum = 0;
  for (const [step, spec] of plan.entries()) {
    const t = step / plan.length;
    setRate(
      s.learningRate * Math.min(1, (step + 1) / 100) *
        (0.03 + 0.97 * 0.5 * (1 + Math.cos(Math.PI * t))),
    );
    const weights = model.weights.map((w) =>
      w.read().dataSync() as Float32Array
    );
    const results = await trainers.step(weights, spec);
    const n = spec.seeds.length;
    const mean = (pick: (r: StepResult) => Float32Array[], i: number) => {
      const sum = new Float32Array(pick(results[0])[i].length);
      for (const r of results) {
        const part = pick(r)[i], share = r.count / n;
        for (let k = 0; k < sum.length; k++) sum[k] += part[k] * share;
      }
      return sum;
    };
    const grads = variables.map((v, i) => ({
      name: v.name,
      tensor: tf.tensor(mean((r) => r.grads, i), v.shape),
    }));
    optimizer.applyGradients(grads);
    tf.dispose(grads.map((g) => g.tensor));
    model.nonTrainableWeights.forEach((v, i) => {
      const moving = v.read() as tf.Variable;
      const average = tf.tensor(mean((r) => r.stats, i), moving.shape);
      moving.assign(average);
      average.dispose();
    });
    for (const r of results) {
      lossSum += r.loss * r.count;
      correct += r.correct;
    }
    seen += n;
    if (step + 1 === plan.length || plan[step + 1].epoch !== spec.epoch) {
      const row = {
        epoch: spec.epoch + 1,
        crop: spec.crop,
        scenes: seen,
        loss: lossSum / seen,
        train: correct / seen,
        validation: accuracy(model, validation),
        seconds: Math.round((performance.now() - start) / 1000),
      };
      history.push(row);
      console.error(
        `epoch ${row.epoch}/${SCHEDULE.length} (${row.crop}px, ${seen} scenes): ` +
          `loss ${row.loss.toFixed(4)}, train ${percent(row.train)}, ` +
          `validation ${percent(row.validation)}, ${row.seconds} s ` +
          `(${tf.memory().numTensors} tensors)`,
      );
      correct = seen = lossSum = 0;
    }
  }
  trainers.close();
  const trainingSeconds = (performance.now() - start) / 1000;

  const heldOut = scenesFrom(HELD_OUT_SEED, s.heldOut);
  const heldOutAccuracy = accuracy(model, heldOut);
  // Train accuracy: the final model on scenes of its last epoch.
  const seenScenes = plan.filter((b) => b.epoch === SCHEDULE.length - 1)
    .flatMap((b) =>
      b.seeds.map((seed, k) =>
        generateScene(seed, {
          classIndices: [b.classes[k]],
          style: b.plain[k] ? "plain" : "clutter",
          clutter: b.clutter,
        })
      )
    ).slice(0, 600);
  const trainAccuracy = accuracy(model, seenScenes);
  const weightBytes = await saveModel(model, s.out);
  const reloaded = await loadSaved(s.out);
  const reloadedAccuracy = accuracy(reloaded, heldOut);
  if (reloadedAccuracy !== heldOutAccuracy) {
    throw new Error(
      `The saved model scores ${reloadedAccuracy}, the trained one ${heldOutAccuracy}`,
    );
  }
  const pointing = camPointing(reloaded, heldOut);
  const twoObjects = scenesFrom(TWO_OBJECT_SEED, 200, 2);
  const pointingTwo = camPointing(reloaded, twoObjects);
  const record = {
    command: [
      "deno run --allow-read --allow-write=backends/demo_model cli/train_demo.ts",
    ]
      .concat(Deno.args).join(" "),
    backend,
    seed: s.seed,
    parameters: model.countParams(),
    weightBytes,
    epochs: SCHEDULE.length,
    steps: plan.length,
    trainingSeconds: Math.round(trainingSeconds),
    trainAccuracy,
    heldOut: {
      images: heldOut.length,
      seeds: `${HELD_OUT_SEED} - i`,
      accuracy: heldOutAccuracy,
      reloadedAccuracy,
    },
    camPointing: {
      oneObject: pointing,
      oneObjectImages: heldOut.length,
      twoObjects: pointingTwo,
      twoObjectImages: twoObjects.length,
    },
    history,
    versions: { deno: Deno.version.deno, tfjs: tfl.version_layers },
  };
  await Deno.writeTextFile(
    `${s.out}/training.json`,
    JSON.stringify(record, null, 2) + "\n",
  );
  console.error(
    `Trained in ${trainingSeconds.toFixed(0)} s: train ${
      percent(trainAccuracy)
    }, ` +
      `held-out ${percent(heldOutAccuracy)} on ${heldOut.length} images ` +
      `(reloaded ${percent(reloadedAccuracy)}); CAM pointing ` +
      `${percent(pointing)} (one object), ${
        percent(pointingTwo)
      } (two objects); ` +
      `${weightBytes} bytes of weights in ${s.out}`,
  );
}

if ("WorkerGlobalScope" in globalThis) serveSteps();
else if (import.meta.main) await main();
