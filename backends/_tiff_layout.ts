/**
 * What a TIFF's first directory says about its pixels (sample layout,
 * colour model, compression, strips or tiles), checked for what camkit
 * decodes. Part of `tiff.ts`.
 *
 * @module
 */
import {
  corrupt,
  TAG,
  tagName,
  type TiffIfd,
  unsupported,
} from "./_tiff_ifd.ts";

/** Compression codes camkit decodes. */
export const SUPPORTED_COMPRESSION: ReadonlySet<number> = new Set([
  1, // none
  5, // LZW
  8, // Deflate (zlib)
  32773, // PackBits
  32946, // Deflate, the older code
]);

const COMPRESSION_NAMES: Record<number, string> = {
  2: "CCITT modified Huffman compression",
  3: "CCITT Group 3 fax compression",
  4: "CCITT Group 4 fax compression",
  6: "old-style JPEG compression",
  7: "JPEG compression",
  9: "JBIG compression",
  34661: "JBIG compression",
  34676: "SGI LogL compression",
  34677: "SGI LogLuv compression",
  34712: "JPEG 2000 compression",
  34887: "LERC compression",
  34925: "LZMA compression",
  50000: "Zstandard compression",
  50001: "WebP compression",
  52546: "JPEG XL compression",
};

const PHOTOMETRIC_NAMES: Record<number, string> = {
  4: "a transparency mask",
  5: "CMYK (separated) colour",
  6: "YCbCr colour",
  8: "CIE L*a*b* colour",
  9: "ICC L*a*b* colour",
  10: "ITU L*a*b* colour",
  32803: "colour filter array (raw camera) data",
  32844: "LogL colour",
  32845: "LogLuv colour",
  34892: "linear raw data",
};

/** How the samples of a TIFF make its pixels. */
export interface TiffLayout {
  readonly width: number;
  readonly height: number;
  readonly littleEndian: boolean;
  /** Bits per sample: 1, 2, 4, 8 or 16. */
  readonly bits: number;
  readonly samplesPerPixel: number;
  /** 0 WhiteIsZero, 1 BlackIsZero, 2 RGB, 3 palette. */
  readonly photometric: number;
  /** 1, 3 (RGB) or 1 (grey, palette index). */
  readonly colorChannels: number;
  /** The sample after the colour ones: 0 not alpha, 1 associated (premultiplied), 2 unassociated. */
  readonly alpha: number;
  /** Palette only: 3 × 2^bits 16-bit values (all reds, greens, blues). */
  readonly colorMap?: readonly number[];
  readonly compression: number;
  /** 1 none, 2 horizontal differencing. */
  readonly predictor: number;
  /** Each sample in its own plane (PlanarConfiguration 2). */
  readonly planar: boolean;
  /** FillOrder 2: bits of each byte stored lowest first. */
  readonly reversedBits: boolean;
  /** Strips are chunks as wide as the image. */
  readonly tiled: boolean;
  readonly chunkWidth: number;
  readonly chunkHeight: number;
  readonly chunksAcross: number;
  readonly chunksDown: number;
  readonly offsets: readonly number[];
  readonly byteCounts: readonly number[];
}

/**
 * Reads and checks the layout of IFD0. Throws a `RangeError` naming what
 * camkit does not decode, a `SyntaxError` for inconsistent tags.
 *
 * @example
 * ```ts
 * import { readIfd } from "./_tiff_ifd.ts";
 * import { readLayout } from "./_tiff_layout.ts";
 * // A 2x1 grey image, one uncompressed strip of 2 bytes at offset 8.
 * const entries = [[256, 2], [257, 1], [258, 8], [262, 1], [273, 8], [279, 2]];
 * const bytes = new Uint8Array(10 + 2 + 12 * entries.length + 4);
 * const view = new DataView(bytes.buffer);
 * bytes.set([0x49, 0x49, 42, 0, 10, 0, 0, 0, 7, 9]);
 * view.setUint16(10, entries.length, true);
 * entries.forEach(([tag, value], i) => {
 *   view.setUint16(12 + 12 * i, tag, true);
 *   view.setUint16(14 + 12 * i, 3, true);
 *   view.setUint32(16 + 12 * i, 1, true);
 *   view.setUint16(20 + 12 * i, value, true);
 * });
 * const layout = readLayout(readIfd(bytes));
 * if (layout.offsets[0] !== 8 || layout.chunkWidth !== 2) throw new Error();
 * ```
 */
export function readLayout(ifd: TiffIfd): TiffLayout {
  const { width, height } = ifd;
  const compression = ifd.int(TAG.compression, 1);
  if (!SUPPORTED_COMPRESSION.has(compression)) {
    throw unsupported(
      `${
        COMPRESSION_NAMES[compression] ?? "an unknown compression scheme"
      } (Compression ${compression})`,
    );
  }
  const samplesPerPixel = ifd.int(TAG.samplesPerPixel, 1);
  const photometric = ifd.int(
    TAG.photometricInterpretation,
    ifd.has(TAG.colorMap) ? 3 : samplesPerPixel >= 3 ? 2 : 1,
  );
  if (photometric > 3) {
    throw unsupported(
      `${
        PHOTOMETRIC_NAMES[photometric] ?? "an unknown colour model"
      } (PhotometricInterpretation ${photometric})`,
    );
  }
  for (const format of ifd.ints(TAG.sampleFormat) ?? [1]) {
    if (format === 1) continue;
    throw unsupported(
      format === 3
        ? "floating-point samples (SampleFormat 3)"
        : format === 2
        ? "signed integer samples (SampleFormat 2)"
        : `samples of SampleFormat ${format}`,
    );
  }
  const allBits = ifd.ints(TAG.bitsPerSample) ?? [1];
  const bits = allBits[0];
  if (allBits.some((b) => b !== bits)) {
    throw unsupported(
      `samples of different sizes (${allBits.join(", ")} bits)`,
    );
  }
  if (![1, 2, 4, 8, 16].includes(bits)) {
    throw unsupported(`${bits}-bit samples (camkit reads 1, 2, 4, 8 and 16)`);
  }
  if (photometric === 3 && bits > 8) {
    throw unsupported(`${bits}-bit palette indices`);
  }
  const colorChannels = photometric === 2 ? 3 : 1;
  if (samplesPerPixel < colorChannels || samplesPerPixel > 16) {
    throw corrupt(
      `${
        tagName(TAG.samplesPerPixel)
      } is ${samplesPerPixel}, which does not fit ${
        photometric === 2 ? "RGB" : "one colour sample"
      }`,
    );
  }
  const extra = samplesPerPixel > colorChannels
    ? ifd.ints(TAG.extraSamples)?.[0] ?? 0
    : 0;
  const predictor = ifd.int(TAG.predictor, 1);
  if (predictor === 3) {
    throw unsupported("the floating-point predictor (Predictor 3)");
  }
  if (predictor !== 1 && predictor !== 2) {
    throw unsupported(`Predictor ${predictor}`);
  }
  if (predictor === 2 && bits < 8) {
    throw unsupported(`horizontal differencing on ${bits}-bit samples`);
  }
  const planarConfiguration = ifd.int(TAG.planarConfiguration, 1);
  if (planarConfiguration !== 1 && planarConfiguration !== 2) {
    throw corrupt(
      `${
        tagName(TAG.planarConfiguration)
      } is ${planarConfiguration}, not 1 or 2`,
    );
  }
  const fillOrder = ifd.int(TAG.fillOrder, 1);
  if (fillOrder !== 1 && fillOrder !== 2) {
    throw corrupt(`${tagName(TAG.fillOrder)} is ${fillOrder}, not 1 or 2`);
  }
  let colorMap: number[] | undefined;
  if (photometric === 3) {
    colorMap = ifd.ints(TAG.colorMap, 3 << bits);
    if (colorMap === undefined) {
      throw corrupt(`the palette image lacks ${tagName(TAG.colorMap)}`);
    }
  }
  const planar = planarConfiguration === 2 && samplesPerPixel > 1;
  const planes = planar ? samplesPerPixel : 1;
  const tiled = ifd.has(TAG.tileWidth) || ifd.has(TAG.tileOffsets);
  let chunkWidth = width, chunkHeight: number;
  if (tiled) {
    chunkWidth = ifd.int(TAG.tileWidth, 0);
    chunkHeight = ifd.int(TAG.tileLength, 0);
    if (chunkWidth === 0 || chunkHeight === 0) {
      throw corrupt(`its tiles are ${chunkWidth}x${chunkHeight} pixels`);
    }
    // Tiles may overhang the image, but not by a decompression bomb.
    if (chunkWidth * chunkHeight > Math.max(width * height, 1 << 20)) {
      throw corrupt(
        `its ${chunkWidth}x${chunkHeight} tiles are larger than the ${width}x${height} image needs`,
      );
    }
  } else {
    chunkHeight = Math.min(ifd.int(TAG.rowsPerStrip, height), height);
    if (chunkHeight === 0) throw corrupt(`${tagName(TAG.rowsPerStrip)} is 0`);
  }
  const chunksAcross = Math.ceil(width / chunkWidth);
  const chunksDown = Math.ceil(height / chunkHeight);
  const count = chunksAcross * chunksDown * planes;
  const offsetTag = tiled ? TAG.tileOffsets : TAG.stripOffsets;
  const countTag = tiled ? TAG.tileByteCounts : TAG.stripByteCounts;
  const offsets = ifd.ints(offsetTag, count);
  if (offsets === undefined) throw corrupt(`${tagName(offsetTag)} is missing`);
  let byteCounts = ifd.ints(countTag, count);
  if (byteCounts === undefined) {
    if (compression !== 1) throw corrupt(`${tagName(countTag)} is missing`);
    // Uncompressed: each chunk holds exactly its decoded bytes.
    byteCounts = offsets.map((_, i) =>
      Math.ceil(chunkWidth * (planar ? 1 : samplesPerPixel) * bits / 8) *
      (tiled
        ? chunkHeight
        : Math.min(chunkHeight, height - (i % chunksDown) * chunkHeight))
    );
  }
  return {
    width,
    height,
    littleEndian: ifd.littleEndian,
    bits,
    samplesPerPixel,
    photometric,
    colorChannels,
    alpha: extra === 1 || extra === 2 ? extra : 0,
    colorMap,
    compression,
    predictor,
    planar,
    reversedBits: fillOrder === 2,
    tiled,
    chunkWidth,
    chunkHeight,
    chunksAcross,
    chunksDown,
    offsets,
    byteCounts,
  };
}
