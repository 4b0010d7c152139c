/**
 * Turning a raw map into a heat map in [0, 1], the way pytorch-grad-cam does:
 * ReLU, min-max at feature resolution, bilinear upsample (OpenCV
 * INTER_LINEAR), min-max again. Never divides by zero: a constant map becomes
 * all zero, not NaN.
 *
 * @module
 */
import type { Size } from "./types.ts";
import { checkLength } from "./_checks.ts";
import { resizeBilinear } from "./resize.ts";

/** Added to max − min, as in pytorch-grad-cam's `scale_cam_image`. */
const EPSILON = 1e-7;

/**
 * max(v, 0) for every value (NaN becomes 0), as a new array.
 *
 * @example
 * ```ts
 * import { relu } from "./normalize.ts";
 * if (relu(new Float32Array([-1, 2])).join() !== "0,2") throw new Error("relu");
 * ```
 */
export function relu(values: Float32Array): Float32Array {
  return values.map((v) => v > 0 ? v : 0);
}

/**
 * (v − min) / (max − min + 1e-7), as a new array; a constant input gives all
 * zeros.
 *
 * @example
 * ```ts
 * import { minMaxNormalize } from "./normalize.ts";
 * const out = minMaxNormalize(new Float32Array([2, 4, 6]));
 * if (out[0] !== 0 || Math.abs(out[2] - 1) > 1e-6) throw new Error(String(out));
 * ```
 */
export function minMaxNormalize(values: Float32Array): Float32Array {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min + EPSILON;
  return values.map((v) => (v - min) / range);
}

/** Options for {@linkcode normalizeMap}. */
export interface NormalizeMapOptions {
  /** Width of the result in pixels. Default: the map's own width. */
  width?: number;
  /** Height of the result in pixels. Default: the map's own height. */
  height?: number;
}

/**
 * A raw map (see `computeMap`) as a heat map in [0, 1] of `options.width` ×
 * `options.height`: ReLU → min-max → bilinear upsample → min-max.
 *
 * @example
 * ```ts
 * import { normalizeMap } from "./normalize.ts";
 * const raw = new Float32Array([-1, 1, 3, 5]); // ReLU → 0, 1, 3, 5
 * const map = normalizeMap({ raw, width: 2, height: 2 }, { width: 4, height: 4 });
 * if (map.length !== 16 || map[0] !== 0 || Math.abs(map[15] - 1) > 1e-6) {
 *   throw new Error(String(map));
 * }
 * ```
 */
export function normalizeMap(
  map: { readonly raw: Float32Array } & Size,
  options: NormalizeMapOptions = {},
): Float32Array {
  checkLength(map.raw, map, "raw map");
  const to = {
    width: options.width ?? map.width,
    height: options.height ?? map.height,
  };
  const scaled = minMaxNormalize(relu(map.raw));
  return minMaxNormalize(resizeBilinear(scaled, map, to));
}
