import assert from "node:assert/strict";
import { cam } from "./cam.ts";
import { computeMap } from "./map.ts";
import { assertClose, tinyCapture } from "./_testing.ts";

Deno.test("cam() weights are a copy of the classifier weights", () => {
  const capture = tinyCapture();
  const weights = cam.weights(capture);
  assertClose(weights, [2, -1]);
  weights[0] = 99;
  assertClose(capture.classifierWeights!, [2, -1]);
});

Deno.test("cam() raw map is the classifier-weighted sum of activations", () => {
  // M = 2·A_0 − 1·A_1 = 2·[1, 0, 2, 1] − [0, 1, 1, 0] = [2, −1, 3, 2]
  assertClose(computeMap(cam, tinyCapture()).raw, [2, -1, 3, 2]);
});

Deno.test("cam() requires activations and classifier weights only", () => {
  assert.deepEqual([...cam.requires].sort(), [
    "activations",
    "classifierWeights",
  ]);
  const { activations } = tinyCapture();
  assertClose(
    cam.weights({ activations, classifierWeights: new Float32Array([1, 3]) }),
    [1, 3],
  );
});

Deno.test("cam() rejects missing or mis-sized classifier weights", () => {
  const { activations } = tinyCapture();
  assert.throws(() => cam.weights({ activations }), {
    name: "TypeError",
    message: /"cam" needs classifier weights.*grad-cam/,
  });
  assert.throws(
    () => cam.weights({ activations, classifierWeights: new Float32Array(3) }),
    { name: "TypeError", message: /3 values but the layer has 2 channels/ },
  );
});
