/**
 * A MobileNetV2-shaped classifier (224×224×3 → 1000) with seeded weights, for
 * benchmarks: inverted residual blocks, ReLU6, 1280-channel last conv, GAP →
 * dense softmax.
 *
 * @module
 */
import * as tfl from "@tensorflow/tfjs-layers";
import type { LayersModel, SymbolicTensor } from "@tensorflow/tfjs-layers";

// [expansion, channels, repeats, stride] as in the MobileNetV2 paper.
const BLOCKS: [number, number, number, number][] = [
  [1, 16, 1, 1],
  [6, 24, 2, 2],
  [6, 32, 3, 2],
  [6, 64, 4, 2],
  [6, 96, 3, 1],
  [6, 160, 3, 2],
  [6, 320, 1, 1],
];

/** Builds the model; the same seed gives the same weights. */
export function mobileNetV2(seed = 1): LayersModel {
  let s = seed;
  const k = () => tfl.initializers.glorotUniform({ seed: s++ });
  const conv = (
    x: SymbolicTensor,
    filters: number,
    size: number,
    stride: number,
    name: string,
  ) => {
    let y = tfl.layers.conv2d({
      filters,
      kernelSize: size,
      strides: stride,
      padding: "same",
      useBias: false,
      kernelInitializer: k(),
      name,
    }).apply(x) as SymbolicTensor;
    y = tfl.layers.batchNormalization({ name: `${name}_bn` }).apply(
      y,
    ) as SymbolicTensor;
    return tfl.layers.reLU({ maxValue: 6, name: `${name}_relu` }).apply(
      y,
    ) as SymbolicTensor;
  };
  const input = tfl.input({ shape: [224, 224, 3] });
  let x = conv(input, 32, 3, 2, "conv1");
  let channels = 32;
  let block = 0;
  for (const [t, c, n, stride] of BLOCKS) {
    for (let i = 0; i < n; i++) {
      const name = `block_${block++}`;
      let y = t === 1 ? x : conv(x, channels * t, 1, 1, `${name}_expand`);
      y = tfl.layers.depthwiseConv2d({
        kernelSize: 3,
        strides: i === 0 ? stride : 1,
        padding: "same",
        useBias: false,
        depthwiseInitializer: k(),
        name: `${name}_depthwise`,
      }).apply(y) as SymbolicTensor;
      y = tfl.layers.batchNormalization({ name: `${name}_depthwise_bn` }).apply(
        y,
      ) as SymbolicTensor;
      y = tfl.layers.reLU({ maxValue: 6, name: `${name}_depthwise_relu` })
        .apply(y) as SymbolicTensor;
      y = tfl.layers.conv2d({
        filters: c,
        kernelSize: 1,
        useBias: false,
        kernelInitializer: k(),
        name: `${name}_project`,
      }).apply(y) as SymbolicTensor;
      y = tfl.layers.batchNormalization({ name: `${name}_project_bn` }).apply(
        y,
      ) as SymbolicTensor;
      x = i > 0 && channels === c
        ? tfl.layers.add({ name: `${name}_add` }).apply([
          x,
          y,
        ]) as SymbolicTensor
        : y;
      channels = c;
    }
  }
  x = conv(x, 1280, 1, 1, "conv_last");
  x = tfl.layers.globalAveragePooling2d({ name: "gap" }).apply(
    x,
  ) as SymbolicTensor;
  const out = tfl.layers.dense({
    units: 1000,
    activation: "softmax",
    kernelInitializer: k(),
    name: "predictions",
  }).apply(x) as SymbolicTensor;
  return tfl.model({ inputs: input, outputs: out, name: "mobilenetv2_seeded" });
}
