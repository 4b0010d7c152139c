/**
 * Reading a TIFF's header and its first image file directory (IFD0), with
 * every offset and count checked against the file. Part of `tiff.ts`.
 *
 * Errors: a `SyntaxError` for a corrupt or truncated file, a `RangeError`
 * for a valid file that uses something camkit does not decode. Their
 * messages are details; `tiff.ts` adds the image's name and the fix.
 *
 * @module
 */

/**
 * The error for a corrupt or truncated file: `detail` says what is wrong.
 *
 * @example
 * ```ts
 * import { corrupt } from "./_tiff_ifd.ts";
 * if (!(corrupt("no IFD") instanceof SyntaxError)) throw new Error();
 * ```
 */
export function corrupt(detail: string): SyntaxError {
  return new SyntaxError(detail);
}

/**
 * The error for a feature camkit does not decode: `feature` names it as in
 * "it uses `feature`".
 *
 * @example
 * ```ts
 * import { unsupported } from "./_tiff_ifd.ts";
 * if (!(unsupported("BigTIFF") instanceof RangeError)) throw new Error();
 * ```
 */
export function unsupported(feature: string): RangeError {
  return new RangeError(feature);
}

/** TIFF tag numbers used by the decoder, by their names in the spec. */
export const TAG = {
  imageWidth: 256,
  imageLength: 257,
  bitsPerSample: 258,
  compression: 259,
  photometricInterpretation: 262,
  fillOrder: 266,
  stripOffsets: 273,
  samplesPerPixel: 277,
  rowsPerStrip: 278,
  stripByteCounts: 279,
  planarConfiguration: 284,
  predictor: 317,
  colorMap: 320,
  tileWidth: 322,
  tileLength: 323,
  tileOffsets: 324,
  tileByteCounts: 325,
  extraSamples: 338,
  sampleFormat: 339,
} as const;

/**
 * A tag as messages name it: "StripOffsets (tag 273)".
 *
 * @example
 * ```ts
 * import { TAG, tagName } from "./_tiff_ifd.ts";
 * if (tagName(TAG.colorMap) !== "ColorMap (tag 320)") throw new Error();
 * ```
 */
export function tagName(tag: number): string {
  const key = Object.keys(TAG).find((k) => TAG[k as keyof typeof TAG] === tag);
  return key === undefined
    ? `tag ${tag}`
    : `${key[0].toUpperCase()}${key.slice(1)} (tag ${tag})`;
}

// Bytes per value of each TIFF field type (classic TIFF).
const TYPE_SIZE: Record<number, number> = {
  1: 1, // BYTE
  2: 1, // ASCII
  3: 2, // SHORT
  4: 4, // LONG
  5: 8, // RATIONAL
  6: 1, // SBYTE
  7: 1, // UNDEFINED
  8: 2, // SSHORT
  9: 4, // SLONG
  10: 8, // SRATIONAL
  11: 4, // FLOAT
  12: 8, // DOUBLE
  13: 4, // IFD
};

interface Entry {
  readonly type: number;
  readonly count: number;
  /** Where the values start (inside the entry when they fit in 4 bytes). */
  readonly at: number;
}

/** The first image file directory of a TIFF, with typed access to its tags. */
export interface TiffIfd {
  readonly bytes: Uint8Array;
  readonly littleEndian: boolean;
  readonly width: number;
  readonly height: number;
  /** Whether the tag is present. */
  has(tag: number): boolean;
  /** The tag's integer values; `count`, when given, is checked. */
  ints(tag: number, count?: number): number[] | undefined;
  /** The tag's first value, or `fallback` when it is absent. */
  int(tag: number, fallback: number): number;
}

/**
 * Reads the header and IFD0 of a classic TIFF (byte order "II" or "MM").
 * Throws a `SyntaxError` for a file that is not a well-formed TIFF, a
 * `RangeError` for BigTIFF.
 *
 * @example
 * ```ts
 * import { readIfd } from "./_tiff_ifd.ts";
 * // "II", 42, IFD at 8: one entry, ImageWidth (SHORT) = 5, then ImageLength.
 * const bytes = new Uint8Array([
 *   0x49, 0x49, 42, 0, 8, 0, 0, 0, 2, 0,
 *   0, 1, 3, 0, 1, 0, 0, 0, 5, 0, 0, 0,
 *   1, 1, 3, 0, 1, 0, 0, 0, 3, 0, 0, 0,
 *   0, 0, 0, 0,
 * ]);
 * const ifd = readIfd(bytes);
 * if (ifd.width !== 5 || ifd.height !== 3) throw new Error("bad size");
 * ```
 */
export function readIfd(bytes: Uint8Array): TiffIfd {
  if (bytes.length < 8) {
    throw corrupt(
      `the ${bytes.length}-byte file is shorter than a TIFF header`,
    );
  }
  const order = String.fromCharCode(bytes[0], bytes[1]);
  if (order !== "II" && order !== "MM") {
    throw corrupt(`byte order "${order}" is neither "II" nor "MM"`);
  }
  const littleEndian = order === "II";
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const u16 = (at: number) => view.getUint16(at, littleEndian);
  const u32 = (at: number) => view.getUint32(at, littleEndian);
  const version = u16(2);
  if (version === 43) throw unsupported("BigTIFF (64-bit offsets)");
  if (version !== 42) {
    throw corrupt(`version number ${version} is not TIFF's 42`);
  }
  const ifdAt = u32(4);
  if (ifdAt < 8 || ifdAt + 2 > bytes.length) {
    throw corrupt(
      `the first directory's offset ${ifdAt} lies outside the ${bytes.length}-byte file`,
    );
  }
  const n = u16(ifdAt);
  if (n === 0 || ifdAt + 2 + 12 * n > bytes.length) {
    throw corrupt(
      `the first directory (${n} entries at byte ${ifdAt}) is empty or ends past the end of the ${bytes.length}-byte file`,
    );
  }
  const entries = new Map<number, Entry>();
  for (let i = 0; i < n; i++) {
    const e = ifdAt + 2 + 12 * i;
    const tag = u16(e);
    const type = u16(e + 2);
    const count = u32(e + 4);
    const size = TYPE_SIZE[type];
    if (size === undefined || entries.has(tag)) continue; // unknown type: skip
    entries.set(tag, {
      type,
      count,
      at: count * size <= 4 ? e + 8 : u32(e + 8),
    });
  }
  function ints(tag: number, count?: number): number[] | undefined {
    const entry = entries.get(tag);
    if (entry === undefined) return undefined;
    const { type, at } = entry;
    if (type !== 1 && type !== 3 && type !== 4) {
      throw corrupt(
        `${tagName(tag)} has field type ${type}, not an unsigned integer`,
      );
    }
    if (entry.count === 0 || (count !== undefined && entry.count !== count)) {
      throw corrupt(
        `${tagName(tag)} has ${entry.count} values where ${
          count ?? "some"
        } are needed`,
      );
    }
    const size = TYPE_SIZE[type];
    if (at + entry.count * size > bytes.length) {
      throw corrupt(
        `${
          tagName(tag)
        }'s ${entry.count} values at byte ${at} end past the end of the ${bytes.length}-byte file`,
      );
    }
    const values = new Array<number>(entry.count);
    for (let i = 0; i < entry.count; i++) {
      const p = at + i * size;
      values[i] = size === 1 ? bytes[p] : size === 2 ? u16(p) : u32(p);
    }
    return values;
  }
  const int = (tag: number, fallback: number) =>
    entries.has(tag) ? ints(tag)![0] : fallback;
  const dimension = (tag: number) => {
    const value = int(tag, 0);
    if (value === 0) throw corrupt(`${tagName(tag)} is missing or 0`);
    return value;
  };
  return {
    bytes,
    littleEndian,
    width: dimension(TAG.imageWidth),
    height: dimension(TAG.imageLength),
    has: (tag) => entries.has(tag),
    ints,
    int,
  };
}
