/**
 * NumPy `.npy` files of float32 arrays, so raw maps open with `np.load`.
 * Format: magic `\x93NUMPY`, version, little-endian header length, a Python
 * dict literal padded with spaces and ended by `\n` so the data starts at a
 * multiple of 64 bytes, then the values (format spec: numpy.lib.format).
 *
 * @module
 */

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** A decoded `.npy` array. */
export interface NpyArray {
  /** Dimensions, outermost first (C order). */
  readonly shape: number[];
  /** The values in C order. */
  readonly data: Float32Array;
}

/**
 * Encodes float32 values as a `.npy` v1.0 file (`'<f4'`, C order). A shape
 * whose product is not `data.length` is a `TypeError`.
 *
 * @example
 * ```ts
 * import { encodeNpy } from "./npy.ts";
 * const bytes = encodeNpy(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3]);
 * // a 128-byte preamble (10 + 118-byte header), then 6 four-byte floats
 * if (bytes.length !== 128 + 6 * 4) throw new Error(String(bytes.length));
 * ```
 */
export function encodeNpy(
  data: Float32Array,
  shape: readonly number[],
): Uint8Array {
  if (shape.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new TypeError(
      `Invalid shape [${shape}]: dimensions must be non-negative integers`,
    );
  }
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== data.length) {
    throw new TypeError(
      `Shape [${shape}] holds ${size} values but the data has ${data.length}: pass a shape whose product is the data length`,
    );
  }
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${tuple}, }`;
  const padding = (64 - (10 + dict.length + 1) % 64) % 64;
  const header = dict + " ".repeat(padding) + "\n";
  if (header.length > 0xffff) {
    throw new RangeError(
      `Shape [${shape}] has too many dimensions for a .npy v1.0 header: use fewer dimensions`,
    );
  }
  const bytes = new Uint8Array(10 + header.length + data.length * 4);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC);
  bytes[6] = 1; // version 1.0
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) bytes[10 + i] = header.charCodeAt(i);
  const offset = 10 + header.length;
  for (let i = 0; i < data.length; i++) {
    view.setFloat32(offset + i * 4, data[i], true);
  }
  return bytes;
}

/**
 * Decodes a `.npy` v1.0 or v2.0 file of `'<f4'` values in C order. Anything
 * else (bad magic, other dtype or version, Fortran order, truncated data) is
 * a `SyntaxError`.
 *
 * @example
 * ```ts
 * import { decodeNpy, encodeNpy } from "./npy.ts";
 * const { shape, data } = decodeNpy(encodeNpy(new Float32Array([1, 2]), [1, 2]));
 * if (shape.join() !== "1,2" || data.join() !== "1,2") throw new Error("round trip");
 * ```
 */
export function decodeNpy(bytes: Uint8Array): NpyArray {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new SyntaxError("Not a .npy file: it does not start with \\x93NUMPY");
  }
  const major = bytes[6];
  if ((major !== 1 && major !== 2) || bytes[7] !== 0) {
    throw new SyntaxError(
      `Unsupported .npy version ${major}.${
        bytes[7]
      }: only versions 1.0 and 2.0 are read`,
    );
  }
  const start = major === 1 ? 10 : 12;
  if (bytes.length < start) {
    throw new SyntaxError("Truncated .npy file: the header length is missing");
  }
  const length = major === 1
    ? view.getUint16(8, true)
    : view.getUint32(8, true);
  if (start + length > bytes.length) {
    throw new SyntaxError(
      `Truncated .npy file: the header needs ${length} bytes but ${
        bytes.length - start
      } remain`,
    );
  }
  const header = new TextDecoder().decode(
    bytes.subarray(start, start + length),
  );
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const dims = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr !== "<f4" || fortran !== "False" || dims === undefined) {
    throw new SyntaxError(
      `Unsupported .npy header ${header.trim()}: only '<f4' arrays in C order are read`,
    );
  }
  const shape = dims.split(",").map((d) => d.trim()).filter((d) => d !== "")
    .map(Number);
  if (shape.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new SyntaxError(`Invalid .npy shape (${dims}) in the header`);
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const offset = start + length;
  if (bytes.length - offset < size * 4) {
    throw new SyntaxError(
      `Truncated .npy file: shape (${dims}) needs ${size * 4} data bytes but ${
        bytes.length - offset
      } remain`,
    );
  }
  const data = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    data[i] = view.getFloat32(offset + i * 4, true);
  }
  return { shape, data };
}
