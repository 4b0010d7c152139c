import assert from "node:assert/strict";
import { gradCam } from "./grad_cam.ts";
import { gradCamPlusPlus } from "./grad_cam_plus_plus.ts";
import { computeMap } from "./map.ts";
import { normalizeMap } from "./normalize.ts";
import { assertClose, hwc, tinyCapture } from "./_testing.ts";

Deno.test("gradCamPlusPlus() weights follow Eq. 19 with the exp trick", () => {
  // S_0 = 1 + 0 + 2 + 1 = 4, S_1 = 0 + 1 + 1 + 0 = 2.
  // Channel 0, G_0 = [1, 0, −1, 2]:
  //   G = 1: α = 1 / (2·1 + 4·1 + 1e-6) = 1/6;  relu(1)·α = 1/6
  //   G = 0: α = 0;  G = −1: relu = 0
  //   G = 2: α = 4 / (2·4 + 4·8 + 1e-6) = 4/40 = 0.1;  relu(2)·α = 0.2
  //   w_0 = 1/6 + 1/5 = 11/30
  // Channel 1, G_1 = [−1, −1, 1, −1]: only G = 1 counts,
  //   α = 1 / (2·1 + 2·1 + 1e-6) = 1/4;  w_1 = 1/4
  // Grad-CAM gives [0.5, −0.5]; without the division (α = G²) this would be
  // [1 + 2·4, 1] = [9, 1]; without the S_k·G³ term (α = 1/2) [1.5, 0.5].
  assertClose(gradCamPlusPlus.weights(tinyCapture()), [11 / 30, 1 / 4]);
});

Deno.test("gradCamPlusPlus() raw map differs from Grad-CAM's", () => {
  // M = 11/30·[1, 0, 2, 1] + 1/4·[0, 1, 1, 0]
  //   = [11/30, 1/4, 22/30 + 1/4, 11/30]
  const map = computeMap(gradCamPlusPlus, tinyCapture());
  assert.equal(map.method, "grad-cam++");
  assertClose(map.raw, [11 / 30, 1 / 4, 22 / 30 + 1 / 4, 11 / 30]);
  assert.notDeepEqual([...map.raw], [
    ...computeMap(gradCam, tinyCapture()).raw,
  ]);
});

Deno.test("gradCamPlusPlus() keeps the 1e-6 in the denominator", () => {
  // 1×1×1, A = 0 (S = 0), G = 1e-4:
  // w = G · G² / (2G² + 1e-6) = 1e-12 / (2e-8 + 1e-6) = 1e-12 / 1.02e-6
  const shape = { height: 1, width: 1, channels: 1 };
  const [w] = gradCamPlusPlus.weights({
    activations: { ...shape, data: new Float32Array([0]) },
    gradients: { ...shape, data: new Float32Array([1e-4]) },
  });
  assert.ok(Math.abs(w - 1e-12 / 1.02e-6) < 1e-12, `got ${w}`);
});

Deno.test("gradCamPlusPlus() on a GAP-dense head gives relu(W) / (2 + W·mean(A))", () => {
  // Constant gradients g_k = W_k / (H·W): w_k = H·W · g³ / (2g² + S_k·g³)
  //   = W_k / (2 + W_k·mean(A_k)) for W_k > 0, and 0 for W_k < 0.
  const shape = { height: 2, width: 2, channels: 3 };
  const activations = {
    ...shape,
    // mean(A_0) = 2, mean(A_1) = 0, mean(A_2) = 1
    data: hwc([[1, 2, 3, 2], [1, -1, 2, -2], [1, 1, 1, 1]]),
  };
  // W = [4, 6, −2]  ⇒  g = [1, 1.5, −0.5]
  const gradients = {
    ...shape,
    data: hwc([[1, 1, 1, 1], [1.5, 1.5, 1.5, 1.5], [-0.5, -0.5, -0.5, -0.5]]),
  };
  // w_0 = 4 / (2 + 4·2) = 0.4;  w_1 = 6 / (2 + 0) = 3 (= W/2);  w_2 = 0
  assertClose(
    gradCamPlusPlus.weights({ activations, gradients }),
    [0.4, 3, 0],
    1e-5,
  );
});

Deno.test("gradCamPlusPlus() with all-zero gradients gives an all-zero map, not NaN", () => {
  const { activations } = tinyCapture();
  const gradients = { ...activations, data: new Float32Array(8) };
  const map = computeMap(gradCamPlusPlus, { activations, gradients });
  assertClose(map.weights, [0, 0]);
  assertClose(normalizeMap(map, { width: 4, height: 4 }), Array(16).fill(0));
});

Deno.test("gradCamPlusPlus() counterfactual uses the negated gradients", () => {
  // −G_0 = [−1, 0, 1, −2]: only G = 1 counts, α = 1/(2 + 4) ⇒ w_0 = 1/6
  // −G_1 = [1, 1, −1, 1]: three G = 1, α = 1/(2 + 2) each ⇒ w_1 = 3/4
  const map = computeMap(gradCamPlusPlus, tinyCapture(), {
    counterfactual: true,
  });
  assertClose(map.weights, [1 / 6, 3 / 4]);
  // M = 1/6·[1, 0, 2, 1] + 3/4·[0, 1, 1, 0] = [1/6, 3/4, 1/3 + 3/4, 1/6]
  assertClose(map.raw, [1 / 6, 3 / 4, 1 / 3 + 3 / 4, 1 / 6]);
});
