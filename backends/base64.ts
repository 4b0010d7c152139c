/**
 * Base64 for bytes, with the built-in `Uint8Array` methods where the
 * runtime has them (much faster) and `btoa` / `atob` elsewhere. Used for
 * the bundle's embedded assets and the API's maps and overlays.
 *
 * @module
 */

/**
 * Base64 of bytes: the built-in `Uint8Array.prototype.toBase64` where the
 * runtime has it (50 times faster), else `btoa` in chunks.
 *
 * @example
 * ```ts
 * import { toBase64 } from "./base64.ts";
 * if (toBase64(new Uint8Array([0, 255, 128])) !== "AP+A") throw new Error();
 * ```
 */
export function toBase64(bytes: Uint8Array): string {
  const native = (bytes as { toBase64?: () => string }).toBase64;
  if (typeof native === "function") return native.call(bytes);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * The bytes of a base64 text: the built-in `Uint8Array.fromBase64` where
 * the runtime has it, else `atob`.
 *
 * @example
 * ```ts
 * import { fromBase64 } from "./base64.ts";
 * if (fromBase64("AP+A").join() !== "0,255,128") throw new Error();
 * ```
 */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const native = (Uint8Array as { fromBase64?: (s: string) => Uint8Array })
    .fromBase64;
  if (native) return native(text) as Uint8Array<ArrayBuffer>;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
