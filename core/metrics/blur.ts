/**
 * Gaussian blur of an RGBA image: the starting canvas of the insertion
 * metric.
 *
 * @module
 */
import type { RgbaImage } from "../types.ts";
import { checkImage, checkSigma } from "./_checks.ts";

/** Options for {@linkcode gaussianBlur}. */
export interface GaussianBlurOptions {
  /** Standard deviation in pixels; `0` returns a copy. Default `5`. */
  sigma?: number;
}

function kernel(sigma: number): Float64Array {
  const radius = Math.ceil(3 * sigma);
  const k = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    sum += k[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  }
  return k.map((v) => v / sum);
}

function pass(
  src: Float64Array,
  size: { width: number; height: number },
  k: Float64Array,
  horizontal: boolean,
): Float64Array {
  const { width, height } = size;
  const radius = (k.length - 1) / 2;
  const out = new Float64Array(src.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0, g = 0, b = 0;
      for (let t = -radius; t <= radius; t++) {
        const sx = horizontal ? Math.min(Math.max(x + t, 0), width - 1) : x;
        const sy = horizontal ? y : Math.min(Math.max(y + t, 0), height - 1);
        const w = k[t + radius];
        const i = (sy * width + sx) * 3;
        r += w * src[i];
        g += w * src[i + 1];
        b += w * src[i + 2];
      }
      const o = (y * width + x) * 3;
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
    }
  }
  return out;
}

/**
 * Blurs R, G and B with a separable Gaussian of standard deviation `sigma`
 * (kernel radius ⌈3σ⌉, edges repeat the border pixel); alpha is kept.
 *
 * @example
 * ```ts
 * import { gaussianBlur } from "./blur.ts";
 * const data = new Uint8ClampedArray(5 * 5 * 4).fill(255);
 * data.fill(0, 12 * 4, 12 * 4 + 3); // one black pixel in the middle
 * const out = gaussianBlur({ width: 5, height: 5, data }, { sigma: 1 });
 * if (!(out.data[12 * 4] > 0 && out.data[0] < 255)) throw new Error("not blurred");
 * ```
 */
export function gaussianBlur(
  image: RgbaImage,
  options: GaussianBlurOptions = {},
): RgbaImage {
  const sigma = checkSigma(options.sigma);
  checkImage(image);
  const { width, height } = image;
  if (sigma === 0) {
    return { width, height, data: new Uint8ClampedArray(image.data) };
  }
  const pixels = width * height;
  const rgb = new Float64Array(pixels * 3);
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < 3; c++) rgb[p * 3 + c] = image.data[p * 4 + c];
  }
  const k = kernel(sigma);
  const blurred = pass(pass(rgb, image, k, true), image, k, false);
  const data = new Uint8ClampedArray(pixels * 4);
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < 3; c++) {
      data[p * 4 + c] = Math.round(blurred[p * 3 + c]);
    }
    data[p * 4 + 3] = image.data[p * 4 + 3];
  }
  return { width, height, data };
}
