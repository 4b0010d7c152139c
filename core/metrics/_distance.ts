/**
 * Distances from a pixel to an object (its mask, or its box).
 *
 * @module
 */
import type { Box, Point } from "../types.ts";
import type { ObjectRegion } from "./types.ts";

/**
 * Euclidean distance in pixels from `point` to the nearest pixel of `box`
 * (0 inside it).
 *
 * @example
 * ```ts
 * import { distanceToBox } from "./_distance.ts";
 * const d = distanceToBox({ x: 13, y: 4 }, { x: 0, y: 0, width: 10, height: 10 });
 * if (d !== 4) throw new Error(String(d));
 * ```
 */
export function distanceToBox(point: Point, box: Box): number {
  const dx = Math.max(box.x - point.x, 0, point.x - (box.x + box.width - 1));
  const dy = Math.max(box.y - point.y, 0, point.y - (box.y + box.height - 1));
  return Math.hypot(dx, dy);
}

/**
 * Euclidean distance in pixels from `point` to the nearest pixel of the
 * object: of its mask when it has one (`width` = the mask's row length),
 * else of its box. An empty mask is infinitely far.
 *
 * @example
 * ```ts
 * import { distanceToObject } from "./_distance.ts";
 * const mask = new Uint8Array([0, 0, 0, 1]); // 2×2, bottom-right pixel
 * const object = { box: { x: 1, y: 1, width: 1, height: 1 }, mask };
 * if (distanceToObject({ x: 0, y: 0 }, object, 2) !== Math.SQRT2) throw new Error();
 * ```
 */
export function distanceToObject(
  point: Point,
  object: ObjectRegion,
  width: number,
): number {
  const { mask } = object;
  if (!mask) return distanceToBox(point, object.box);
  if (mask[point.y * width + point.x]) return 0;
  let best = Infinity;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const x = i % width;
    const d = Math.hypot(x - point.x, (i - x) / width - point.y);
    if (d < best) best = d;
  }
  return best;
}
