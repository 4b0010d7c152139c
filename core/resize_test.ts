import assert from "node:assert/strict";
import { resizeBilinear, resizeRgba } from "./resize.ts";
import { assertClose } from "./_testing.ts";

Deno.test("resizeBilinear() matches OpenCV INTER_LINEAR on 2×2 → 4×4", () => {
  // cv2.resize(np.float32([[0, 1], [2, 3]]), (4, 4), interpolation=cv2.INTER_LINEAR)
  const out = resizeBilinear(
    new Float32Array([0, 1, 2, 3]),
    { width: 2, height: 2 },
    { width: 4, height: 4 },
  );
  assertClose(out, [
    ...[0, 0.25, 0.75, 1],
    ...[0.5, 0.75, 1.25, 1.5],
    ...[1.5, 1.75, 2.25, 2.5],
    ...[2, 2.25, 2.75, 3],
  ]);
});

Deno.test("resizeBilinear() handles non-integer ratios like OpenCV", () => {
  // 3 → 5 columns, scale 0.6: x = 0.3−0.5 → 0 (clamped), 0.4, 1, 1.6, 2.2 → 2;
  // 2 → 3 rows, scale 2/3: y = −1/6 → 0, 0.5, 7/6 → 1 (clamped).
  const out = resizeBilinear(
    new Float32Array([0, 1, 2, 3, 4, 5]),
    { width: 3, height: 2 },
    { width: 5, height: 3 },
  );
  assertClose(out, [
    ...[0, 0.4, 1, 1.6, 2],
    ...[1.5, 1.9, 2.5, 3.1, 3.5],
    ...[3, 3.4, 4, 4.6, 5],
  ]);
});

Deno.test("resizeBilinear() shrinks without anti-aliasing", () => {
  // 3 → 2, scale 1.5: x = 0.25 → 0.75·0 + 0.25·10; x = 1.75 → 0.25·10 + 0.75·20
  const out = resizeBilinear(
    new Float32Array([0, 10, 20]),
    { width: 3, height: 1 },
    { width: 2, height: 1 },
  );
  assertClose(out, [2.5, 17.5]);
});

Deno.test("resizeBilinear() is the identity at the same size", () => {
  const src = new Float32Array([1, 5, 2, 8, 3, 9]);
  const size = { width: 3, height: 2 };
  assertClose(resizeBilinear(src, size, size), [...src]);
});

Deno.test("resizeBilinear() rejects bad lengths and sizes", () => {
  const size = { width: 2, height: 2 };
  assert.throws(
    () => resizeBilinear(new Float32Array(3), size, size),
    TypeError,
  );
  assert.throws(
    () => resizeBilinear(new Float32Array(4), size, { width: 0, height: 2 }),
    { name: "RangeError", message: /Invalid target size 0×2/ },
  );
});

Deno.test("resizeRgba() interpolates all four channels and rounds", () => {
  // 2×1 → 3×1: x = −1/6 → 0, 0.5, 7/6 → 1
  const image = {
    width: 2,
    height: 1,
    data: new Uint8ClampedArray([0, 10, 255, 0, 101, 20, 0, 255]),
  };
  const out = resizeRgba(image, { width: 3, height: 1 });
  assert.equal(out.width, 3);
  assert.equal(out.height, 1);
  // middle pixel: (0 + 101)/2 = 50.5 → 50 (half to even), 15, 127.5 → 128, 127.5 → 128
  assert.deepEqual([...out.data], [
    ...[0, 10, 255, 0],
    ...[50, 15, 128, 128],
    ...[101, 20, 0, 255],
  ]);
});

Deno.test("resizeRgba() rejects an image whose data does not match its size", () => {
  const image = { width: 2, height: 2, data: new Uint8ClampedArray(4) };
  assert.throws(() => resizeRgba(image, { width: 1, height: 1 }), {
    name: "TypeError",
    message: /4 bytes but 2×2 RGBA needs 16/,
  });
});
