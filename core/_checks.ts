/**
 * Argument checks shared by the pixel-space functions of `core/`.
 *
 * @module
 */
import type { RgbaImage, Size } from "./types.ts";

/**
 * Throws a `RangeError` unless `size` has positive integer width and height.
 *
 * @example
 * ```ts
 * import { checkSize } from "./_checks.ts";
 * checkSize({ width: 2, height: 3 }, "map");
 * ```
 */
export function checkSize(size: Size, what: string): void {
  const { width, height } = size;
  if (
    !Number.isInteger(width) || width < 1 ||
    !Number.isInteger(height) || height < 1
  ) {
    throw new RangeError(
      `Invalid ${what} size ${width}×${height}: width and height must be positive integers`,
    );
  }
}

/**
 * Throws a `RangeError` naming `what` unless `value` is a whole number from
 * `min` to `max`.
 *
 * @example
 * ```ts
 * import { checkWholeNumber } from "./_checks.ts";
 * checkWholeNumber(3, [1, 16], "Text scale");
 * ```
 */
export function checkWholeNumber(
  value: number,
  [min, max]: readonly [number, number],
  what: string,
): void {
  if (!(Number.isInteger(value) && value >= min && value <= max)) {
    throw new RangeError(
      `${what} ${value} is out of range: use a whole number from ${min} to ${max}`,
    );
  }
}

/**
 * Throws unless `values` has one value per pixel of `size`: a `RangeError`
 * for a bad size, a `TypeError` for a wrong length.
 *
 * @example
 * ```ts
 * import { checkLength } from "./_checks.ts";
 * checkLength(new Float32Array(6), { width: 2, height: 3 }, "map");
 * ```
 */
export function checkLength(
  values: ArrayLike<number>,
  size: Size,
  what: string,
): void {
  checkSize(size, what);
  const { width, height } = size;
  if (values.length !== width * height) {
    throw new TypeError(
      `The ${what} has ${values.length} values but ${width}×${height} needs ${
        width * height
      }: pass one value per pixel, row by row`,
    );
  }
}

/**
 * Throws unless `image` is a well-formed RGBA image (4 bytes per pixel).
 *
 * @example
 * ```ts
 * import { checkImage } from "./_checks.ts";
 * checkImage({ width: 1, height: 1, data: new Uint8ClampedArray(4) }, "image");
 * ```
 */
export function checkImage(image: RgbaImage, what: string): void {
  checkSize(image, what);
  const { width, height, data } = image;
  if (data.length !== width * height * 4) {
    throw new TypeError(
      `The ${what} has ${data.length} bytes but ${width}×${height} RGBA needs ${
        width * height * 4
      }: pass 4 bytes (R, G, B, A) per pixel`,
    );
  }
}
