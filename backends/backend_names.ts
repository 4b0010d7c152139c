/**
 * Backend names, without loading TensorFlow.js (for argument parsing).
 *
 * @module
 */

/** A TensorFlow.js backend camkit can run on. */
export type BackendName = "webgpu" | "wasm" | "cpu";

/** A backend choice: one backend, or `"auto"` for the best available. */
export type BackendChoice = BackendName | "auto";

/** Backends in order of preference for `"auto"`. */
export const BACKEND_NAMES: readonly BackendName[] = ["webgpu", "wasm", "cpu"];
