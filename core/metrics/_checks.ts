/**
 * Argument checks shared by the metrics.
 *
 * @module
 */
import type { Box, RgbaImage } from "../types.ts";
import { checkLength } from "../_checks.ts";
import type { ExplainedSample, HeatMap, ObjectRegion } from "./types.ts";

/**
 * Throws unless `map` has positive integer sides (a `RangeError`) and one
 * value per pixel (a `TypeError`): core's `checkLength` for a heat map.
 *
 * @example
 * ```ts
 * import { checkHeatMap } from "./_checks.ts";
 * checkHeatMap({ width: 2, height: 1, data: new Float32Array(2) });
 * ```
 */
export function checkHeatMap(map: HeatMap): void {
  checkLength(map.data, map, "heat map");
}

/**
 * The pointing games' tolerance, default `15` (Zhang et al.); throws a
 * `RangeError` unless it is a number of pixels ≥ 0.
 *
 * @example
 * ```ts
 * import { checkTolerance } from "./_checks.ts";
 * if (checkTolerance(undefined) !== 15 || checkTolerance(0) !== 0) throw new Error();
 * ```
 */
export function checkTolerance(tolerance: number | undefined): number {
  const pixels = tolerance ?? 15;
  if (!(pixels >= 0)) {
    throw new RangeError(
      `Invalid pointing tolerance ${pixels}: use a number of pixels ≥ 0`,
    );
  }
  return pixels;
}

/**
 * A Gaussian blur's σ, default `5`; throws a `RangeError` unless it is a
 * number of pixels from 0 to 1000.
 *
 * @example
 * ```ts
 * import { checkSigma } from "./_checks.ts";
 * if (checkSigma(undefined) !== 5 || checkSigma(0) !== 0) throw new Error();
 * ```
 */
export function checkSigma(sigma: number | undefined): number {
  const pixels = sigma ?? 5;
  if (!(pixels >= 0 && pixels <= 1000)) {
    throw new RangeError(
      `Invalid blur sigma ${pixels}: use a number of pixels from 0 to 1000`,
    );
  }
  return pixels;
}

/**
 * Throws a `RangeError` unless `box` has integer `x`, `y` ≥ 0 and `width`,
 * `height` ≥ 1.
 *
 * @example
 * ```ts
 * import { checkBox } from "./_checks.ts";
 * checkBox({ x: 0, y: 0, width: 1, height: 1 }, "box");
 * ```
 */
export function checkBox(box: Box, what: string): void {
  const ok = [box.x, box.y, box.width, box.height].every(Number.isInteger) &&
    box.x >= 0 && box.y >= 0 && box.width >= 1 && box.height >= 1;
  if (!ok) {
    throw new RangeError(
      `Invalid ${what} ${
        JSON.stringify(box)
      }: use whole pixels with x, y ≥ 0 and width, height ≥ 1`,
    );
  }
}

/**
 * Throws unless `object`'s box is valid and its mask (if any) has one byte
 * per pixel of `map`.
 *
 * @example
 * ```ts
 * import { checkObject } from "./_checks.ts";
 * const map = { width: 2, height: 2, data: new Float32Array(4) };
 * checkObject({ box: { x: 0, y: 0, width: 1, height: 1 } }, map);
 * ```
 */
export function checkObject(object: ObjectRegion, map: HeatMap): void {
  checkBox(object.box, "object box");
  if (object.mask && object.mask.length !== map.width * map.height) {
    throw new TypeError(
      `The object mask has ${object.mask.length} values but the ${map.width}×${map.height} map needs ${
        map.width * map.height
      }: give the mask at the image's size`,
    );
  }
}

/**
 * Throws unless the sample's image is well formed, its map has one value
 * per pixel and its class is a non-negative integer.
 *
 * @example
 * ```ts
 * import { checkSample } from "./_checks.ts";
 * const image = { width: 1, height: 1, data: new Uint8ClampedArray(4) };
 * checkSample({ image, classIndex: 0, map: new Float32Array(1) });
 * ```
 */
export function checkSample(sample: ExplainedSample): void {
  checkImage(sample.image);
  const { width, height } = sample.image;
  if (sample.map.length !== width * height) {
    throw new TypeError(
      `The map has ${sample.map.length} values but its ${width}×${height} image needs ${
        width * height
      }: give the map at the image's size`,
    );
  }
  if (!Number.isInteger(sample.classIndex) || sample.classIndex < 0) {
    throw new RangeError(
      `Invalid class index ${sample.classIndex}: use a whole number ≥ 0`,
    );
  }
}

/**
 * Throws unless `image` has positive integer sides and 4 bytes per pixel.
 *
 * @example
 * ```ts
 * import { checkImage } from "./_checks.ts";
 * checkImage({ width: 1, height: 1, data: new Uint8ClampedArray(4) });
 * ```
 */
export function checkImage(image: RgbaImage): void {
  const { width, height, data } = image;
  if (
    !Number.isInteger(width) || width < 1 || !Number.isInteger(height) ||
    height < 1 || data.length !== width * height * 4
  ) {
    throw new TypeError(
      `Invalid image: ${width}×${height} with ${data.length} bytes; an RGBA image needs width·height·4 bytes`,
    );
  }
}
