/**
 * TIFF's two byte-oriented decompressors, LZW (Compression 5) and PackBits
 * (Compression 32773). Each fills exactly the number of bytes a strip or
 * tile holds and stops there, so no input can make it write more; input
 * that ends too soon or refers to undefined codes is a `SyntaxError`.
 * Part of `tiff.ts`.
 *
 * @module
 */
import { corrupt, unsupported } from "./_tiff_ifd.ts";

const CLEAR = 256;
const END = 257;
const FIRST = 258;
const MAX_CODES = 4096;

/**
 * Decodes TIFF LZW data (codes of 9 to 12 bits, most significant bit first,
 * widened one code early as TIFF 6.0 specifies) into `expected` bytes.
 *
 * @example
 * ```ts
 * import { decodeLzw } from "./_tiff_lzw.ts";
 * // Clear, "A", "B", code 258 ("AB"), end: 9-bit codes packed MSB first.
 * const codes = [256, 65, 66, 258, 257];
 * let bits = "";
 * for (const code of codes) bits += code.toString(2).padStart(9, "0");
 * bits = bits.padEnd(Math.ceil(bits.length / 8) * 8, "0");
 * const data = new Uint8Array(bits.length / 8);
 * for (let i = 0; i < data.length; i++) data[i] = parseInt(bits.slice(i * 8, i * 8 + 8), 2);
 * const text = new TextDecoder().decode(decodeLzw(data, 4));
 * if (text !== "ABAB") throw new Error(text);
 * ```
 */
export function decodeLzw(data: Uint8Array, expected: number): Uint8Array {
  if (data.length >= 2 && data[0] === 0 && (data[1] & 1) === 1) {
    throw unsupported("old-style LZW compression (from before TIFF 6.0)");
  }
  const out = new Uint8Array(expected);
  // Each code's string lies in the output already: its start and length.
  const starts = new Int32Array(MAX_CODES);
  const lengths = new Int32Array(MAX_CODES);
  const totalBits = data.length * 8;
  let width = 9;
  let next = FIRST;
  let prevStart = -1;
  let prevLength = 0;
  let pos = 0;
  let bit = 0;
  while (pos < expected && bit + width <= totalBits) {
    const byte = bit >>> 3;
    const window = (data[byte] << 16) | ((data[byte + 1] ?? 0) << 8) |
      (data[byte + 2] ?? 0);
    const code = (window >>> (24 - width - (bit & 7))) & ((1 << width) - 1);
    bit += width;
    if (code === CLEAR) {
      width = 9;
      next = FIRST;
      prevStart = -1;
      continue;
    }
    if (code === END) break;
    const start = pos;
    let length: number;
    if (code < CLEAR) {
      out[pos] = code;
      length = 1;
    } else if (prevStart < 0 || code > next) {
      throw corrupt(
        `its LZW data uses code ${code} before defining it (at bit ${
          bit - width
        })`,
      );
    } else if (code < next) {
      length = lengths[code];
      const n = Math.min(length, expected - pos);
      out.copyWithin(pos, starts[code], starts[code] + n);
    } else {
      // The code being defined: the previous string and its first byte.
      length = prevLength + 1;
      const n = Math.min(prevLength, expected - pos);
      out.copyWithin(pos, prevStart, prevStart + n);
      if (pos + prevLength < expected) out[pos + prevLength] = out[prevStart];
    }
    if (prevStart >= 0 && next < MAX_CODES) {
      // The previous string plus this one's first byte, which follows it.
      starts[next] = prevStart;
      lengths[next] = prevLength + 1;
      next++;
      if (next >= (1 << width) - 1 && width < 12) width++;
    }
    prevStart = start;
    prevLength = length;
    pos += length;
  }
  if (pos < expected) {
    throw corrupt(
      `its LZW data ends after ${pos} of the ${expected} bytes it should hold`,
    );
  }
  return out;
}

/**
 * Decodes PackBits data (Compression 32773) into `expected` bytes.
 *
 * @example
 * ```ts
 * import { decodePackBits } from "./_tiff_lzw.ts";
 * // Two literal bytes (header 1), then 3 × 0x07 (header -2).
 * const out = decodePackBits(new Uint8Array([1, 0xaa, 0xbb, 0xfe, 0x07]), 5);
 * if (out.join() !== "170,187,7,7,7") throw new Error(out.join());
 * ```
 */
export function decodePackBits(
  data: Uint8Array,
  expected: number,
): Uint8Array {
  const out = new Uint8Array(expected);
  let pos = 0;
  let i = 0;
  while (pos < expected && i < data.length) {
    const header = (data[i++] << 24) >> 24;
    if (header >= 0) {
      const n = Math.min(header + 1, expected - pos);
      if (i + n > data.length) break;
      out.set(data.subarray(i, i + n), pos);
      i += header + 1;
      pos += n;
    } else if (header !== -128) {
      if (i >= data.length) break;
      const n = Math.min(1 - header, expected - pos);
      out.fill(data[i++], pos, pos + n);
      pos += n;
    }
  }
  if (pos < expected) {
    throw corrupt(
      `its PackBits data ends after ${pos} of the ${expected} bytes it should hold`,
    );
  }
  return out;
}
