/**
 * imagescript's WebAssembly PNG and JPEG decoders, instantiated from
 * bytes given by the asset source (files in the source tree, embedded in the
 * bundle). The calls into each module follow imagescript 1.3.1's
 * `wasm/node/*.js` glue (MIT licence, © 2023 Mathis Mensing), which reads the
 * `.wasm` files itself through `fs` and so cannot run from a bundle.
 *
 * @module
 */
import { type AssetName, readAsset } from "./assets.ts";

/** Decoded pixels as a decoder returns them. */
export interface DecodedFrame {
  readonly width: number;
  readonly height: number;
  /** PNG: RGBA. JPEG: see `format`. */
  readonly buffer: Uint8Array;
  /** JPEG only: 0 grey, 1 RGB, 2 CMYK. */
  readonly format?: number;
}

/** One of the two decoders (TIFF has its own, in `tiff.ts`). */
export type CodecName = "png" | "jpeg";

interface CodecExports {
  memory: WebAssembly.Memory;
  walloc(size: number): number;
  wfree(ptr: number, size?: number): void;
  wlen(): number;
  decode(ptr: number, length: number, ...rest: number[]): number;
  width(): number;
  height(): number;
  decode_width(ptr: number): number;
  decode_height(ptr: number): number;
  decode_format(ptr: number): number;
  decode_buffer(ptr: number): number;
  decode_free(ptr: number): void;
}

const modules = new Map<CodecName, Promise<WebAssembly.Module>>();

function compiled(name: CodecName): Promise<WebAssembly.Module> {
  let module = modules.get(name);
  if (module === undefined) {
    module = readAsset(`imagescript/${name}.wasm` as AssetName).then((bytes) =>
      WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>)
    );
    modules.set(name, module);
    module.catch(() => modules.delete(name));
  }
  return module;
}

function decodePng(module: WebAssembly.Module, bytes: Uint8Array) {
  const wasm = new WebAssembly.Instance(module, {
    // imagescript's glue refreshes its memory view here; ours makes a new
    // view after each call instead.
    env: { emscripten_notify_memory_growth() {} },
  }).exports as unknown as CodecExports;
  const ptr = wasm.walloc(bytes.length);
  new Uint8Array(wasm.memory.buffer).set(bytes, ptr);
  const status = wasm.decode(ptr, bytes.length);
  wasm.wfree(ptr);
  if (status < 0) throw new Error(`png: failed to decode (${status})`);
  const width = wasm.width();
  const height = wasm.height();
  const buffer = new Uint8Array(wasm.memory.buffer).slice(
    status,
    status + 4 * width * height,
  );
  wasm.wfree(status);
  return { width, height, buffer };
}

function decodeJpeg(
  module: WebAssembly.Module,
  bytes: Uint8Array,
): DecodedFrame {
  const wasm = new WebAssembly.Instance(module)
    .exports as unknown as CodecExports;
  const input = wasm.walloc(bytes.length);
  new Uint8Array(wasm.memory.buffer, input, bytes.length).set(bytes);
  const ptr = wasm.decode(input, bytes.length);
  if (ptr === 0) throw new Error("jpeg: failed to decode");
  if (ptr === 1) throw new Error("jpeg: failed to scale decoder");
  const frame: DecodedFrame = {
    width: wasm.decode_width(ptr),
    height: wasm.decode_height(ptr),
    format: wasm.decode_format(ptr),
    buffer: new Uint8Array(
      wasm.memory.buffer,
      wasm.decode_buffer(ptr),
      wasm.wlen(),
    ).slice(),
  };
  wasm.decode_free(ptr);
  return frame;
}

/**
 * Decodes `bytes` with imagescript's `name` decoder (a fresh instance per
 * image, so no memory is kept between images). Throws the decoder's error
 * for corrupt input.
 *
 * @example
 * ```ts
 * import { decodeWith } from "./image_codecs.ts";
 * import { encodePng } from "./png_encode.ts";
 * const png = await encodePng({ width: 2, height: 1, data: new Uint8ClampedArray([1, 2, 3, 255, 4, 5, 6, 255]) });
 * const frame = await decodeWith("png", png);
 * if (frame.width !== 2 || frame.buffer[4] !== 4) throw new Error("bad decode");
 * ```
 */
export async function decodeWith(
  name: CodecName,
  bytes: Uint8Array,
): Promise<DecodedFrame> {
  const module = await compiled(name);
  return name === "png" ? decodePng(module, bytes) : decodeJpeg(module, bytes);
}
