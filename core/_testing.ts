/**
 * Test helpers for `core/`: a tolerance comparison and the 2×2×2 capture the
 * method tests compute by hand.
 *
 * @module
 */
import type { LayerCapture } from "./types.ts";

/**
 * Throws unless `actual` and `expected` have the same length and every pair
 * differs by at most `tolerance` (default 1e-6).
 *
 * @example
 * ```ts
 * import { assertClose } from "./_testing.ts";
 * assertClose(new Float32Array([0.1, 0.2]), [0.1, 0.2]);
 * ```
 */
export function assertClose(
  actual: ArrayLike<number>,
  expected: readonly number[],
  tolerance = 1e-6,
): void {
  const a = Array.from(actual);
  const ok = a.length === expected.length &&
    a.every((v, i) => Math.abs(v - expected[i]) <= tolerance);
  if (!ok) {
    throw new Error(
      `Expected [${expected.join(", ")}] within ${tolerance}, got [${
        a.join(", ")
      }]`,
    );
  }
}

/**
 * Interleaves per-channel planes (each row major, `height * width` values)
 * into the HWC layout of a feature map.
 *
 * @example
 * ```ts
 * import { hwc } from "./_testing.ts";
 * if (hwc([[1, 2], [3, 4]]).join() !== "1,3,2,4") throw new Error("hwc");
 * ```
 */
export function hwc(planes: readonly (readonly number[])[]): Float32Array {
  const k = planes.length;
  const out = new Float32Array(planes[0].length * k);
  planes.forEach((plane, c) => plane.forEach((v, p) => out[p * k + c] = v));
  return out;
}

/**
 * The hand-computed 2×2×2 capture (positions p = y·2 + x):
 *
 *   A_0 = [1, 0, 2, 1]    G_0 = [ 1,  0, -1,  2]    CAM weight  2
 *   A_1 = [0, 1, 1, 0]    G_1 = [-1, -1,  1, -1]    CAM weight -1
 *
 * @example
 * ```ts
 * import { tinyCapture } from "./_testing.ts";
 * if (tinyCapture().activations.data.length !== 8) throw new Error("size");
 * ```
 */
export function tinyCapture(): LayerCapture {
  const shape = { height: 2, width: 2, channels: 2 };
  return {
    activations: { ...shape, data: hwc([[1, 0, 2, 1], [0, 1, 1, 0]]) },
    gradients: { ...shape, data: hwc([[1, 0, -1, 2], [-1, -1, 1, -1]]) },
    classifierWeights: new Float32Array([2, -1]),
  };
}
