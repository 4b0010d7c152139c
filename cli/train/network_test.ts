import assert from "node:assert/strict";
import { tf, useBackend } from "../../backends/engine.ts";
import { buildModel, checkTrainingPass, fastConv } from "./network.ts";

function maxGap(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

Deno.test("fastConv: value and gradients equal tf.conv2d's, strides 1 and 2", async () => {
  await useBackend("cpu");
  for (const [stride, channels] of [[1, 4], [2, 3]]) {
    const x = tf.randomNormal([2, 7, 6, channels], 0, 1, "float32", 1);
    const w = tf.randomNormal([3, 3, channels, 5], 0, 1, "float32", 2);
    const dy = tf.randomNormal(
      [2, Math.ceil(7 / stride), Math.ceil(6 / stride), 5],
      0,
      1,
      "float32",
      3,
    );
    const loss = (conv: (x: tf.Tensor, w: tf.Tensor) => tf.Tensor) =>
      tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv(a, b), dy)));
    const reference = loss((a, b) =>
      tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, "same")
    )([x, w]);
    const mine = loss(fastConv[stride - 1])([x, w]);
    assert.ok(
      maxGap(
        fastConv[stride - 1](x, w),
        tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, stride, "same"),
      ) < 1e-5,
    );
    assert.ok(maxGap(mine[1], reference[1]) < 1e-4, `dW, stride ${stride}`);
    // The first layer (3 channels) gets no input gradient: nothing needs it.
    if (channels !== 3) {
      assert.ok(maxGap(mine[0], reference[0]) < 1e-4, `dx, stride ${stride}`);
    }
    tf.dispose([x, w, dy, ...reference, ...mine]);
  }
});

Deno.test("trainingLogits() is the demo network's own training-mode pass", async () => {
  await useBackend("cpu");
  const model = buildModel(1);
  checkTrainingPass(model); // throws when they differ by 1e-4 or more
  assert.equal(model.countParams(), 284406);
  assert.equal(model.getLayer("last_conv").outputShape.join(), ",14,14,128");
  model.dispose();
});
