import assert from "node:assert/strict";
import { minMaxNormalize, normalizeMap, relu } from "./normalize.ts";
import { assertClose } from "./_testing.ts";

Deno.test("relu() zeroes negative values and NaN", () => {
  assertClose(relu(new Float32Array([-2, 0, 3, NaN])), [0, 0, 3, 0]);
});

Deno.test("minMaxNormalize() scales to [0, 1] with the 1e-7 guard", () => {
  // (v − 2) / (6 − 2 + 1e-7)
  assertClose(minMaxNormalize(new Float32Array([2, 4, 6])), [
    0,
    2 / (4 + 1e-7),
    4 / (4 + 1e-7),
  ]);
});

Deno.test("minMaxNormalize() maps constant and all-zero input to zeros", () => {
  assertClose(minMaxNormalize(new Float32Array([5, 5, 5])), [0, 0, 0]);
  assertClose(minMaxNormalize(new Float32Array(4)), [0, 0, 0, 0]);
  assert.equal(minMaxNormalize(new Float32Array(0)).length, 0);
});

Deno.test("normalizeMap() upsamples 2×2 to 4×4 like OpenCV INTER_LINEAR", () => {
  // ReLU leaves [[0, 1], [2, 3]]; min-max gives [[0, 1/3], [2/3, 1]].
  // Columns 0..3 read source x = (d + 0.5)/2 − 0.5 = −0.25 → 0 (clamped),
  // 0.25, 0.75, 1.25 → 1 (clamped); rows the same. Row 0 (source row 0):
  //   [0, 0.25·1/3, 0.75·1/3, 1/3] = [0, 1, 3, 4]/12
  // Row 3 (source row 1): 2/3 + the same = [8, 9, 11, 12]/12
  // Row 1 = 0.75·row 0 + 0.25·row 3 = [2, 3, 5, 6]/12
  // Row 2 = 0.25·row 0 + 0.75·row 3 = [6, 7, 9, 10]/12
  // The second min-max (min 0, max ≈ 1) changes nothing.
  const map = normalizeMap(
    { raw: new Float32Array([0, 1, 2, 3]), width: 2, height: 2 },
    { width: 4, height: 4 },
  );
  const twelfths = [0, 1, 3, 4, 2, 3, 5, 6, 6, 7, 9, 10, 8, 9, 11, 12];
  assertClose(map, twelfths.map((v) => v / 12));
});

Deno.test("normalizeMap() applies ReLU before min-max", () => {
  // [−4, −2, 0, 2] → ReLU [0, 0, 0, 2] → [0, 0, 0, 1]
  const map = normalizeMap({
    raw: new Float32Array([-4, -2, 0, 2]),
    width: 2,
    height: 2,
  });
  assertClose(map, [0, 0, 0, 1]);
});

Deno.test("normalizeMap() keeps an all-zero or all-negative map all zero", () => {
  for (const raw of [new Float32Array(4), new Float32Array(4).fill(-3)]) {
    const map = normalizeMap({ raw, width: 2, height: 2 }, {
      width: 5,
      height: 3,
    });
    assertClose(map, Array(15).fill(0));
  }
});

Deno.test("normalizeMap() rejects a raw map of the wrong length", () => {
  assert.throws(
    () => normalizeMap({ raw: new Float32Array(3), width: 2, height: 2 }),
    { name: "TypeError", message: /3 values but 2×2 needs 4/ },
  );
});
