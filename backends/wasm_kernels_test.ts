import assert from "node:assert/strict";
import { tf, useBackend } from "./engine.ts";

async function filterAndInputGradients(
  backend: "cpu" | "wasm",
  xShape: readonly number[],
  fShape: readonly number[],
  strides: number,
  pad: "same" | "valid",
  depthwise: boolean,
): Promise<Float32Array[]> {
  await useBackend(backend);
  const x = tf.randomNormal(
    [...xShape] as [number, number, number, number],
    0,
    1,
    "float32",
    1,
  ) as tf.Tensor4D;
  const f = tf.randomNormal(
    [...fShape] as [number, number, number, number],
    0,
    1,
    "float32",
    2,
  ) as tf.Tensor4D;
  const grads = tf.grads((a: tf.Tensor, w: tf.Tensor) =>
    tf.sum(tf.square(
      depthwise
        ? tf.fused.depthwiseConv2d({
          x: a as tf.Tensor4D,
          filter: w as tf.Tensor4D,
          strides,
          pad,
        })
        : tf.fused.conv2d({
          x: a as tf.Tensor4D,
          filter: w as tf.Tensor4D,
          strides,
          pad,
        }),
    ))
  )([x, f]);
  const values = await Promise.all(
    grads.map((g) => g.data() as Promise<Float32Array>),
  );
  tf.dispose([x, f, ...grads]);
  return values;
}

Deno.test("registerWasmGradientKernels() gives WASM the CPU backend's conv gradients", async (t) => {
  const cases = [
    {
      x: [2, 7, 6, 3],
      f: [3, 3, 3, 4],
      strides: 2,
      pad: "same",
      depthwise: false,
    },
    {
      x: [1, 1, 1, 16],
      f: [1, 1, 16, 10],
      strides: 1,
      pad: "valid",
      depthwise: false,
    },
    {
      x: [1, 9, 9, 2],
      f: [3, 2, 2, 5],
      strides: 1,
      pad: "valid",
      depthwise: false,
    },
    {
      x: [2, 8, 8, 3],
      f: [3, 3, 3, 1],
      strides: 2,
      pad: "same",
      depthwise: true,
    },
  ] as const;
  for (const c of cases) {
    await t.step(
      `${c.depthwise ? "depthwise" : "conv"} x${c.x.join("x")} f${
        c.f.join("x")
      }`,
      async () => {
        const args = [
          [...c.x],
          [...c.f],
          c.strides,
          c.pad,
          c.depthwise,
        ] as const;
        const cpu = await filterAndInputGradients("cpu", ...args);
        const wasm = await filterAndInputGradients("wasm", ...args);
        for (const [i, expected] of cpu.entries()) {
          assert.equal(wasm[i].length, expected.length);
          for (let j = 0; j < expected.length; j++) {
            assert.ok(
              Math.abs(wasm[i][j] - expected[j]) <=
                1e-4 * (1 + Math.abs(expected[j])),
            );
          }
        }
      },
    );
  }
});
