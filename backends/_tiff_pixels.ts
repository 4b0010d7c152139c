/**
 * From decompressed strips and tiles to RGBA: undoing the horizontal
 * predictor, unpacking 1- to 16-bit samples into the output's channels, and
 * the colour model (grey, inverted grey, palette, premultiplied alpha).
 * Part of `tiff.ts`.
 *
 * @module
 */
import type { TiffChunk } from "./_tiff_chunks.ts";
import type { TiffLayout } from "./_tiff_layout.ts";

/**
 * Undoes horizontal differencing (Predictor 2) in place, on 8- or 16-bit
 * samples: each sample was stored as its difference from the same sample of
 * the pixel to its left.
 *
 * @example
 * ```ts
 * import { undoPredictor } from "./_tiff_pixels.ts";
 * const layout = { bits: 8, planar: false, samplesPerPixel: 1, littleEndian: true };
 * const row = new Uint8Array([10, 1, 1, 255]);
 * const chunk = { rows: 1, cols: 4, rowBytes: 4 };
 * undoPredictor(row, { layout, chunk });
 * if (row.join() !== "10,11,12,11") throw new Error(row.join());
 * ```
 */
export function undoPredictor(
  data: Uint8Array,
  where: {
    layout: Pick<
      TiffLayout,
      "bits" | "planar" | "samplesPerPixel" | "littleEndian"
    >;
    chunk: Pick<TiffChunk, "rows" | "cols" | "rowBytes">;
  },
): void {
  const { layout, chunk } = where;
  const step = layout.planar ? 1 : layout.samplesPerPixel;
  const samples = chunk.cols * step;
  for (let r = 0; r < chunk.rows; r++) {
    const base = r * chunk.rowBytes;
    if (layout.bits === 8) {
      for (let i = base + step; i < base + samples; i++) {
        data[i] += data[i - step];
      }
    } else {
      const view = new DataView(
        data.buffer,
        data.byteOffset + base,
        2 * samples,
      );
      const le = layout.littleEndian;
      for (let i = step; i < samples; i++) {
        const sum = view.getUint16(2 * i, le) +
          view.getUint16(2 * (i - step), le);
        view.setUint16(2 * i, sum & 0xffff, le);
      }
    }
  }
}

/**
 * Where each sample of a pixel goes in RGBA: grey and palette index to 0,
 * RGB to 0–2, alpha to 3, other extra samples nowhere (-1).
 */
function destinations(layout: TiffLayout): Int8Array {
  const dest = new Int8Array(layout.samplesPerPixel).fill(-1);
  for (let c = 0; c < layout.colorChannels; c++) dest[c] = c;
  if (layout.alpha !== 0) dest[layout.colorChannels] = 3;
  return dest;
}

type SampleReader = (data: Uint8Array, at: number, index: number) => number;

/** Reads sample `index` of a row starting at byte `at`, scaled to 8 bits. */
function sampleReader(layout: TiffLayout): SampleReader {
  const { bits, littleEndian } = layout;
  if (bits === 8) return (data, at, i) => data[at + i];
  if (bits === 16) {
    const [hi, lo] = littleEndian ? [1, 0] : [0, 1];
    return (data, at, i) =>
      Math.round(((data[at + 2 * i + hi] << 8) | data[at + 2 * i + lo]) / 257);
  }
  const max = (1 << bits) - 1;
  // Palette indices stay as they are; grey levels stretch to 0–255.
  const scale = Uint8Array.from(
    { length: max + 1 },
    (_, v) => layout.photometric === 3 ? v : Math.round(v * 255 / max),
  );
  return (data, at, i) => {
    const bit = i * bits;
    return scale[(data[at + (bit >>> 3)] >>> (8 - bits - (bit & 7))) & max];
  };
}

/**
 * Copies a decompressed strip or tile into the RGBA output, sample by
 * sample (scaled to 8 bits; palette indices as they are). Pixels of a tile
 * that overhang the image are skipped.
 *
 * @example
 * ```ts
 * import { placeChunk } from "./_tiff_pixels.ts";
 * import type { TiffChunk } from "./_tiff_chunks.ts";
 * import type { TiffLayout } from "./_tiff_layout.ts";
 * const layout = {
 *   width: 2, height: 1, bits: 8, samplesPerPixel: 3, colorChannels: 3,
 *   alpha: 0, planar: false, photometric: 2,
 * } as unknown as TiffLayout;
 * const chunk = { x: 0, y: 0, cols: 2, rows: 1, rowBytes: 6, plane: 0 } as TiffChunk;
 * const out = new Uint8ClampedArray(8);
 * placeChunk(new Uint8Array([1, 2, 3, 4, 5, 6]), { layout, chunk, out });
 * if (out.join() !== "1,2,3,0,4,5,6,0") throw new Error(out.join());
 * ```
 */
export function placeChunk(
  data: Uint8Array,
  where: { layout: TiffLayout; chunk: TiffChunk; out: Uint8ClampedArray },
): void {
  const { layout, chunk, out } = where;
  const dest = destinations(layout);
  const read = sampleReader(layout);
  const step = layout.planar ? 1 : layout.samplesPerPixel;
  const cols = Math.min(chunk.cols, layout.width - chunk.x);
  const rows = Math.min(chunk.rows, layout.height - chunk.y);
  for (let s = 0; s < step; s++) {
    const channel = dest[layout.planar ? chunk.plane : s];
    if (channel < 0) continue;
    for (let r = 0; r < rows; r++) {
      const at = r * chunk.rowBytes;
      let o = ((chunk.y + r) * layout.width + chunk.x) * 4 + channel;
      for (let c = 0; c < cols; c++, o += 4) {
        out[o] = read(data, at, c * step + s);
      }
    }
  }
}

/**
 * Turns the placed samples into RGBA: grey (inverted for WhiteIsZero) and
 * palette colours spread to R, G and B; alpha is opaque when the image has
 * none and un-premultiplied when it is associated.
 *
 * @example
 * ```ts
 * import { finishColour } from "./_tiff_pixels.ts";
 * import type { TiffLayout } from "./_tiff_layout.ts";
 * const layout = { photometric: 0, alpha: 0 } as TiffLayout; // WhiteIsZero
 * const out = new Uint8ClampedArray([0, 0, 0, 0, 200, 0, 0, 0]);
 * finishColour(out, layout);
 * if (out.join() !== "255,255,255,255,55,55,55,255") throw new Error(out.join());
 * ```
 */
export function finishColour(out: Uint8ClampedArray, layout: TiffLayout): void {
  const { photometric, alpha, colorMap } = layout;
  let palette: Uint8Array | undefined;
  if (colorMap !== undefined) {
    // 16-bit entries: the high byte is exact whether the writer scaled by
    // 257 or 256. Some writers store 8-bit values; take those as they are.
    const shift = colorMap.every((v) => v < 256) ? 0 : 8;
    palette = Uint8Array.from(colorMap, (v) => v >> shift);
  }
  const n = (palette?.length ?? 0) / 3;
  for (let i = 0; i < out.length; i += 4) {
    if (photometric < 2) {
      const grey = photometric === 0 ? 255 - out[i] : out[i];
      out[i] = out[i + 1] = out[i + 2] = grey;
    } else if (palette !== undefined) {
      const index = out[i];
      out[i] = palette[index];
      out[i + 1] = palette[n + index];
      out[i + 2] = palette[2 * n + index];
    }
    if (alpha === 0) out[i + 3] = 255;
    else if (alpha === 1 && out[i + 3] > 0 && out[i + 3] < 255) {
      const a = out[i + 3];
      for (let c = i; c < i + 3; c++) out[c] = out[c] * 255 / a;
    }
  }
}
