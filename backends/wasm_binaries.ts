/**
 * Where TF.js's WASM backend gets its `.wasm` binary. From the source tree it
 * reads the file beside its own script (tfjs-backend-wasm believes it runs in
 * Node under Deno); a bundle or binary has no such file, so the embedded
 * binary is handed over as an object URL before the backend starts.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { assetsEmbedded, readAsset } from "./assets.ts";

let prepared: Promise<void> | undefined;

/**
 * Points the WASM backend at the embedded binary when assets are embedded
 * (once; a no-op from the source tree). Call before the backend starts.
 * Threads stay off, so the threaded build is never asked for.
 *
 * @example
 * ```ts
 * import { prepareWasmBinaries } from "./wasm_binaries.ts";
 * await prepareWasmBinaries(); // the source tree: the backend finds its file
 * ```
 */
export function prepareWasmBinaries(): Promise<void> {
  if (!assetsEmbedded()) return Promise.resolve();
  prepared ??= (async () => {
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
    const bytes = await readAsset(
      simd ? "tfjs-backend-wasm-simd.wasm" : "tfjs-backend-wasm.wasm",
    );
    const url = URL.createObjectURL(
      new Blob([bytes as Uint8Array<ArrayBuffer>], {
        type: "application/wasm",
      }),
    );
    // Only the name matching SIMD support is ever fetched; the backend wants
    // all three named.
    setWasmPaths({
      "tfjs-backend-wasm.wasm": url,
      "tfjs-backend-wasm-simd.wasm": url,
      "tfjs-backend-wasm-threaded-simd.wasm": url,
    }, true);
  })();
  prepared.catch(() => prepared = undefined);
  return prepared;
}
