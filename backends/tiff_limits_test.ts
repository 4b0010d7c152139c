/**
 * `decodeTiff` at its limits: images over the size limits are refused
 * before any pixel buffer is made, `decodeImage` keeps its messages, and
 * every truncation and hundreds of random corruptions of valid files give
 * an image or a clear error, never a crash or a hang.
 */
import assert from "node:assert/strict";
import { decodeTiff } from "./tiff.ts";
import { decodeImage } from "./image_io.ts";
import { encodeTiff } from "../tests/fixtures/tiff_encode.ts";
import { RGB } from "../tests/fixtures/tiff_images.ts";

Deno.test("decodeTiff() refuses images over the limits before reading pixels", async () => {
  // 20000 pixels wide, no real strip: the size alone is refused.
  const huge = await encodeTiff({
    ...RGB,
    tags: [[256, 4, [20000]], [273, 4, [999999]]],
  });
  await assert.rejects(
    () => decodeTiff(huge, { name: "big.tif" }),
    (e: Error) =>
      e instanceof RangeError &&
      e.message ===
        'Image "big.tif" is 20000x11 pixels: camkit reads images up to 16384 pixels a side and 64 megapixels; downscale it first',
  );
  await assert.rejects(
    () => decodeImage(huge, { name: "big.tif" }),
    (e: Error) => e instanceof RangeError && /20000x11 pixels/.test(e.message),
  );
  const small = await encodeTiff(RGB);
  await assert.rejects(
    () => decodeTiff(small, { maxPixels: 100 }),
    /13x11 pixels/,
  );
  assert.equal((await decodeTiff(small, { maxPixels: 143 })).width, 13);
});

Deno.test("decodeImage() passes decodeTiff's messages through unchanged", async () => {
  const jpeg = await encodeTiff({ ...RGB, tags: [[259, 3, [7]]] });
  await assert.rejects(() => decodeImage(jpeg, { name: "scan.tif" }), {
    name: "RangeError",
    message:
      'Cannot read TIFF image "scan.tif": it uses JPEG compression (Compression 7), which camkit does not decode; convert it to PNG',
  });
});

/** Decodes, accepting only an image of the right size or a clear error. */
async function decodesOrRefuses(
  bytes: Uint8Array,
  what: string,
): Promise<void> {
  try {
    const image = await decodeTiff(bytes);
    assert.equal(image.data.length, image.width * image.height * 4, what);
  } catch (error) {
    assert.ok(
      error instanceof SyntaxError || error instanceof RangeError,
      `${what}: ${error}`,
    );
    assert.match(
      (error as Error).message,
      /^(Cannot (decode|read) TIFF image|Image) "image"/,
      what,
    );
  }
}

Deno.test("decodeTiff() gives an image or a clear error for every truncation and random corruption", async () => {
  const files = await Promise.all([
    encodeTiff({ ...RGB, compression: 5, predictor: 2, rowsPerStrip: 4 }),
    encodeTiff({
      ...RGB,
      compression: 8,
      tile: { width: 16, height: 16 },
      bigEndian: true,
    }),
    encodeTiff({ ...RGB, compression: 32773, planar: true, rowsPerStrip: 3 }),
    encodeTiff({
      ...RGB,
      photometric: 3,
      samplesPerPixel: 1,
      samples: new Array(143).fill(0).map((_, i) => i & 3),
      bits: 2,
      colorMap: new Array(12).fill(4000),
      compression: 5,
    }),
  ]);
  let seed = 12345;
  const random = (n: number) => (seed = (seed * 1103515245 + 12345) >>> 0) % n;
  for (const [f, file] of files.entries()) {
    for (let length = 0; length < file.length; length++) {
      await decodesOrRefuses(
        file.subarray(0, length),
        `file ${f} cut to ${length} bytes`,
      );
    }
    for (let i = 0; i < 300; i++) {
      const bad = file.slice();
      for (let k = 0; k < 1 + random(3); k++) {
        bad[random(bad.length)] = random(256);
      }
      await decodesOrRefuses(bad, `file ${f}, corruption ${i}`);
    }
  }
});
