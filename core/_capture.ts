/**
 * Checks and sums over {@linkcode LayerCapture}s, shared by the methods and
 * {@linkcode computeMap}.
 *
 * @module
 */
import type { CamStrategy, FeatureMap, LayerCapture } from "./types.ts";

function shape(map: FeatureMap): string {
  return `${map.height}×${map.width}×${map.channels}`;
}

/**
 * Returns the capture's activations after checking their shape; `TypeError`
 * when they are missing or malformed.
 *
 * @example
 * ```ts
 * import { activationsOf } from "./_capture.ts";
 * const a = { height: 1, width: 1, channels: 2, data: new Float32Array(2) };
 * activationsOf({ activations: a });
 * ```
 */
export function activationsOf(capture: LayerCapture): FeatureMap {
  const a = capture?.activations;
  if (a === undefined) {
    throw new TypeError(
      "The capture has no activations: every method needs the target layer's activations",
    );
  }
  for (const n of [a.height, a.width, a.channels]) {
    if (!Number.isInteger(n) || n < 1) {
      throw new TypeError(
        `Activations have invalid shape ${
          shape(a)
        }: height, width and channels must be positive integers`,
      );
    }
  }
  const size = a.height * a.width * a.channels;
  if (!(a.data instanceof Float32Array) || a.data.length !== size) {
    throw new TypeError(
      `Activations have ${a.data?.length} values but ${
        shape(a)
      } needs ${size}: pass a Float32Array in HWC order`,
    );
  }
  return a;
}

/**
 * Returns the capture's gradients after checking they match the activations;
 * `TypeError` naming `method` when they are missing or malformed.
 *
 * @example
 * ```ts
 * import { gradientsOf } from "./_capture.ts";
 * const a = { height: 1, width: 1, channels: 2, data: new Float32Array(2) };
 * gradientsOf({ activations: a, gradients: a }, "grad-cam");
 * ```
 */
export function gradientsOf(capture: LayerCapture, method: string): FeatureMap {
  const a = activationsOf(capture);
  const g = capture.gradients;
  if (g === undefined) {
    throw new TypeError(
      `Method "${method}" needs gradients but the capture has none: capture with gradients: true`,
    );
  }
  if (
    g.height !== a.height || g.width !== a.width || g.channels !== a.channels ||
    !(g.data instanceof Float32Array) || g.data.length !== a.data.length
  ) {
    throw new TypeError(
      `Gradients have shape ${
        shape(g)
      } (${g.data?.length} values) but activations ${
        shape(a)
      }: pass the gradients of the same layer`,
    );
  }
  return g;
}

/**
 * Returns the capture's classifier weights after checking there is one per
 * channel; `TypeError` naming `method` when they are missing or malformed.
 *
 * @example
 * ```ts
 * import { classifierWeightsOf } from "./_capture.ts";
 * const a = { height: 1, width: 1, channels: 2, data: new Float32Array(2) };
 * classifierWeightsOf({ activations: a, classifierWeights: new Float32Array(2) }, "cam");
 * ```
 */
export function classifierWeightsOf(
  capture: LayerCapture,
  method: string,
): Float32Array {
  const a = activationsOf(capture);
  const w = capture.classifierWeights;
  if (w === undefined) {
    throw new TypeError(
      `Method "${method}" needs classifier weights but the capture has none: use a model whose head is linear and pooled, or use grad-cam`,
    );
  }
  if (!(w instanceof Float32Array) || w.length !== a.channels) {
    throw new TypeError(
      `Classifier weights have ${w?.length} values but the layer has ${a.channels} channels: pass one Float32Array weight per channel`,
    );
  }
  return w;
}

/**
 * Checks everything `method` requires, and any optional capture present.
 *
 * @example
 * ```ts
 * import { checkCapture } from "./_capture.ts";
 * import { gradCam } from "./grad_cam.ts";
 * const a = { height: 1, width: 1, channels: 2, data: new Float32Array(2) };
 * checkCapture({ activations: a, gradients: a }, gradCam);
 * ```
 */
export function checkCapture(capture: LayerCapture, method: CamStrategy): void {
  activationsOf(capture);
  if (method.requires.has("gradients") || capture.gradients !== undefined) {
    gradientsOf(capture, method.name);
  }
  if (
    method.requires.has("classifierWeights") ||
    capture.classifierWeights !== undefined
  ) {
    classifierWeightsOf(capture, method.name);
  }
}

/**
 * Σ_ij map_kij for every channel k, in double precision.
 *
 * @example
 * ```ts
 * import { channelSums } from "./_capture.ts";
 * const map = { height: 1, width: 2, channels: 2, data: new Float32Array([1, 2, 3, 4]) };
 * const sums = channelSums(map); // channel 0: 1 + 3, channel 1: 2 + 4
 * if (sums.join() !== "4,6") throw new Error(String(sums));
 * ```
 */
export function channelSums(map: FeatureMap): Float64Array {
  const { channels, data } = map;
  const sums = new Float64Array(channels);
  for (let i = 0; i < data.length; i += channels) {
    for (let k = 0; k < channels; k++) sums[k] += data[i + k];
  }
  return sums;
}
