/**
 * The pointing game (Zhang et al., "Top-down Neural Attention by Excitation
 * Backprop", ECCV 2016): a map scores a hit when its maximum lies on the
 * object, counting points within 15 pixels of it as hits to allow for the
 * coarse resolution of the maps.
 *
 * @module
 */
import type { Point } from "../types.ts";
import { peak } from "../localize.ts";
import type { HeatMap, ObjectRegion } from "./types.ts";
import { checkHeatMap, checkObject, checkTolerance } from "./_checks.ts";
import { distanceToObject } from "./_distance.ts";

/** Options for {@linkcode pointingGame}. */
export interface PointingGameOptions {
  /**
   * A peak at most this many pixels (Euclidean) from the object still
   * counts as a hit. Default `15`, Zhang et al.'s tolerance; `0` demands the
   * peak be on the object.
   */
  tolerance?: number;
}

/** The outcome of one pointing-game trial. */
export interface PointingResult {
  /** Whether the peak is on the object or within the tolerance of it. */
  readonly hit: boolean;
  /** The map's maximum (first in row-major order on ties); `null` for a map with no positive value. */
  readonly peak: Point | null;
  /** Pixels from the peak to the nearest object pixel (0 on it; `Infinity` without a peak). */
  readonly distance: number;
}

/**
 * Plays one trial of the pointing game: finds the map's peak and measures
 * its distance to the object (to its mask when it has one, else to its
 * box). A map with no value above zero points nowhere and is a miss.
 *
 * @example
 * ```ts
 * import { pointingGame } from "./pointing_game.ts";
 * const data = new Float32Array(40 * 40);
 * data[5 * 40 + 30] = 1; // hot pixel at (30, 5)
 * const map = { width: 40, height: 40, data };
 * const object = { box: { x: 10, y: 5, width: 10, height: 10 } }; // columns 10..19
 * const near = pointingGame(map, object); // 11 px away: within 15
 * const strict = pointingGame(map, object, { tolerance: 0 });
 * if (!near.hit || strict.hit || near.distance !== 11) throw new Error();
 * ```
 */
export function pointingGame(
  map: HeatMap,
  object: ObjectRegion,
  options: PointingGameOptions = {},
): PointingResult {
  const tolerance = checkTolerance(options.tolerance);
  checkHeatMap(map);
  checkObject(object, map);
  const at = positivePeak(map);
  if (at === null) return { hit: false, peak: null, distance: Infinity };
  const distance = distanceToObject(at, object, map.width);
  return { hit: distance <= tolerance, peak: at, distance };
}

/**
 * The map's maximum, or `null` when no value is above zero (or a value is
 * not a number).
 *
 * @example
 * ```ts
 * import { positivePeak } from "./pointing_game.ts";
 * const map = { width: 2, height: 1, data: new Float32Array([0, 0]) };
 * if (positivePeak(map) !== null) throw new Error();
 * ```
 */
export function positivePeak(map: HeatMap): Point | null {
  const at = peak(map.data, map);
  const value = map.data[at.y * map.width + at.x];
  return value > 0 && Number.isFinite(value) ? at : null;
}
