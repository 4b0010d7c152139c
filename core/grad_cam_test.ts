import assert from "node:assert/strict";
import { cam } from "./cam.ts";
import { gradCam } from "./grad_cam.ts";
import { computeMap } from "./map.ts";
import { normalizeMap } from "./normalize.ts";
import { assertClose, hwc, tinyCapture } from "./_testing.ts";

Deno.test("gradCam() weights are the mean gradient", () => {
  // w_0 = (1 + 0 − 1 + 2) / 4 = 0.5;  w_1 = (−1 − 1 + 1 − 1) / 4 = −0.5
  assertClose(gradCam.weights(tinyCapture()), [0.5, -0.5]);
});

Deno.test("gradCam() raw map is the weighted sum of activations", () => {
  // M = 0.5·[1, 0, 2, 1] − 0.5·[0, 1, 1, 0] = [0.5, −0.5, 0.5, 0.5]
  const map = computeMap(gradCam, tinyCapture());
  assert.equal(map.method, "grad-cam");
  assert.equal(map.width, 2);
  assert.equal(map.height, 2);
  assertClose(map.raw, [0.5, -0.5, 0.5, 0.5]);
  // ReLU → [0.5, 0, 0.5, 0.5]; min-max → 0.5 / (0.5 + 1e-7) ≈ 1
  assertClose(normalizeMap(map), [1, 0, 1, 1]);
});

Deno.test("gradCam() weights equal CAM weights over HW for a GAP-dense head", () => {
  // y = Σ_k W_k · mean(A_k)  ⇒  G_kij = W_k / (H·W) = W_k / 4 everywhere.
  const w = [4, -2];
  const shape = { height: 2, width: 2, channels: 2 };
  const activations = { ...shape, data: hwc([[1, 2, 3, 2], [0, 5, 1, 1]]) };
  const gradients = {
    ...shape,
    data: hwc([[1, 1, 1, 1], [-0.5, -0.5, -0.5, -0.5]]),
  };
  const capture = {
    activations,
    gradients,
    classifierWeights: new Float32Array(w),
  };
  assertClose(gradCam.weights(capture), [4 / 4, -2 / 4]);
  // so the raw maps agree up to the factor 1/(H·W)
  const camRaw = computeMap(cam, capture).raw;
  assertClose(computeMap(gradCam, capture).raw, [...camRaw].map((v) => v / 4));
});

Deno.test("gradCam() with all-zero gradients gives an all-zero map, not NaN", () => {
  const { activations } = tinyCapture();
  const gradients = { ...activations, data: new Float32Array(8) };
  const map = computeMap(gradCam, { activations, gradients });
  assertClose(map.weights, [0, 0]);
  assertClose(map.raw, [0, 0, 0, 0]);
  assertClose(normalizeMap(map, { width: 3, height: 3 }), Array(9).fill(0));
});

Deno.test("gradCam() rejects missing or mis-shaped gradients", () => {
  const { activations } = tinyCapture();
  assert.throws(() => gradCam.weights({ activations }), {
    name: "TypeError",
    message: /"grad-cam" needs gradients/,
  });
  const gradients = { ...activations, channels: 1, data: new Float32Array(4) };
  assert.throws(() => gradCam.weights({ activations, gradients }), {
    name: "TypeError",
    message: /Gradients have shape 2×2×1/,
  });
});
