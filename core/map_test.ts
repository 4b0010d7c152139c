import assert from "node:assert/strict";
import { computeMap } from "./map.ts";
import type { CamStrategy, LayerCapture } from "./types.ts";
import { assertClose, tinyCapture } from "./_testing.ts";

Deno.test("computeMap() counterfactual flips the sign of CAM and Grad-CAM weights", () => {
  const capture = tinyCapture();
  const cam = computeMap("cam", capture, { counterfactual: true });
  assertClose(cam.weights, [-2, 1]);
  // M = −2·[1, 0, 2, 1] + [0, 1, 1, 0] = [−2, 1, −3, −2]
  assertClose(cam.raw, [-2, 1, -3, -2]);
  const grad = computeMap("grad-cam", capture, { counterfactual: true });
  assertClose(grad.weights, [-0.5, 0.5]);
  assertClose(grad.raw, [-0.5, 0.5, -0.5, -0.5]);
  // the capture itself is untouched
  assertClose(capture.gradients!.data, [1, -1, 0, -1, -1, 1, 2, -1]);
  assertClose(capture.classifierWeights!, [2, -1]);
});

Deno.test("computeMap() accepts a custom strategy", () => {
  const sumOfChannels: CamStrategy = {
    name: "sum",
    requires: new Set(["activations"]),
    weights: (c) => new Float32Array(c.activations.channels).fill(1),
  };
  // M = A_0 + A_1 = [1, 1, 3, 1]
  const map = computeMap(sumOfChannels, tinyCapture());
  assert.equal(map.method, "sum");
  assertClose(map.raw, [1, 1, 3, 1]);
});

Deno.test("computeMap() rejects a strategy returning the wrong number of weights", () => {
  const bad: CamStrategy = {
    name: "bad",
    requires: new Set(["activations"]),
    weights: () => new Float32Array(3),
  };
  assert.throws(() => computeMap(bad, tinyCapture()), {
    name: "TypeError",
    message: /returned 3 weights for 2 channels/,
  });
});

Deno.test("computeMap() validates the capture and names what is missing", () => {
  const { activations, gradients } = tinyCapture();
  const cases: [LayerCapture, string, RegExp][] = [
    [{} as LayerCapture, "cam", /no activations/],
    [{ activations }, "grad-cam", /"grad-cam" needs gradients/],
    [{ activations }, "cam", /"cam" needs classifier weights/],
    [
      { activations: { ...activations, data: new Float32Array(7) } },
      "grad-cam",
      /Activations have 7 values but 2×2×2 needs 8/,
    ],
    [
      { activations: { ...activations, width: 0 } },
      "grad-cam",
      /invalid shape 2×0×2/,
    ],
    [
      { activations, gradients: { ...gradients!, height: 4, width: 1 } },
      "grad-cam",
      /Gradients have shape 4×1×2/,
    ],
  ];
  for (const [capture, method, message] of cases) {
    assert.throws(() => computeMap(method, capture), {
      name: "TypeError",
      message,
    });
  }
  assert.throws(() => computeMap("foo", tinyCapture()), RangeError);
});
