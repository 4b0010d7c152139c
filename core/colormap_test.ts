import assert from "node:assert/strict";
import { colorize, colormap, COLORMAP_NAMES } from "./colormap.ts";
import { assertClose } from "./_testing.ts";

/** Entry i of a lookup table as [r, g, b]. */
function at(lut: Uint8ClampedArray, i: number): number[] {
  return [...lut.subarray(i * 3, i * 3 + 3)];
}

Deno.test("colormap() returns 256 RGB entries for every name", () => {
  for (const name of COLORMAP_NAMES) assert.equal(colormap(name).length, 768);
});

Deno.test("colormap() viridis and inferno end where matplotlib's do", () => {
  assertClose(at(colormap("viridis"), 0), [68, 1, 84], 3);
  assertClose(at(colormap("viridis"), 255), [253, 231, 37], 3);
  assertClose(at(colormap("inferno"), 0), [0, 0, 4], 3);
  assertClose(at(colormap("inferno"), 255), [252, 255, 164], 3);
  // matplotlib, round(cmap(128)[:3] * 255)
  assertClose(at(colormap("viridis"), 128), [33, 145, 140], 1);
  assertClose(at(colormap("inferno"), 128), [188, 55, 84], 1);
  assertClose(at(colormap("turbo"), 0), [48, 18, 59], 1);
  assertClose(at(colormap("turbo"), 255), [122, 4, 3], 1);
});

Deno.test("colormap() jet runs from dark blue to dark red like OpenCV", () => {
  // cv2.applyColorMap(np.uint8([[0, 32, ..., 255]]), cv2.COLORMAP_JET), as RGB
  const opencv: [number, number[]][] = [
    [0, [0, 0, 128]],
    [32, [0, 0, 255]],
    [64, [0, 128, 255]],
    [96, [2, 255, 254]],
    [128, [130, 255, 126]],
    [160, [255, 252, 0]],
    [192, [255, 124, 0]],
    [224, [252, 0, 0]],
    [255, [128, 0, 0]],
  ];
  const jet = colormap("jet");
  for (const [i, rgb] of opencv) assertClose(at(jet, i), rgb, 1);
});

Deno.test("colormap() gray is v·255", () => {
  const gray = colormap("gray");
  assert.deepEqual(at(gray, 0), [0, 0, 0]);
  assert.deepEqual(at(gray, 100), [100, 100, 100]);
  assert.deepEqual(at(gray, 255), [255, 255, 255]);
});

Deno.test("colormap() names the valid colormaps for an unknown one", () => {
  assert.throws(() => colormap("rainbow"), {
    name: "RangeError",
    message:
      'Unknown colormap "rainbow": use one of jet, turbo, viridis, inferno, gray',
  });
});

Deno.test("colorize() picks round(v·255) and clamps to [0, 1]", () => {
  const rgb = colorize(new Float32Array([-1, 0.5, 2, NaN]), {
    colormap: "gray",
  });
  // 0.5·255 = 127.5 → 128
  assert.deepEqual([...rgb], [0, 0, 0, 128, 128, 128, 255, 255, 255, 0, 0, 0]);
});

Deno.test("colorize() uses jet by default", () => {
  assert.deepEqual([...colorize(new Float32Array([0, 1]))], [
    ...at(colormap("jet"), 0),
    ...at(colormap("jet"), 255),
  ]);
});
