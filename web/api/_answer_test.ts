import assert from "node:assert/strict";
import { quantizeMap } from "./_answer.ts";

Deno.test("quantizeMap() rounds to 8 bits and clamps to [0, 1]", () => {
  const map = new Float32Array([-0.5, 0, 0.25, 0.5, 0.999, 1, 7, NaN]);
  assert.deepEqual([...quantizeMap(map)], [0, 0, 64, 128, 255, 255, 255, 0]);
});
