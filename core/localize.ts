/**
 * Where a heat map points: its peak, and a bounding box around its hottest
 * region (weakly supervised localisation, as in the CAM paper).
 *
 * @module
 */
import type { Box, Point, Size } from "./types.ts";
import { checkLength } from "./_checks.ts";

/**
 * The position of the largest value; ties go to the first in row-major order.
 *
 * @example
 * ```ts
 * import { peak } from "./localize.ts";
 * const p = peak(new Float32Array([0, 2, 2, 1]), { width: 2, height: 2 });
 * if (p.x !== 1 || p.y !== 0) throw new Error(JSON.stringify(p));
 * ```
 */
export function peak(map: Float32Array, size: Size): Point {
  checkLength(map, size, "map");
  let best = 0;
  for (let i = 1; i < map.length; i++) if (map[i] > map[best]) best = i;
  return { x: best % size.width, y: Math.floor(best / size.width) };
}

/** Options for {@linkcode boundingBox}. */
export interface BoundingBoxOptions {
  /**
   * Pixels at or above `threshold` × the map's maximum are "on". In [0, 1].
   * Default `0.2`, the CAM paper's 20 % of the maximum.
   */
  threshold?: number;
}

/**
 * The box around the largest 8-connected region of pixels ≥ threshold·max
 * (ties: the region found first in row-major order), or `null` when no value
 * is above zero. A threshold outside [0, 1] is a `RangeError`.
 *
 * @example
 * ```ts
 * import { boundingBox } from "./localize.ts";
 * const map = new Float32Array([
 *   1, 0, 0, 0,
 *   0, 0, 0.5, 0.5,
 *   0, 0, 0.5, 0,
 * ]);
 * const box = boundingBox(map, { width: 4, height: 3 }, { threshold: 0.4 });
 * if (JSON.stringify(box) !== '{"x":2,"y":1,"width":2,"height":2}') {
 *   throw new Error(JSON.stringify(box));
 * }
 * ```
 */
export function boundingBox(
  map: Float32Array,
  size: Size,
  options: BoundingBoxOptions = {},
): Box | null {
  const threshold = options.threshold ?? 0.2;
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new RangeError(
      `Bounding box threshold ${threshold} is out of range: use a fraction of the maximum from 0 to 1`,
    );
  }
  checkLength(map, size, "map");
  let max = 0;
  for (const v of map) if (v > max) max = v;
  if (max === 0) return null;
  const cut = threshold * max;
  const { width, height } = size;
  const seen = new Uint8Array(map.length);
  const stack = new Int32Array(map.length);
  let best: Box | null = null;
  let bestCount = 0;
  for (let start = 0; start < map.length; start++) {
    if (seen[start] || !(map[start] >= cut)) continue;
    seen[start] = 1;
    stack[0] = start;
    let top = 1;
    let count = 0;
    let x0 = width, y0 = height, x1 = -1, y1 = -1;
    while (top > 0) {
      const i = stack[--top];
      const x = i % width;
      const y = (i - x) / width;
      count++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (
        let ny = Math.max(y - 1, 0);
        ny <= Math.min(y + 1, height - 1);
        ny++
      ) {
        for (
          let nx = Math.max(x - 1, 0);
          nx <= Math.min(x + 1, width - 1);
          nx++
        ) {
          const j = ny * width + nx;
          if (!seen[j] && map[j] >= cut) {
            seen[j] = 1;
            stack[top++] = j;
          }
        }
      }
    }
    if (count > bestCount) {
      bestCount = count;
      best = { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
    }
  }
  return best;
}
