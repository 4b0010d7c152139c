/**
 * Backend names, without loading TensorFlow.js (for argument parsing).
 *
 * @module
 */

/** A TensorFlow.js backend camkit can run on. */
export type BackendName = "webgpu" | "wasm" | "cpu";

/** A backend choice: one backend, or `"auto"` for the best available. */
export type BackendChoice = BackendName | "auto";

/**
 * Backends in order of preference for `"auto"`.
 *
 * @example
 * ```ts
 * import { BACKEND_NAMES } from "./backend_names.ts";
 * if (BACKEND_NAMES.join() !== "webgpu,wasm,cpu") throw new Error();
 * ```
 */
export const BACKEND_NAMES: readonly BackendName[] = ["webgpu", "wasm", "cpu"];
