/**
 * The pointing game on images with several objects: the map of one object's
 * class must peak on *that* object, not on another one. This is how camkit
 * checks class-discriminativeness (the Grad-CAM paper's claim) on its
 * two-object test scenes.
 *
 * @module
 */
import type { HeatMap, ObjectRegion } from "./types.ts";
import { checkHeatMap, checkObject, checkTolerance } from "./_checks.ts";
import { distanceToObject } from "./_distance.ts";
import { positivePeak } from "./pointing_game.ts";
import type { PointingResult } from "./pointing_game.ts";

/** Options for {@linkcode objectPointing}. */
export interface ObjectPointingOptions {
  /** Index in `objects` of the object whose class the map explains. */
  target: number;
  /** As in {@linkcode pointingGame}: pixels of slack. Default `15`. */
  tolerance?: number;
}

/** The outcome of {@linkcode objectPointing}. */
export interface ObjectPointingResult extends PointingResult {
  /** Index of the object nearest to the peak (`-1` without a peak). */
  readonly nearest: number;
}

/**
 * Whether the map's peak falls on the target object rather than on any
 * other: a hit when the peak is within `tolerance` of the target (mask, else
 * box) and strictly nearer to it than to every other object, or on the
 * target itself (distance 0, which decides ties between overlapping boxes).
 *
 * @example
 * ```ts
 * import { objectPointing } from "./object_pointing.ts";
 * const data = new Float32Array(60 * 20);
 * data[10 * 60 + 45] = 1; // peak at (45, 10)
 * const map = { width: 60, height: 20, data };
 * const objects = [
 *   { box: { x: 2, y: 5, width: 10, height: 10 } },
 *   { box: { x: 40, y: 5, width: 10, height: 10 } },
 * ];
 * if (objectPointing(map, objects, { target: 0 }).hit) throw new Error();
 * if (!objectPointing(map, objects, { target: 1 }).hit) throw new Error();
 * ```
 */
export function objectPointing(
  map: HeatMap,
  objects: readonly ObjectRegion[],
  options: ObjectPointingOptions,
): ObjectPointingResult {
  const { target } = options;
  if (!Number.isInteger(target) || target < 0 || target >= objects.length) {
    throw new RangeError(
      `Invalid target object ${target}: use an index from 0 to ${
        objects.length - 1
      }`,
    );
  }
  const tolerance = checkTolerance(options.tolerance);
  checkHeatMap(map);
  for (const object of objects) checkObject(object, map);
  const at = positivePeak(map);
  if (at === null) {
    return { hit: false, peak: null, distance: Infinity, nearest: -1 };
  }
  const distances = objects.map((o) => distanceToObject(at, o, map.width));
  const nearest = distances.indexOf(Math.min(...distances));
  const own = distances[target];
  const nearer = distances.every((d, i) => i === target || own < d);
  return {
    hit: own <= tolerance && (own === 0 || nearer),
    peak: at,
    distance: own,
    nearest,
  };
}
