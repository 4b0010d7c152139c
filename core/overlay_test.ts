import assert from "node:assert/strict";
import { grayscale, overlay } from "./overlay.ts";

const image = {
  width: 2,
  height: 1,
  data: new Uint8ClampedArray([100, 0, 200, 0, 40, 80, 120, 255]),
};

Deno.test("overlay() blends (1 − α)·image + α·colour with opaque alpha", () => {
  // gray colormap: map 1 → 255, map 0 → 0; α = 0.25
  // pixel 0: 0.75·[100, 0, 200] + 0.25·255 = [138.75, 63.75, 213.75]
  // pixel 1: 0.75·[40, 80, 120] + 0 = [30, 60, 90]
  const out = overlay(image, new Float32Array([1, 0]), {
    alpha: 0.25,
    colormap: "gray",
  });
  assert.deepEqual([...out.data], [139, 64, 214, 255, 30, 60, 90, 255]);
  assert.equal(out.width, 2);
  assert.equal(out.height, 1);
});

Deno.test("overlay() defaults to α = 0.5 and jet", () => {
  // jet(1) = (128, 0, 0): 0.5·[100, 0, 200] + 0.5·[128, 0, 0] = [114, 0, 100]
  const out = overlay(image, new Float32Array([1, 1]));
  assert.deepEqual([...out.data.subarray(0, 4)], [114, 0, 100, 255]);
});

Deno.test("overlay() with α = 0 is the image and with α = 1 the heat map", () => {
  const map = new Float32Array([1, 0]);
  const plain = overlay(image, map, { alpha: 0, colormap: "gray" });
  assert.deepEqual([...plain.data], [100, 0, 200, 255, 40, 80, 120, 255]);
  const heat = overlay(image, map, { alpha: 1, colormap: "gray" });
  assert.deepEqual([...heat.data], [255, 255, 255, 255, 0, 0, 0, 255]);
});

Deno.test("overlay() rejects alpha out of range and a map of the wrong size", () => {
  for (const alpha of [-0.1, 1.5, NaN]) {
    assert.throws(() => overlay(image, new Float32Array(2), { alpha }), {
      name: "RangeError",
      message: /Overlay alpha .* is out of range/,
    });
  }
  assert.throws(() => overlay(image, new Float32Array(3)), {
    name: "TypeError",
    message: /3 values but 2×1 needs 2/,
  });
});

Deno.test("grayscale() writes v·255 grey, opaque", () => {
  const out = grayscale(new Float32Array([0, 0.5, 1, 2]), {
    width: 2,
    height: 2,
  });
  assert.deepEqual([...out.data], [
    ...[0, 0, 0, 255],
    ...[128, 128, 128, 255],
    ...[255, 255, 255, 255],
    ...[255, 255, 255, 255],
  ]);
});
