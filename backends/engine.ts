/**
 * The one TensorFlow.js engine of the process: backend registration and
 * selection. TF.js keeps global state (one engine per process); it stays
 * inside this file.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import "@tensorflow/tfjs-backend-webgpu";
// tfjs-core alone registers no gradient functions; tfjs-layers does.
import "@tensorflow/tfjs-layers";
import { registerWasmGradientKernels } from "./wasm_kernels.ts";
import { prepareWasmBinaries } from "./wasm_binaries.ts";

import {
  BACKEND_NAMES,
  type BackendChoice,
  type BackendName,
} from "./backend_names.ts";
export { BACKEND_NAMES, type BackendChoice, type BackendName };

/** Options for {@linkcode useBackend}. */
export interface UseBackendOptions {
  /**
   * Whether `"auto"` may choose a software WebGPU adapter (llvmpipe,
   * SwiftShader). Default `false`: a fallback adapter is slower than WASM.
   */
  allowFallbackAdapter?: boolean;
}

tf.enableProdMode();
registerWasmGradientKernels();
// tfjs-backend-webgpu registers itself with the highest priority, so the first
// tensor op would start it (and print the driver's warnings) before anyone
// chose a backend. Start on CPU (cheap, synchronous) until one is chosen.
await tf.setBackend("cpu");
let chosen: Promise<BackendName> | undefined;

/**
 * Describes the WebGPU adapter the runtime offers, or why there is none.
 * A fallback (software) adapter is one `"auto"` skips.
 *
 * @example
 * ```ts
 * import { probeWebGpu } from "./engine.ts";
 * const probe = await probeWebGpu();
 * console.log(probe.available ? probe.description : probe.reason);
 * ```
 */
export async function probeWebGpu(): Promise<
  { available: true; fallback: boolean; description: string } | {
    available: false;
    reason: string;
  }
> {
  const gpu = (globalThis.navigator as { gpu?: GPU } | undefined)?.gpu;
  if (gpu === undefined) {
    return { available: false, reason: "this runtime has no navigator.gpu" };
  }
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (error) {
    return { available: false, reason: `requestAdapter() failed: ${error}` };
  }
  if (adapter === null) {
    return { available: false, reason: "no WebGPU adapter was found" };
  }
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const legacy = adapter as GPUAdapter & { isFallbackAdapter?: boolean };
  const fallback = info?.isFallbackAdapter ?? legacy.isFallbackAdapter ?? false;
  const description = info?.description || info?.device || info?.vendor ||
    "unknown adapter";
  return { available: true, fallback, description };
}

async function start(name: BackendName): Promise<void> {
  let ok = false;
  let cause = "";
  try {
    if (name === "wasm") await prepareWasmBinaries();
    ok = await tf.setBackend(name);
  } catch (error) {
    cause = error instanceof Error ? error.message : String(error);
  }
  if (!ok || tf.getBackend() !== name) {
    throw new Error(
      `Cannot start the ${name} backend${cause ? `: ${cause}` : ""}; ` +
        `choose another with --backend (${BACKEND_NAMES.join(", ")})`,
    );
  }
  await tf.ready();
}

/**
 * Makes `choice` the active backend and returns the one that runs.
 * An explicit backend that cannot start is an error, never a silent fallback.
 * `"auto"` picks WebGPU with a real (non-fallback) adapter, else WASM (SIMD),
 * else CPU.
 *
 * @example
 * ```ts
 * import { useBackend } from "./engine.ts";
 * const backend = await useBackend("cpu");
 * if (backend !== "cpu") throw new Error(backend);
 * ```
 */
export function useBackend(
  choice: BackendChoice,
  options: UseBackendOptions = {},
): Promise<BackendName> {
  chosen = selectBackend(choice, options);
  return chosen;
}

/**
 * The chosen backend; chooses `"auto"` if {@linkcode useBackend} was never
 * called.
 *
 * @example
 * ```ts
 * import { ensureBackend } from "./engine.ts";
 * const backend = await ensureBackend();
 * if (!["webgpu", "wasm", "cpu"].includes(backend)) throw new Error(backend);
 * ```
 */
export function ensureBackend(): Promise<BackendName> {
  return chosen ?? useBackend("auto");
}

async function selectBackend(
  choice: BackendChoice,
  options: UseBackendOptions,
): Promise<BackendName> {
  if (choice !== "auto") {
    if (!BACKEND_NAMES.includes(choice)) {
      throw new RangeError(
        `Unknown backend "${choice}": use one of auto, ${
          BACKEND_NAMES.join(", ")
        }`,
      );
    }
    if (choice === "webgpu") {
      const probe = await probeWebGpu();
      if (!probe.available) {
        throw new Error(
          `Cannot start the webgpu backend: ${probe.reason}; use --backend wasm`,
        );
      }
    }
    if (tf.getBackend() !== choice) await start(choice);
    return choice;
  }
  const probe = await probeWebGpu();
  if (probe.available && (!probe.fallback || options.allowFallbackAdapter)) {
    try {
      await start("webgpu");
      return "webgpu";
    } catch {
      // A real adapter that fails to start: try the next backend.
    }
  }
  for (const name of ["wasm", "cpu"] as const) {
    try {
      if (tf.getBackend() !== name) await start(name);
      return name;
    } catch {
      // Try the next backend.
    }
  }
  throw new Error("No TensorFlow.js backend could start (webgpu, wasm, cpu)");
}

/**
 * The backend currently running.
 *
 * @example
 * ```ts
 * import { activeBackend, useBackend } from "./engine.ts";
 * await useBackend("cpu");
 * if (activeBackend() !== "cpu") throw new Error(activeBackend());
 * ```
 */
export function activeBackend(): BackendName {
  return tf.getBackend() as BackendName;
}

/**
 * Number of live tensors (for leak checks).
 *
 * @example
 * ```ts
 * import { tensorCount, tf } from "./engine.ts";
 * const before = tensorCount();
 * tf.tidy(() => {
 *   tf.add(tf.scalar(1), tf.scalar(2)); // disposed when tidy returns
 * });
 * if (tensorCount() !== before) throw new Error("a tensor leaked");
 * ```
 */
export function tensorCount(): number {
  return tf.memory().numTensors;
}

export { tf };
