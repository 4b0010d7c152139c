/**
 * The demo model's network and a training pass over its variables whose
 * convolution gradients are themselves WASM convolutions.
 *
 * @module
 */
import * as tfl from "@tensorflow/tfjs-layers";
import { tf } from "../../backends/engine.ts";
import {
  CHECK_SEED,
  CLASSES,
  fullImages,
  LAST_CONV,
  scenesFrom,
  SIZE,
} from "./data.ts";

/** Conv layers as [filters, kernel, stride]; "pool" is 2×2 max pooling. */
export const LAYERS = [
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
export function buildModel(seed: number): tfl.Sequential {
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
export function samePadding(
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
export function filterGradient(
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
export const fastConv = [1, 2].map((stride) =>
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
export function trainingLogits(
  model: tfl.Sequential,
  x: tf.Tensor4D,
): tf.Tensor2D {
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

/** Checks that {@linkcode trainingLogits} is the model's training pass. */
export function checkTrainingPass(model: tfl.Sequential): void {
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
