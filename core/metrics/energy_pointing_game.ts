/**
 * The energy-based pointing game (Wang et al., "Score-CAM", CVPR Workshops
 * 2020, §4.2): the share of the map's energy that falls inside the object's
 * bounding box, Σ_{in box} L / Σ L. Unlike the pointing game it looks at the
 * whole map, not only its maximum.
 *
 * @module
 */
import type { Box } from "../types.ts";
import type { HeatMap } from "./types.ts";
import { checkBox, checkHeatMap } from "./_checks.ts";

/**
 * The fraction of the map's total value inside `box` (clipped to the map), in
 * [0, 1]. Negative values count as 0 (energy is never negative); a map with
 * no energy scores 0. A uniform map scores box area / image area.
 *
 * @example
 * ```ts
 * import { energyPointingGame } from "./energy_pointing_game.ts";
 * const map = { width: 10, height: 10, data: new Float32Array(100).fill(0.3) };
 * const share = energyPointingGame(map, { x: 0, y: 0, width: 5, height: 4 });
 * if (Math.abs(share - 0.2) > 1e-9) throw new Error(String(share));
 * ```
 */
export function energyPointingGame(map: HeatMap, box: Box): number {
  checkHeatMap(map);
  checkBox(box, "object box");
  const { width, height, data } = map;
  const x1 = Math.min(box.x + box.width, width);
  const y1 = Math.min(box.y + box.height, height);
  let inside = 0, total = 0;
  for (let y = 0; y < height; y++) {
    const inRows = y >= box.y && y < y1;
    for (let x = 0; x < width; x++) {
      const v = data[y * width + x];
      if (!(v > 0)) continue;
      total += v;
      if (inRows && x >= box.x && x < x1) inside += v;
    }
  }
  return total > 0 ? inside / total : 0;
}
