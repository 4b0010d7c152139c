/**
 * Hand-made maps and images for the metric tests.
 *
 * @module
 */
import type { RgbaImage } from "../types.ts";
import type { ClassScorer, HeatMap } from "./types.ts";

/**
 * A `width`×`height` map that is zero except the given pixels.
 *
 * @example
 * ```ts
 * import { hotPixels } from "./_test_maps.ts";
 * const map = hotPixels(3, 2, [[2, 1, 0.5]]);
 * if (map.data[5] !== 0.5) throw new Error();
 * ```
 */
export function hotPixels(
  width: number,
  height: number,
  pixels: readonly (readonly [number, number, number?])[],
): HeatMap {
  const data = new Float32Array(width * height);
  for (const [x, y, v = 1] of pixels) data[y * width + x] = v;
  return { width, height, data };
}

/**
 * A 10×10 image: a red 4×4 object at (2, 3)..(5, 6) on blue.
 *
 * @example
 * ```ts
 * import { objectImage } from "./_test_maps.ts";
 * if (objectImage().data[(3 * 10 + 2) * 4] !== 255) throw new Error();
 * ```
 */
export function objectImage(): RgbaImage {
  const data = new Uint8ClampedArray(10 * 10 * 4);
  for (let p = 0; p < 100; p++) {
    const x = p % 10, y = Math.floor(p / 10);
    const inside = x >= 2 && x < 6 && y >= 3 && y < 7;
    data.set(inside ? [255, 0, 0, 255] : [0, 0, 255, 255], p * 4);
  }
  return { width: 10, height: 10, data };
}

/** The object of {@linkcode objectImage}. */
export const OBJECT_BOX = { x: 2, y: 3, width: 4, height: 4 } as const;

/**
 * A fake model for {@linkcode objectImage}: the score is the fraction of the
 * object's 16 pixels that are exactly the original red. Records each call's
 * batch size in `calls`.
 *
 * @example
 * ```ts
 * import { objectImage, objectScorer } from "./_test_maps.ts";
 * const { scorer } = objectScorer();
 * const scores = await scorer([objectImage()], [0]);
 * if (scores[0] !== 1) throw new Error();
 * ```
 */
export function objectScorer(): { scorer: ClassScorer; calls: number[] } {
  const calls: number[] = [];
  const scorer: ClassScorer = (images) => {
    calls.push(images.length);
    return Promise.resolve(images.map((image) => {
      let kept = 0;
      for (let y = 3; y < 7; y++) {
        for (let x = 2; x < 6; x++) {
          const i = (y * 10 + x) * 4;
          const d = image.data;
          if (d[i] === 255 && d[i + 1] === 0 && d[i + 2] === 0) kept++;
        }
      }
      return kept / 16;
    }));
  };
  return { scorer, calls };
}

/**
 * A 10×10 map equal to `inside` on the object and `outside` elsewhere.
 *
 * @example
 * ```ts
 * import { objectMap } from "./_test_maps.ts";
 * if (objectMap(1, 0)[32] !== 1) throw new Error();
 * ```
 */
export function objectMap(inside: number, outside: number): Float32Array {
  const map = new Float32Array(100).fill(outside);
  for (let y = 3; y < 7; y++) map.fill(inside, y * 10 + 2, y * 10 + 6);
  return map;
}
