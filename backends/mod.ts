/**
 * camkit's backends: TF.js models (layers and graph) on WebGPU, WASM SIMD or
 * CPU, adapted to the core's model graph; image decoding and PNG encoding.
 *
 * @example
 * ```ts
 * import { useBackend } from "./mod.ts";
 * const backend = await useBackend("cpu");
 * if (backend !== "cpu") throw new Error(backend);
 * ```
 *
 * @module
 */
export {
  activeBackend,
  BACKEND_NAMES,
  type BackendChoice,
  type BackendName,
  ensureBackend,
  probeWebGpu,
  tensorCount,
  useBackend,
  type UseBackendOptions,
} from "./engine.ts";
export { type LoadedModel, loadModel, type LoadModelOptions } from "./load.ts";
export type { ModelFormat } from "./model_files.ts";
export type { ModelSettings } from "./model_settings.ts";
export {
  decodeImage,
  type DecodeImageOptions,
  MAX_IMAGE_PIXELS,
  MAX_IMAGE_SIDE,
} from "./image_io.ts";
export { encodePng } from "./png_encode.ts";
