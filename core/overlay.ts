/**
 * Heat maps as pictures: coloured and blended over the photo, or grey.
 *
 * @module
 */
import type { RgbaImage, Size } from "./types.ts";
import { checkImage, checkLength } from "./_checks.ts";
import { colorize, type ColormapName } from "./colormap.ts";

/** Options for {@linkcode overlay}. */
export interface OverlayOptions {
  /** Weight of the heat map in the blend, in [0, 1]. Default `0.5`. */
  alpha?: number;
  /** Colormap of the heat map. Default `"jet"`. */
  colormap?: ColormapName;
}

/**
 * Blends a coloured heat map over an image: out = (1 − α)·image + α·colour
 * per RGB channel, alpha channel 255. `map` has one value in [0, 1] per image
 * pixel (`TypeError` otherwise); `alpha` outside [0, 1] is a `RangeError`.
 *
 * @example
 * ```ts
 * import { overlay } from "./overlay.ts";
 * const image = { width: 1, height: 1, data: new Uint8ClampedArray([100, 100, 100, 255]) };
 * const out = overlay(image, new Float32Array([1]), { colormap: "gray" });
 * // 0.5·100 + 0.5·255 = 177.5, rounded to even by Uint8ClampedArray
 * if (out.data.join() !== "178,178,178,255") throw new Error(String(out.data));
 * ```
 */
export function overlay(
  image: RgbaImage,
  map: Float32Array,
  options: OverlayOptions = {},
): RgbaImage {
  const alpha = options.alpha ?? 0.5;
  if (!(alpha >= 0 && alpha <= 1)) {
    throw new RangeError(
      `Overlay alpha ${alpha} is out of range: use a value from 0 (image only) to 1 (heat map only)`,
    );
  }
  checkImage(image, "image");
  checkLength(map, image, "map");
  const colours = colorize(map, { colormap: options.colormap });
  const data = new Uint8ClampedArray(image.data.length);
  for (let p = 0; p < map.length; p++) {
    for (let c = 0; c < 3; c++) {
      data[p * 4 + c] = (1 - alpha) * image.data[p * 4 + c] +
        alpha * colours[p * 3 + c];
    }
    data[p * 4 + 3] = 255;
  }
  return { width: image.width, height: image.height, data };
}

/**
 * A map in [0, 1] as an opaque grey image (v·255, clamped), for heat map
 * files.
 *
 * @example
 * ```ts
 * import { grayscale } from "./overlay.ts";
 * const out = grayscale(new Float32Array([0, 0.5]), { width: 2, height: 1 });
 * if (out.data.join() !== "0,0,0,255,128,128,128,255") throw new Error(String(out.data));
 * ```
 */
export function grayscale(map: Float32Array, size: Size): RgbaImage {
  checkLength(map, size, "map");
  const data = new Uint8ClampedArray(map.length * 4);
  for (let p = 0; p < map.length; p++) {
    data.fill(map[p] * 255, p * 4, p * 4 + 3);
    data[p * 4 + 3] = 255;
  }
  return { width: size.width, height: size.height, data };
}
