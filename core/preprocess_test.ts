import assert from "node:assert/strict";
import { fitToInput, mapToImage, toInput } from "./preprocess.ts";
import type { RgbaImage } from "./types.ts";
import { assertClose } from "./_testing.ts";

/** Two pixels: (255, 0, 51) and (0, 128, 255). */
const image: RgbaImage = {
  width: 2,
  height: 1,
  data: new Uint8ClampedArray([255, 0, 51, 255, 0, 128, 255, 255]),
};

function gradient(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    data.set([p % 256, 0, 0, 255], p * 4);
  }
  return { width, height, data };
}

Deno.test("toInput() unit, symmetric and raw scale each RGB value", () => {
  assertClose(toInput(image, { preprocess: "unit" }), [
    ...[1, 0, 0.2],
    ...[0, 128 / 255, 1],
  ]);
  // x / 127.5 − 1
  assertClose(toInput(image, { preprocess: "symmetric" }), [
    ...[1, -1, -0.6],
    ...[-1, 0.5 / 127.5, 1],
  ]);
  assertClose(toInput(image, { preprocess: "raw" }), [255, 0, 51, 0, 128, 255]);
});

Deno.test("toInput() imagenet subtracts torchvision's mean and divides by std", () => {
  // R: (255/255 − 0.485) / 0.229 = 0.515 / 0.229 = 2.2489083
  // G: (0 − 0.456) / 0.224 = −2.0357143
  // B: (51/255 − 0.406) / 0.225 = −0.206 / 0.225 = −0.9155556
  assertClose(toInput(image, { preprocess: "imagenet" }).subarray(0, 3), [
    2.2489083,
    -2.0357143,
    -0.9155556,
  ]);
});

Deno.test("toInput() caffe is BGR minus the BGR means", () => {
  // [B − 103.939, G − 116.779, R − 123.68]
  assertClose(
    toInput(image, { preprocess: "caffe" }),
    [
      ...[51 - 103.939, 0 - 116.779, 255 - 123.68],
      ...[255 - 103.939, 128 - 116.779, 0 - 123.68],
    ],
    1e-4,
  );
});

Deno.test("toInput() one channel is luminance, taken before scaling", () => {
  // 0.299·255 + 0.587·0 + 0.114·51 = 76.245 + 5.814 = 82.059
  // 0.299·0 + 0.587·128 + 0.114·255 = 75.136 + 29.07 = 104.206
  assertClose(toInput(image, { preprocess: "raw", channels: 1 }), [
    82.059,
    104.206,
  ], 1e-4);
  assertClose(toInput(image, { preprocess: "unit", channels: 1 }), [
    82.059 / 255,
    104.206 / 255,
  ]);
  // imagenet uses the mean of the means and stds: (82.059/255 − 0.449) / 0.226
  assertClose(
    toInput(image, { preprocess: "imagenet", channels: 1 }).subarray(0, 1),
    [(82.059 / 255 - 0.449) / 0.226],
  );
});

Deno.test("toInput() names the valid preprocessings for an unknown one", () => {
  assert.throws(
    // @ts-expect-error: not a PreprocessName
    () => toInput(image, { preprocess: "tf" }),
    {
      name: "RangeError",
      message:
        'Unknown preprocess "tf": use one of unit, symmetric, imagenet, caffe, raw',
    },
  );
  // @ts-expect-error: not 1 or 3
  assert.throws(() => toInput(image, { preprocess: "unit", channels: 2 }), {
    name: "RangeError",
    message: /Invalid channel count 2/,
  });
});

Deno.test("fitToInput() crop takes the largest centred region of the model's aspect", () => {
  const wide = gradient(400, 200);
  const fitted = fitToInput(wide, { width: 100, height: 100, resize: "crop" });
  assert.deepEqual(fitted.region, { x: 100, y: 0, width: 200, height: 200 });
  assert.equal(fitted.image.width, 100);
  assert.equal(fitted.image.height, 100);
  // portrait 200×400 into a 2:1 input: full width, 100 rows centred at y = 150
  const tall = fitToInput(gradient(200, 400), {
    width: 100,
    height: 50,
    resize: "crop",
  });
  assert.deepEqual(tall.region, { x: 0, y: 150, width: 200, height: 100 });
});

Deno.test("fitToInput() crop keeps the pixels of the region", () => {
  // 3×1 → 1×1: the middle pixel, unchanged
  const strip: RgbaImage = {
    width: 3,
    height: 1,
    data: new Uint8ClampedArray([1, 2, 3, 255, 40, 50, 60, 255, 7, 8, 9, 255]),
  };
  const { image: out, region } = fitToInput(strip, {
    width: 1,
    height: 1,
    resize: "crop",
  });
  assert.deepEqual(region, { x: 1, y: 0, width: 1, height: 1 });
  assert.deepEqual([...out.data], [40, 50, 60, 255]);
});

Deno.test("fitToInput() stretch resizes the whole image", () => {
  const { image: out, region } = fitToInput(gradient(400, 200), {
    width: 100,
    height: 100,
    resize: "stretch",
  });
  assert.deepEqual(region, { x: 0, y: 0, width: 400, height: 200 });
  assert.equal(out.data.length, 100 * 100 * 4);
});

Deno.test("mapToImage() resizes into the region and zeroes the rest", () => {
  // 2×1 map [0, 6] → 3×1 region: [0, 3, 6] (x = −1/6 → 0, 0.5, 7/6 → 1)
  const map = mapToImage(new Float32Array([0, 6]), { width: 2, height: 1 }, {
    imageWidth: 5,
    imageHeight: 2,
    region: { x: 1, y: 1, width: 3, height: 1 },
  });
  assertClose(map, [0, 0, 0, 0, 0, 0, 0, 3, 6, 0]);
});

Deno.test("mapToImage() rejects a region outside the image", () => {
  assert.throws(
    () =>
      mapToImage(new Float32Array(1), { width: 1, height: 1 }, {
        imageWidth: 4,
        imageHeight: 4,
        region: { x: 2, y: 0, width: 3, height: 4 },
      }),
    { name: "RangeError", message: /outside the 4×4 image/ },
  );
});
