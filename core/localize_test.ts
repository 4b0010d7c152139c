import assert from "node:assert/strict";
import { boundingBox, peak } from "./localize.ts";

Deno.test("peak() finds the maximum, first in row-major order on ties", () => {
  const map = new Float32Array([
    ...[0, 1, 0],
    ...[3, 0, 3],
  ]);
  assert.deepEqual(peak(map, { width: 3, height: 2 }), { x: 0, y: 1 });
  assert.deepEqual(peak(new Float32Array(4), { width: 2, height: 2 }), {
    x: 0,
    y: 0,
  });
});

Deno.test("boundingBox() boxes the largest 8-connected region", () => {
  // Two regions above 0.2·max = 0.2: a 1-pixel one at (0, 0) holding the
  // maximum, and a 4-pixel one joined only diagonally at (3, 1)–(4, 2).
  const map = new Float32Array([
    ...[1.0, 0.0, 0.0, 0.0, 0.0],
    ...[0.0, 0.0, 0.0, 0.5, 0.0],
    ...[0.0, 0.0, 0.0, 0.0, 0.3],
    ...[0.0, 0.0, 0.0, 0.3, 0.1],
  ]);
  // (3, 1), (4, 2), (3, 3) are on (≥ 0.2); (4, 3) = 0.1 is off.
  assert.deepEqual(boundingBox(map, { width: 5, height: 4 }), {
    x: 3,
    y: 1,
    width: 2,
    height: 3,
  });
});

Deno.test("boundingBox() threshold is a fraction of the maximum", () => {
  const map = new Float32Array([
    ...[10, 6, 2],
    ...[0, 0, 0],
  ]);
  const size = { width: 3, height: 2 };
  // ≥ 0.5·10 = 5: pixels 0, 1
  assert.deepEqual(boundingBox(map, size, { threshold: 0.5 }), {
    x: 0,
    y: 0,
    width: 2,
    height: 1,
  });
  // default 0.2 → ≥ 2: pixels 0, 1, 2
  assert.deepEqual(boundingBox(map, size), {
    x: 0,
    y: 0,
    width: 3,
    height: 1,
  });
});

Deno.test("boundingBox() keeps the first region on equal sizes", () => {
  const map = new Float32Array([1, 0, 1]);
  assert.deepEqual(boundingBox(map, { width: 3, height: 1 }), {
    x: 0,
    y: 0,
    width: 1,
    height: 1,
  });
});

Deno.test("boundingBox() is null for a map with nothing above zero", () => {
  const size = { width: 2, height: 2 };
  assert.equal(boundingBox(new Float32Array(4), size), null);
  assert.equal(boundingBox(new Float32Array(4).fill(-1), size), null);
});

Deno.test("boundingBox() handles large maps without recursion", () => {
  // 2000×2000 with one snake-shaped region through every row
  const width = 2000, height = 2000;
  const map = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    if (y % 2 === 0) map.fill(1, y * width, (y + 1) * width);
    else map[y * width + (y % 4 === 1 ? width - 1 : 0)] = 1;
  }
  assert.deepEqual(boundingBox(map, { width, height }), {
    x: 0,
    y: 0,
    width,
    height,
  });
});

Deno.test("boundingBox() rejects a threshold outside [0, 1]", () => {
  assert.throws(
    () =>
      boundingBox(new Float32Array(1), { width: 1, height: 1 }, {
        threshold: 20,
      }),
    { name: "RangeError", message: /threshold 20 is out of range/ },
  );
});
