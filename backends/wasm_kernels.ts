/**
 * Gradient kernels that `@tensorflow/tfjs-backend-wasm` 4.22 lacks
 * (`Conv2DBackpropFilter`, `DepthwiseConv2dNativeBackpropInput`,
 * `DepthwiseConv2dNativeBackpropFilter`). Without them Grad-CAM fails on WASM
 * as soon as the differentiated head holds a convolution: TF.js's fused
 * conv gradient computes the filter gradient eagerly even when only the
 * input gradient is wanted.
 *
 * `Conv2DBackpropFilter` is computed here in plain loops; the depthwise ones
 * run the CPU backend's implementation on the same values and write the
 * result into WASM memory. Results are exact, and gradients never silently
 * leave the chosen backend's tensors.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";

/** Kernels borrowed from the CPU backend when WASM has none. */
export const BORROWED_WASM_KERNELS: readonly string[] = [
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

/**
 * ∂L/∂filter of a 2-D convolution (NHWC), in plain loops over flat arrays.
 * TF.js's fused conv gradient always computes it, even when only the input
 * gradient is wanted; the CPU backend's version indexes element by element
 * and dominated Grad-CAM's cost on heads with a 1×1 conv.
 */
function conv2DBackpropFilter(
  x: Float32Array,
  dy: Float32Array,
  info: tf.backend_util.Conv2DInfo,
): Float32Array {
  const {
    batchSize,
    inHeight,
    inWidth,
    inChannels,
    outHeight,
    outWidth,
    outChannels,
    filterHeight,
    filterWidth,
    strideHeight,
    strideWidth,
    dilationHeight,
    dilationWidth,
    padInfo,
  } = info;
  const dw = new Float32Array(
    filterHeight * filterWidth * inChannels * outChannels,
  );
  const row = new Float64Array(outChannels);
  for (let fy = 0; fy < filterHeight; fy++) {
    for (let fx = 0; fx < filterWidth; fx++) {
      for (let ci = 0; ci < inChannels; ci++) {
        row.fill(0);
        for (let b = 0; b < batchSize; b++) {
          for (let y = 0; y < outHeight; y++) {
            const iy = y * strideHeight + fy * dilationHeight - padInfo.top;
            if (iy < 0 || iy >= inHeight) continue;
            for (let xo = 0; xo < outWidth; xo++) {
              const ix = xo * strideWidth + fx * dilationWidth - padInfo.left;
              if (ix < 0 || ix >= inWidth) continue;
              const v =
                x[((b * inHeight + iy) * inWidth + ix) * inChannels + ci];
              if (v === 0) continue;
              const o = ((b * outHeight + y) * outWidth + xo) * outChannels;
              for (let co = 0; co < outChannels; co++) {
                row[co] += v * dy[o + co];
              }
            }
          }
        }
        dw.set(row, ((fy * filterWidth + fx) * inChannels + ci) * outChannels);
      }
    }
  }
  return dw;
}

/** Registers the missing gradient kernels for `wasm` (idempotent). */
export function registerWasmGradientKernels(): void {
  if (tf.getKernel("Conv2DBackpropFilter", "wasm") === undefined) {
    tf.registerKernel({
      kernelName: "Conv2DBackpropFilter",
      backendName: "wasm",
      kernelFunc: ({ inputs, backend, attrs }) => {
        const wasm = backend as unknown as WasmBackend;
        const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
        const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
          attrs as unknown as tf.Conv2DBackpropFilterAttrs;
        if (dataFormat === "NCHW") {
          throw new Error("Conv2DBackpropFilter on WASM supports NHWC only");
        }
        const info = tf.backend_util.computeConv2DInfo(
          x.shape as [number, number, number, number],
          filterShape as [number, number, number, number],
          strides,
          1,
          pad,
          dimRoundingMode,
        );
        const values = conv2DBackpropFilter(
          wasm.readSync(x.dataId) as Float32Array,
          wasm.readSync(dy.dataId) as Float32Array,
          info,
        );
        return wasm.makeOutput([...filterShape], "float32", undefined, values);
      },
    });
  }
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
