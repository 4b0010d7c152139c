/**
 * Gradient kernels that `@tensorflow/tfjs-backend-wasm` 4.22 lacks
 * (`Conv2DBackpropFilter`, `DepthwiseConv2dNativeBackpropInput`,
 * `DepthwiseConv2dNativeBackpropFilter`). Without them Grad-CAM fails on WASM
 * as soon as the differentiated head holds a convolution: TF.js's fused
 * conv gradient computes the filter gradient eagerly even when only the
 * input gradient is wanted.
 *
 * Each missing kernel runs the CPU backend's implementation on the same
 * values and writes the result into WASM memory, so the result is exact and
 * gradients never silently leave the chosen backend's tensors.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";

/** Kernels borrowed from the CPU backend when WASM has none. */
export const BORROWED_WASM_KERNELS: readonly string[] = [
  "Conv2DBackpropFilter",
  "DepthwiseConv2dNativeBackpropInput",
  "DepthwiseConv2dNativeBackpropFilter",
];

interface WasmBackend {
  readSync(dataId: unknown): tf.backend_util.BackendValues;
  makeOutput(
    shape: number[],
    dtype: tf.DataType,
    memoryOffset?: number,
    values?: tf.backend_util.BackendValues,
  ): tf.TensorInfo;
}

interface CpuBackend {
  makeTensorInfo(
    shape: number[],
    dtype: tf.DataType,
    values?: tf.backend_util.BackendValues,
  ): tf.TensorInfo;
  readSync(dataId: unknown): tf.backend_util.BackendValues;
  disposeData(dataId: unknown): boolean;
}

/** Registers the borrowed kernels for `wasm` (idempotent). */
export function registerWasmGradientKernels(): void {
  for (const kernelName of BORROWED_WASM_KERNELS) {
    if (tf.getKernel(kernelName, "wasm") !== undefined) continue;
    const cpuKernel = tf.getKernel(kernelName, "cpu");
    if (cpuKernel === undefined) {
      throw new Error(`The CPU backend has no "${kernelName}" kernel to lend`);
    }
    tf.registerKernel({
      kernelName,
      backendName: "wasm",
      kernelFunc: ({ inputs, backend, attrs }) => {
        const wasm = backend as unknown as WasmBackend;
        const cpu = tf.engine().findBackend("cpu") as unknown as CpuBackend;
        const cpuInputs: Record<string, tf.TensorInfo> = {};
        for (const [name, info] of Object.entries(inputs)) {
          if (info === undefined) continue;
          cpuInputs[name] = cpu.makeTensorInfo(
            [...info.shape],
            info.dtype,
            wasm.readSync(info.dataId),
          );
        }
        const result = cpuKernel.kernelFunc({
          inputs: cpuInputs,
          backend: cpu as unknown as tf.KernelBackend,
          attrs,
        }) as tf.TensorInfo;
        const values = cpu.readSync(result.dataId);
        for (const info of Object.values(cpuInputs)) {
          cpu.disposeData(info.dataId);
        }
        cpu.disposeData(result.dataId);
        return wasm.makeOutput(
          [...result.shape],
          result.dtype,
          undefined,
          values,
        );
      },
    });
  }
}
