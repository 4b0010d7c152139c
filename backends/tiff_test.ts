/**
 * `decodeTiff` on every layout it reads, written by the test encoder in
 * both byte orders: each decodes to exactly the RGBA image it was made
 * from. Errors and robustness are in `tiff_errors_test.ts`.
 */
import assert from "node:assert/strict";
import { decodeTiff, tiffSize } from "./tiff.ts";
import { decodeImage, sniffImage } from "./image_io.ts";
import { encodeTiff, type TiffSpec } from "../tests/fixtures/tiff_encode.ts";
import {
  asKind,
  type Kind,
  noise,
  sourceImage,
  specFor,
} from "../tests/fixtures/tiff_images.ts";

interface Case {
  kind: Kind;
  bits?: number;
  layout: Partial<TiffSpec>;
}

const CASES: Record<string, Case> = {
  "RGB, uncompressed, one strip": { kind: "rgb", layout: {} },
  "RGB, PackBits, strips of 3 rows": {
    kind: "rgb",
    layout: { compression: 32773, rowsPerStrip: 3 },
  },
  "RGB, LZW, Predictor 2, strips of 4 rows": {
    kind: "rgb",
    layout: { compression: 5, predictor: 2, rowsPerStrip: 4 },
  },
  "RGB, Deflate, Predictor 2, 16x16 tiles": {
    kind: "rgb",
    layout: { compression: 8, predictor: 2, tile: { width: 16, height: 16 } },
  },
  "RGB, Adobe Deflate, planar strips": {
    kind: "rgb",
    layout: { compression: 32946, planar: true, rowsPerStrip: 5 },
  },
  "RGBA, LZW, planar 8x8 tiles": {
    kind: "rgba",
    layout: { compression: 5, planar: true, tile: { width: 8, height: 8 } },
  },
  "RGBA, PackBits, Predictor 2": {
    kind: "rgba",
    layout: { compression: 32773, predictor: 2 },
  },
  "grey, PackBits, strips of 2 rows": {
    kind: "grey",
    layout: { compression: 32773, rowsPerStrip: 2 },
  },
  "grey + alpha, Deflate, Predictor 2": {
    kind: "greyAlpha",
    layout: { compression: 8, predictor: 2 },
  },
  "grey, 1 bit, LZW, strips of 3 rows": {
    kind: "grey",
    bits: 1,
    layout: { compression: 5, rowsPerStrip: 3 },
  },
  "grey, 2 bits, uncompressed": { kind: "grey", bits: 2, layout: {} },
  "grey, 4 bits, PackBits, 16x8 tiles": {
    kind: "grey",
    bits: 4,
    layout: { compression: 32773, tile: { width: 16, height: 8 } },
  },
  "grey, 16 bits, Deflate, Predictor 2": {
    kind: "grey",
    bits: 16,
    layout: { compression: 8, predictor: 2 },
  },
  "RGB, 16 bits, LZW, Predictor 2, planar tiles": {
    kind: "rgb",
    bits: 16,
    layout: {
      compression: 5,
      predictor: 2,
      planar: true,
      tile: { width: 16, height: 16 },
    },
  },
  "RGBA, 16 bits, uncompressed": { kind: "rgba", bits: 16, layout: {} },
  "RGBA, 16 bits, Deflate, Predictor 2, strips of 4 rows": {
    kind: "rgba",
    bits: 16,
    layout: { compression: 8, predictor: 2, rowsPerStrip: 4 },
  },
  "palette, 8 bits, LZW": {
    kind: "palette",
    layout: { compression: 5, rowsPerStrip: 6 },
  },
  "palette, 4 bits, Deflate, 8x8 tiles": {
    kind: "palette",
    bits: 4,
    layout: { compression: 8, tile: { width: 8, height: 8 } },
  },
};

for (const [name, { kind, bits = 8, layout }] of Object.entries(CASES)) {
  Deno.test(`decodeTiff() reads ${name}, II and MM`, async () => {
    const image = asKind(sourceImage(), kind, bits);
    for (const bigEndian of [false, true]) {
      const spec = {
        ...image,
        ...specFor(image, kind, bits),
        bits,
        bigEndian,
        ...layout,
      };
      const tiff = await encodeTiff(spec);
      const decoded = await decodeTiff(tiff, { name: "case.tif" });
      assert.equal(decoded.width, image.width);
      assert.equal(decoded.height, image.height);
      assert.deepEqual(decoded.data, image.data, bigEndian ? "MM" : "II");
    }
  });
}

Deno.test("decodeTiff() reads LZW through 12-bit codes and table resets", async () => {
  // Noise makes short strings: the table fills several times, so codes
  // widen to 10, 11 and 12 bits and Clear comes.
  const width = 120, height = 100;
  const samples = noise(width * height * 3, 7);
  const tiff = await encodeTiff({
    width,
    height,
    samples,
    samplesPerPixel: 3,
    photometric: 2,
    compression: 5,
  });
  // Codes are at most 12 bits: more than 2 × 4094 codes fill the table twice.
  const codes = (tiff.length - 200) * 8 / 12;
  assert.ok(codes > 2 * 4094, `only ${codes} LZW codes`);
  const { data } = await decodeTiff(tiff);
  for (let i = 0; i < width * height; i++) {
    assert.deepEqual([...data.subarray(i * 4, i * 4 + 4)], [
      ...samples.subarray(i * 3, i * 3 + 3),
      255,
    ], `pixel ${i}`);
  }
});

Deno.test("decodeTiff() rounds 16-bit samples to the nearest 8-bit level", async () => {
  const samples = [0, 128, 129, 255, 385, 386, 65279, 65406, 65535];
  for (const bigEndian of [false, true]) {
    const tiff = await encodeTiff({
      width: samples.length,
      height: 1,
      samples,
      samplesPerPixel: 1,
      photometric: 1,
      bits: 16,
      bigEndian,
    });
    const { data } = await decodeTiff(tiff);
    const grey = [...data].filter((_, i) => i % 4 === 0);
    assert.deepEqual(grey, [0, 0, 1, 1, 1, 2, 254, 254, 255]);
  }
});

Deno.test("decodeTiff() inverts WhiteIsZero and reads 1-bit bilevel images", async () => {
  // 10 pixels wide: each 1-bit row takes 2 bytes, 6 bits of padding.
  const samples = Array.from(
    { length: 20 },
    (_, i) => (i * 7) % 3 === 0 ? 1 : 0,
  );
  for (const photometric of [0, 1]) {
    const tiff = await encodeTiff({
      width: 10,
      height: 2,
      samples,
      samplesPerPixel: 1,
      photometric,
      bits: 1,
    });
    const { data } = await decodeTiff(tiff);
    const grey = [...data].filter((_, i) => i % 4 === 0);
    const white = photometric === 0 ? 0 : 1;
    assert.deepEqual(grey, samples.map((s) => s === white ? 255 : 0));
  }
});

Deno.test("decodeTiff() un-premultiplies associated alpha and ignores unspecified extras", async () => {
  const decode = async (extraSamples: number[]) => {
    const tiff = await encodeTiff({
      width: 2,
      height: 1,
      photometric: 2,
      samplesPerPixel: 4,
      samples: [50, 100, 0, 100, 9, 9, 9, 0],
      extraSamples,
    });
    return [...(await decodeTiff(tiff)).data];
  };
  // ExtraSamples 1, associated alpha: colour ÷ alpha; 0, unspecified: opaque.
  assert.deepEqual(await decode([1]), [128, 255, 0, 100, 9, 9, 9, 0]);
  assert.deepEqual(await decode([0]), [50, 100, 0, 255, 9, 9, 9, 255]);
});

Deno.test("decodeTiff() reads reversed bit order (FillOrder 2)", async () => {
  const image = asKind(sourceImage(), "grey", 1);
  const spec = { ...image, ...specFor(image, "grey", 1), bits: 1 };
  const plain = await encodeTiff(spec);
  const reversed = await encodeTiff({ ...spec, tags: [[266, 3, [2]]] });
  const view = new DataView(reversed.buffer);
  const stripAt = 8, stripBytes = 2 * image.height;
  for (let i = stripAt; i < stripAt + stripBytes; i++) {
    let r = 0;
    for (let b = 0; b < 8; b++) r |= ((reversed[i] >> b) & 1) << (7 - b);
    view.setUint8(i, r);
  }
  assert.deepEqual(
    (await decodeTiff(reversed)).data,
    (await decodeTiff(plain)).data,
  );
  assert.deepEqual((await decodeTiff(plain)).data, image.data);
});

Deno.test("decodeImage() decodes TIFF with decodeTiff, and sniffImage() reads its size", async () => {
  const image = asKind(sourceImage(40, 30), "rgb", 8);
  const tiff = await encodeTiff({
    ...image,
    ...specFor(image, "rgb", 8),
    compression: 5,
    predictor: 2,
    bigEndian: true,
  });
  assert.deepEqual(sniffImage(tiff), { format: "TIFF", width: 40, height: 30 });
  assert.deepEqual(tiffSize(tiff), { width: 40, height: 30 });
  assert.deepEqual(await decodeImage(tiff, { name: "x.tif" }), image);
});
