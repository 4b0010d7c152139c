/**
 * The largest image camkit decodes, and the check against it, shared by
 * `image_io.ts` (from the header, before decoding any format) and `tiff.ts`
 * (before allocating pixels).
 *
 * @module
 */
import type { Size } from "../core/types.ts";

/**
 * Largest side accepted, in pixels.
 *
 * @example
 * ```ts
 * import { MAX_IMAGE_SIDE } from "./_image_size.ts";
 * if (20000 <= MAX_IMAGE_SIDE) throw new Error("a 20000 px side is refused");
 * ```
 */
export const MAX_IMAGE_SIDE = 16384;
/**
 * Largest image accepted, in pixels (64 megapixels).
 *
 * @example
 * ```ts
 * import { MAX_IMAGE_PIXELS } from "./_image_size.ts";
 * if (8000 * 8000 > MAX_IMAGE_PIXELS) throw new Error("64 MP are accepted");
 * ```
 */
export const MAX_IMAGE_PIXELS = 64 * 1024 * 1024;

/** Options for {@linkcode checkImageSize}. */
export interface ImageSizeOptions {
  /** Name used in the message (a path or "upload"). */
  name: string;
  /** Largest side accepted, in pixels. Default {@linkcode MAX_IMAGE_SIDE}. */
  maxSide?: number;
  /** Largest image accepted, in pixels. Default {@linkcode MAX_IMAGE_PIXELS}. */
  maxPixels?: number;
}

/**
 * Throws a `RangeError` naming the image when it is larger than the limits.
 *
 * @example
 * ```ts
 * import { checkImageSize } from "./_image_size.ts";
 * checkImageSize({ width: 640, height: 480 }, { name: "photo.png" });
 * let refused = false;
 * try {
 *   checkImageSize({ width: 20000, height: 10 }, { name: "wide.png" });
 * } catch (error) {
 *   refused = error instanceof RangeError;
 * }
 * if (!refused) throw new Error("a 20000 px side was accepted");
 * ```
 */
export function checkImageSize(size: Size, options: ImageSizeOptions): void {
  const { width, height } = size;
  const maxSide = options.maxSide ?? MAX_IMAGE_SIDE;
  const maxPixels = options.maxPixels ?? MAX_IMAGE_PIXELS;
  if (width > maxSide || height > maxSide || width * height > maxPixels) {
    throw new RangeError(
      `Image "${options.name}" is ${width}x${height} pixels: camkit reads images up to ` +
        `${maxSide} pixels a side and ${
          Math.round(maxPixels / 2 ** 20)
        } megapixels; downscale it first`,
    );
  }
}
