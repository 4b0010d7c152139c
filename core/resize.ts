/**
 * Bilinear resizing with half-pixel centres, sample for sample like OpenCV's
 * `cv2.resize(..., interpolation=cv2.INTER_LINEAR)`: destination pixel d
 * reads source coordinate (d + 0.5)·src/dst − 0.5, clamped to the edge
 * pixels (no anti-aliasing when shrinking, as in OpenCV).
 *
 * @module
 */
import type { RgbaImage, Size } from "./types.ts";
import { checkImage, checkLength, checkSize } from "./_checks.ts";

/** For each destination index along one axis: the two source taps and the weight of the second. */
interface Taps {
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly frac: Float64Array;
}

function taps(from: number, to: number): Taps {
  const lo = new Int32Array(to);
  const hi = new Int32Array(to);
  const frac = new Float64Array(to);
  const scale = from / to;
  for (let d = 0; d < to; d++) {
    const x = (d + 0.5) * scale - 0.5;
    let i = Math.floor(x);
    let f = x - i;
    if (i < 0) i = 0, f = 0;
    if (i >= from - 1) i = from - 1, f = 0;
    lo[d] = i;
    hi[d] = Math.min(i + 1, from - 1);
    frac[d] = f;
  }
  return { lo, hi, frac };
}

/** Samples `channels` interleaved channels of `src` (from) into `out` (to). */
function sample(
  src: ArrayLike<number>,
  from: Size,
  to: Size,
  channels: number,
  out: Float32Array | Uint8ClampedArray,
): void {
  const xs = taps(from.width, to.width);
  const ys = taps(from.height, to.height);
  const rowStride = from.width * channels;
  let o = 0;
  for (let y = 0; y < to.height; y++) {
    const r0 = ys.lo[y] * rowStride;
    const r1 = ys.hi[y] * rowStride;
    const fy = ys.frac[y];
    for (let x = 0; x < to.width; x++) {
      const c0 = xs.lo[x] * channels;
      const c1 = xs.hi[x] * channels;
      const fx = xs.frac[x];
      for (let c = 0; c < channels; c++) {
        const top = src[r0 + c0 + c] * (1 - fx) + src[r0 + c1 + c] * fx;
        const bottom = src[r1 + c0 + c] * (1 - fx) + src[r1 + c1 + c] * fx;
        out[o++] = top * (1 - fy) + bottom * fy;
      }
    }
  }
}

/**
 * Resizes a single-channel map (row major) with OpenCV INTER_LINEAR
 * semantics. `TypeError` when `src` is not `from.width * from.height` values,
 * `RangeError` for sizes that are not positive integers.
 *
 * @example
 * ```ts
 * import { resizeBilinear } from "./resize.ts";
 * const out = resizeBilinear(
 *   new Float32Array([0, 1, 2, 3]),
 *   { width: 2, height: 2 },
 *   { width: 4, height: 4 },
 * );
 * // dst x = 1 reads src x = 1.5·0.5 − 0.5 = 0.25
 * if (out.slice(0, 4).join() !== "0,0.25,0.75,1") throw new Error(String(out));
 * ```
 */
export function resizeBilinear(
  src: Float32Array,
  from: Size,
  to: Size,
): Float32Array {
  checkLength(src, from, "source map");
  checkSize(to, "target");
  const out = new Float32Array(to.width * to.height);
  sample(src, from, to, 1, out);
  return out;
}

/**
 * Resizes an RGBA image (all four channels) with OpenCV INTER_LINEAR
 * semantics, rounding to the nearest byte.
 *
 * @example
 * ```ts
 * import { resizeRgba } from "./resize.ts";
 * const image = { width: 2, height: 1, data: new Uint8ClampedArray([0, 0, 0, 255, 200, 100, 50, 255]) };
 * const half = resizeRgba(image, { width: 1, height: 1 }); // the mean of both pixels
 * if (half.data.join() !== "100,50,25,255") throw new Error(String(half.data));
 * ```
 */
export function resizeRgba(image: RgbaImage, to: Size): RgbaImage {
  checkImage(image, "image");
  checkSize(to, "target");
  const data = new Uint8ClampedArray(to.width * to.height * 4);
  sample(image.data, image, to, 4, data);
  return { width: to.width, height: to.height, data };
}
