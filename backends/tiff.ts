/**
 * camkit's own TIFF decoder: pure TypeScript, no dependencies and no Deno
 * APIs (Deflate uses the standard `DecompressionStream`), so it runs in
 * Deno, a browser and the single-file bundle alike.
 *
 * It reads the first image (IFD0) of a classic TIFF in either byte order:
 * 1-, 2-, 4-, 8- and 16-bit samples (16 bits are scaled to 8); grey
 * (BlackIsZero and WhiteIsZero), RGB and palette colour, with an alpha
 * extra sample (associated or unassociated); chunky or planar samples, in
 * strips or tiles; no compression, PackBits, LZW or Deflate, with or
 * without horizontal differencing (Predictor 2). Anything else (JPEG or fax
 * compression, CMYK, YCbCr, floating-point samples, BigTIFF) is refused with
 * a `RangeError` that names it and suggests converting the file to PNG;
 * corrupt or truncated files give a `SyntaxError`. Every offset and count is
 * checked against the file and every decompressor stops at the size the
 * directory promises, so no input crashes, hangs or exhausts memory.
 *
 * @module
 */
import { corrupt, readIfd, type TiffIfd, unsupported } from "./_tiff_ifd.ts";
import { chunkAt, chunkCount } from "./_tiff_chunks.ts";
import { readLayout, type TiffLayout } from "./_tiff_layout.ts";
import { decodeLzw, decodePackBits } from "./_tiff_lzw.ts";
import { finishColour, placeChunk, undoPredictor } from "./_tiff_pixels.ts";
import { checkImageSize } from "./_image_size.ts";
import type { RgbaImage } from "../core/types.ts";

/** Options for {@linkcode decodeTiff}. */
export interface DecodeTiffOptions {
  /** Name used in error messages (a path or "upload"). Default `"image"`. */
  name?: string;
  /** Largest side accepted, in pixels. Default 16384. */
  maxSide?: number;
  /** Largest image accepted, in pixels. Default 64 megapixels. */
  maxPixels?: number;
}

/**
 * Width and height of a TIFF from its first directory, without decoding
 * pixels; `undefined` when the header or directory cannot be read.
 *
 * @example
 * ```ts
 * import { tiffSize } from "./tiff.ts";
 * if (tiffSize(new TextEncoder().encode("II*\0 not a directory")) !== undefined) {
 *   throw new Error("a broken header has no size");
 * }
 * ```
 */
export function tiffSize(
  bytes: Uint8Array,
): { width: number; height: number } | undefined {
  try {
    const { width, height } = readIfd(bytes);
    return { width, height };
  } catch {
    return undefined;
  }
}

/**
 * Decodes the first image of a TIFF into RGBA pixels. Throws a
 * `SyntaxError` naming the image for a corrupt or truncated file, and a
 * `RangeError` for an image larger than the limits or one that uses
 * something this decoder does not read (the message names it).
 *
 * @example
 * ```ts
 * import { decodeTiff } from "./tiff.ts";
 * // A 2x1 RGB image: header, 6 pixel bytes at offset 8, then the directory.
 * const entries = [[256, 2], [257, 1], [258, 8], [262, 2], [273, 8], [277, 3], [279, 6]];
 * const bytes = new Uint8Array(14 + 2 + 12 * entries.length + 4);
 * const view = new DataView(bytes.buffer);
 * bytes.set([0x4d, 0x4d, 0, 42, 0, 0, 0, 14, 255, 0, 0, 0, 0, 255]);
 * view.setUint16(14, entries.length);
 * entries.forEach(([tag, value], i) => {
 *   view.setUint16(16 + 12 * i, tag);
 *   view.setUint16(18 + 12 * i, 3); // SHORT
 *   view.setUint32(20 + 12 * i, 1);
 *   view.setUint16(24 + 12 * i, value);
 * });
 * const image = await decodeTiff(bytes, { name: "red-blue.tif" });
 * if (image.data.join() !== "255,0,0,255,0,0,255,255") throw new Error(image.data.join());
 * ```
 */
export async function decodeTiff(
  bytes: Uint8Array,
  options: DecodeTiffOptions = {},
): Promise<RgbaImage> {
  const name = options.name ?? "image";
  let ifd: TiffIfd;
  try {
    ifd = readIfd(bytes);
  } catch (error) {
    throw named(error, name);
  }
  checkImageSize(ifd, { ...options, name });
  const { width, height } = ifd;
  try {
    const layout = readLayout(ifd);
    const out = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < chunkCount(layout); i++) {
      const chunk = chunkAt(layout, i, bytes.length);
      let raw = bytes.subarray(chunk.offset, chunk.offset + chunk.byteCount);
      if (layout.reversedBits) raw = raw.map((b) => REVERSED[b]);
      const what = `${layout.tiled ? "tile" : "strip"} ${i}`;
      const data = await decompress(raw, {
        layout,
        expected: chunk.rowBytes * chunk.rows,
        what,
      });
      if (layout.predictor === 2) undoPredictor(data, { layout, chunk });
      placeChunk(data, { layout, chunk, out });
    }
    finishColour(out, layout);
    return { width, height, data: out };
  } catch (error) {
    throw named(error, name);
  }
}

// Byte values with their bits in reverse order (FillOrder 2).
const REVERSED = Uint8Array.from({ length: 256 }, (_, b) => {
  let r = 0;
  for (let i = 0; i < 8; i++) r |= ((b >> i) & 1) << (7 - i);
  return r;
});

/** The decoder's error with the image's name and what to do. */
function named(error: unknown, name: string): Error {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError) {
    return new RangeError(
      `Cannot read TIFF image "${name}": it uses ${detail}, which camkit does not decode; convert it to PNG`,
    );
  }
  return new SyntaxError(
    `Cannot decode TIFF image "${name}": it is corrupt or truncated (${detail})`,
  );
}

/** Decompresses one strip or tile into exactly `expected` bytes. */
async function decompress(
  raw: Uint8Array,
  chunk: { layout: TiffLayout; expected: number; what: string },
): Promise<Uint8Array> {
  const { layout, expected, what } = chunk;
  try {
    switch (layout.compression) {
      case 1:
        if (raw.length < expected) {
          throw corrupt(`holds only ${raw.length} of its ${expected} bytes`);
        }
        return raw.slice(0, expected);
      case 5:
        return decodeLzw(raw, expected);
      case 32773:
        return decodePackBits(raw, expected);
      case 8:
      case 32946:
        return await inflate(raw, expected);
    }
  } catch (error) {
    if (error instanceof RangeError) throw error;
    throw corrupt(`${what}: ${error instanceof Error ? error.message : error}`);
  }
  throw unsupported(`Compression ${layout.compression}`);
}

/**
 * Inflates zlib data with the platform's `DecompressionStream`, stopping
 * once `expected` bytes have come (data after them, even junk, is ignored).
 */
async function inflate(
  raw: Uint8Array,
  expected: number,
): Promise<Uint8Array> {
  const out = new Uint8Array(expected);
  let pos = 0;
  const reader = new Blob([raw as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new DecompressionStream("deflate")).getReader();
  try {
    while (pos < expected) {
      const { done, value } = await reader.read();
      if (done) break;
      const n = Math.min(value.length, expected - pos);
      out.set(value.subarray(0, n), pos);
      pos += n;
    }
  } catch (error) {
    throw corrupt(
      `its Deflate data is invalid after ${pos} of ${expected} bytes (${
        error instanceof Error ? error.message : error
      })`,
    );
  } finally {
    reader.cancel().catch(() => {});
  }
  if (pos < expected) {
    throw corrupt(
      `its Deflate data ends after ${pos} of the ${expected} bytes it should hold`,
    );
  }
  return out;
}
