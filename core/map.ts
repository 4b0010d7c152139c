/**
 * From a capture to a class activation map: M = Σ_k w_k A_k, before any ReLU
 * or normalisation (see `normalize.ts` for those).
 *
 * @module
 */
import type { CamStrategy, FeatureMap, LayerCapture } from "./types.ts";
import { checkCapture } from "./_capture.ts";
import { resolveMethod } from "./methods.ts";

/** Options for {@linkcode computeMap}. */
export interface ComputeMapOptions {
  /**
   * Explain what argues *against* the class: negate the gradients and the
   * classifier weights before computing the weights. Default `false`.
   */
  counterfactual?: boolean;
}

/** One method's map at the target layer's resolution. */
export interface CamMap {
  /** The method's name, for example `"grad-cam"`. */
  readonly method: string;
  /** Rows of the map (the layer's height). */
  readonly height: number;
  /** Columns of the map (the layer's width). */
  readonly width: number;
  /** One weight per channel, w_k. */
  readonly weights: Float32Array;
  /** M = Σ_k w_k A_k, `height * width` values row by row, before ReLU. */
  readonly raw: Float32Array;
}

function negate(map: FeatureMap): FeatureMap {
  return { ...map, data: map.data.map((v) => -v) };
}

/**
 * Computes a method's weights and raw map for one capture. The capture is
 * validated here: a missing or mis-shaped capture the method needs throws a
 * `TypeError` naming it; an unknown method name throws a `RangeError`.
 *
 * @example
 * ```ts
 * import { computeMap } from "./map.ts";
 * const activations = { height: 1, width: 2, channels: 2, data: new Float32Array([1, 0, 2, 1]) };
 * const map = computeMap("cam", { activations, classifierWeights: new Float32Array([1, -1]) });
 * // pixel 0: 1·1 − 1·0 = 1; pixel 1: 1·2 − 1·1 = 1
 * if (map.raw.join() !== "1,1") throw new Error(String(map.raw));
 * ```
 */
export function computeMap(
  method: string | CamStrategy,
  capture: LayerCapture,
  options: ComputeMapOptions = {},
): CamMap {
  const strategy = resolveMethod(method);
  checkCapture(capture, strategy);
  const { activations, gradients, classifierWeights } = capture;
  const { height, width, channels, data } = activations;
  const input: LayerCapture = options.counterfactual
    ? {
      activations,
      gradients: gradients && negate(gradients),
      classifierWeights: classifierWeights?.map((v) => -v),
    }
    : capture;
  const weights = strategy.weights(input);
  if (weights.length !== channels) {
    throw new TypeError(
      `Method "${strategy.name}" returned ${weights.length} weights for ${channels} channels: a strategy must return one weight per channel`,
    );
  }
  const raw = new Float32Array(height * width);
  for (let p = 0; p < raw.length; p++) {
    let sum = 0;
    for (let k = 0; k < channels; k++) {
      sum += weights[k] * data[p * channels + k];
    }
    raw[p] = sum;
  }
  return { method: strategy.name, height, width, weights, raw };
}
