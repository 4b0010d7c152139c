/**
 * Decoding images: PNG and JPEG with imagescript's WebAssembly decoders
 * (not its native addon, which would need `--allow-ffi`), TIFF with camkit's
 * own decoder (`tiff.ts`), with size checks
 * before decoding so that a decompression bomb is refused instead of
 * exhausting memory. PNG encoding is in `png_encode.ts`.
 *
 * @module
 */
import { decodeWith } from "./image_codecs.ts";
import { decodeTiff, tiffSize } from "./tiff.ts";
import { checkImageSize } from "./_image_size.ts";
import type { RgbaImage } from "../core/types.ts";
export { encodePng } from "./png_encode.ts";
export { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from "./_image_size.ts";

/** Options for {@linkcode decodeImage}. */
export interface DecodeImageOptions {
  /** Name used in error messages (a path or "upload"). Default `"image"`. */
  name?: string;
}

function u16be(b: Uint8Array, i: number): number {
  return (b[i] << 8) | b[i + 1];
}
function u32be(b: Uint8Array, i: number): number {
  return ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
}

/** Format and size read from the header, without decoding pixels. */
export function sniffImage(
  bytes: Uint8Array,
): { format: string; width?: number; height?: number } | undefined {
  if (bytes.length >= 24 && u32be(bytes, 0) === 0x89504e47) {
    return { format: "PNG", width: u32be(bytes, 16), height: u32be(bytes, 20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    // Walk JPEG segments to the first start-of-frame marker.
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) {
        i++;
        continue;
      }
      const marker = bytes[i + 1];
      if (
        marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)
      ) {
        return {
          format: "JPEG",
          height: u16be(bytes, i + 5),
          width: u16be(bytes, i + 7),
        };
      }
      if (
        marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)
      ) {
        i += 2;
        continue;
      }
      i += 2 + u16be(bytes, i + 2);
    }
    return { format: "JPEG" };
  }
  if (
    bytes.length >= 4 &&
    ((bytes[0] === 0x49 && bytes[1] === 0x49) ||
      (bytes[0] === 0x4d && bytes[1] === 0x4d))
  ) {
    return { format: "TIFF", ...tiffSize(bytes) };
  }
  return undefined;
}

/**
 * Decodes a PNG, JPEG or TIFF into RGBA pixels.
 * Throws a `SyntaxError` naming the image when it is empty, not an image, or
 * truncated, and a `RangeError` when it is larger than 16384 pixels a side or
 * 64 megapixels, or is a TIFF that uses a feature camkit does not decode
 * (JPEG or fax compression, CMYK, floating point: the message names it).
 *
 * @example
 * ```ts
 * import { decodeImage, encodePng } from "./image_io.ts";
 * const png = await encodePng({ width: 1, height: 1, data: new Uint8ClampedArray([255, 0, 0, 255]) });
 * const image = await decodeImage(png);
 * if (image.width !== 1 || image.data[0] !== 255) throw new Error("round trip failed");
 * ```
 */
export async function decodeImage(
  bytes: Uint8Array,
  options: DecodeImageOptions = {},
): Promise<RgbaImage> {
  const name = options.name ?? "image";
  if (bytes.length === 0) {
    throw new SyntaxError(`Cannot read image "${name}": the file is empty`);
  }
  const sniff = sniffImage(bytes);
  if (sniff === undefined) {
    throw new SyntaxError(
      `Cannot read image "${name}": it is not a PNG, JPEG or TIFF file`,
    );
  }
  const { width, height } = sniff;
  if (width !== undefined && height !== undefined) {
    checkImageSize({ width, height }, { name });
  }
  if (width === 0 || height === 0) {
    throw new SyntaxError(
      `Cannot read image "${name}": it has no pixels (${width}x${height})`,
    );
  }
  let image: RgbaImage;
  try {
    image = await decodePixels(sniff.format, bytes, name);
  } catch (error) {
    if (sniff.format === "TIFF") throw error; // decodeTiff names the image
    throw new SyntaxError(
      `Cannot decode ${sniff.format} image "${name}": it is corrupt or truncated (${
        error instanceof Error ? error.message : error
      })`,
    );
  }
  if (image.width * image.height * 4 !== image.data.length) {
    throw new SyntaxError(`Cannot decode ${sniff.format} image "${name}"`);
  }
  return image;
}

async function decodePixels(
  format: string,
  bytes: Uint8Array,
  name: string,
): Promise<RgbaImage> {
  if (format === "PNG") {
    const { width, height, buffer } = await decodeWith("png", bytes);
    return { width, height, data: new Uint8ClampedArray(buffer.buffer) };
  }
  if (format === "TIFF") return await decodeTiff(bytes, { name });
  const frame = await decodeWith("jpeg", bytes);
  const { width, height, buffer } = frame;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    let [r, g, b] = [buffer[i], buffer[i], buffer[i]];
    if (frame.format === 1) [r, g, b] = buffer.subarray(i * 3, i * 3 + 3);
    if (frame.format === 2) {
      const k = 1 - buffer[i * 4 + 3] / 255;
      [r, g, b] = [0, 1, 2].map((c) => 255 * (1 - buffer[i * 4 + c] / 255) * k);
    }
    data.set([r, g, b, 255], i * 4);
  }
  return { width, height, data };
}
