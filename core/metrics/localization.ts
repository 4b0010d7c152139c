/**
 * Weakly supervised localisation as in the CAM paper (Zhou et al., CVPR
 * 2016, §3): box the largest connected region of the map above 20 % of its
 * maximum, and count it correct when its intersection over union with the
 * ground-truth box is at least 0.5.
 *
 * @module
 */
import type { Box } from "../types.ts";
import { boundingBox } from "../localize.ts";
import type { HeatMap } from "./types.ts";
import { checkBox, checkHeatMap } from "./_checks.ts";

/**
 * Intersection over union of two pixel boxes (each covers `width × height`
 * whole pixels from its top-left `x`, `y`), in [0, 1].
 *
 * @example
 * ```ts
 * import { iou } from "./localization.ts";
 * const a = { x: 0, y: 0, width: 4, height: 4 };
 * const b = { x: 2, y: 0, width: 4, height: 4 }; // overlap 2×4 = 8, union 24
 * if (iou(a, b) !== 8 / 24) throw new Error(String(iou(a, b)));
 * ```
 */
export function iou(a: Box, b: Box): number {
  checkBox(a, "box");
  checkBox(b, "box");
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  const inter = w > 0 && h > 0 ? w * h : 0;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/** Options for {@linkcode localization}. */
export interface LocalizationOptions {
  /** Pixels ≥ threshold × max form the region. Default `0.2` (the CAM paper). */
  threshold?: number;
  /** IoU needed for a correct localisation. Default `0.5`. */
  minIou?: number;
}

/** The outcome of {@linkcode localization}. */
export interface LocalizationResult {
  /** The map's box, `null` for a map with no value above zero. */
  readonly box: Box | null;
  /** Its IoU with the true box (0 without a box). */
  readonly iou: number;
  /** `iou ≥ minIou`. */
  readonly hit: boolean;
}

/**
 * Boxes the map's hottest region (core's `boundingBox`: the largest
 * 8-connected region ≥ threshold·max) and compares it with the true box.
 *
 * @example
 * ```ts
 * import { localization } from "./localization.ts";
 * const data = new Float32Array(8 * 8);
 * for (let y = 2; y < 5; y++) for (let x = 1; x < 6; x++) data[y * 8 + x] = 1;
 * const result = localization({ width: 8, height: 8, data }, { x: 1, y: 2, width: 5, height: 3 });
 * if (result.iou !== 1 || !result.hit) throw new Error(JSON.stringify(result));
 * ```
 */
export function localization(
  map: HeatMap,
  truth: Box,
  options: LocalizationOptions = {},
): LocalizationResult {
  const minIou = options.minIou ?? 0.5;
  if (!(minIou >= 0 && minIou <= 1)) {
    throw new RangeError(
      `Invalid minimum IoU ${minIou}: use a number from 0 to 1`,
    );
  }
  checkHeatMap(map);
  checkBox(truth, "true box");
  const box = boundingBox(map.data, map, { threshold: options.threshold });
  const overlap = box ? iou(box, truth) : 0;
  return { box, iou: overlap, hit: box !== null && overlap >= minIou };
}
