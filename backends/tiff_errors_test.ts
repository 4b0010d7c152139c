/**
 * `decodeTiff` on files it must refuse: features it does not decode (a
 * `RangeError` naming the feature and the fix) and corrupt or truncated
 * files (a `SyntaxError` saying what is wrong). Size limits and random
 * damage are in `tiff_limits_test.ts`.
 */
import assert from "node:assert/strict";
import { decodeTiff } from "./tiff.ts";
import { encodeTiff, type TiffSpec } from "../tests/fixtures/tiff_encode.ts";
import { RGB } from "../tests/fixtures/tiff_images.ts";

async function refusal(spec: Partial<TiffSpec>): Promise<Error> {
  const tiff = await encodeTiff({ ...RGB, ...spec });
  try {
    await decodeTiff(tiff, { name: "in.tif" });
  } catch (error) {
    return error as Error;
  }
  throw new Error(`decoded ${JSON.stringify(spec)}`);
}

const UNSUPPORTED: Record<string, [Partial<TiffSpec>, RegExp]> = {
  "JPEG compression": [
    { tags: [[259, 3, [7]]] },
    /JPEG compression \(Compression 7\)/,
  ],
  "old-style JPEG": [{ tags: [[259, 3, [6]]] }, /old-style JPEG compression/],
  "CCITT Group 4": [{ tags: [[259, 3, [4]]] }, /CCITT Group 4 fax compression/],
  "an unknown compression": [
    { tags: [[259, 3, [12345]]] },
    /unknown compression scheme \(Compression 12345\)/,
  ],
  "CMYK": [{
    samplesPerPixel: 4,
    samples: new Array(13 * 11 * 4).fill(9),
    photometric: 5,
  }, /CMYK \(separated\) colour/],
  "YCbCr": [{ photometric: 6 }, /YCbCr colour \(PhotometricInterpretation 6\)/],
  "floating-point samples": [{
    tags: [[339, 3, [3, 3, 3]], [258, 3, [32, 32, 32]]],
  }, /floating-point samples/],
  "signed samples": [{ tags: [[339, 3, [2, 2, 2]]] }, /signed integer samples/],
  "12-bit samples": [{ tags: [[258, 3, [12, 12, 12]]] }, /12-bit samples/],
  "mixed sample sizes": [
    { tags: [[258, 3, [8, 8, 16]]] },
    /samples of different sizes \(8, 8, 16 bits\)/,
  ],
  "the floating-point predictor": [
    { predictor: 3 },
    /floating-point predictor \(Predictor 3\)/,
  ],
  "16-bit palette indices": [{
    photometric: 3,
    samplesPerPixel: 1,
    bits: 16,
    samples: new Array(143).fill(1),
  }, /16-bit palette indices/],
};

for (const [name, [spec, pattern]] of Object.entries(UNSUPPORTED)) {
  Deno.test(`decodeTiff() refuses ${name}, naming it and the fix`, async () => {
    const error = await refusal(spec);
    assert.ok(error instanceof RangeError, String(error));
    assert.match(error.message, /^Cannot read TIFF image "in\.tif": it uses /);
    assert.match(error.message, pattern);
    assert.match(
      error.message,
      /which camkit does not decode; convert it to PNG$/,
    );
  });
}

Deno.test("decodeTiff() refuses BigTIFF and old-style LZW by name", async () => {
  const big = new Uint8Array([
    0x49,
    0x49,
    43,
    0,
    8,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
  await assert.rejects(
    () => decodeTiff(big),
    (e: Error) => e instanceof RangeError && /BigTIFF/.test(e.message),
  );
  const tiff = await encodeTiff({ ...RGB, compression: 5 });
  tiff.set([0x00, 0x01], 8); // the strip's first bytes
  await assert.rejects(
    () => decodeTiff(tiff),
    /old-style LZW compression .*convert it to PNG/,
  );
});

/** A valid file, then `patch` applied to it (in place, or returning a part). */
async function patched(
  spec: Partial<TiffSpec>,
  patch: (b: Uint8Array) => Uint8Array | void = () => {},
): Promise<Uint8Array> {
  const bytes = await encodeTiff({ ...RGB, ...spec });
  return patch(bytes) ?? bytes;
}

const CORRUPT: Record<string, [Promise<Uint8Array>, RegExp]> = {
  "a file shorter than its header": [
    Promise.resolve(new TextEncoder().encode("II*\0")),
    /shorter than a TIFF header/,
  ],
  "a wrong version number": [
    patched({}, (b) => {
      b[2] = 41;
    }),
    /version number 41 is not TIFF's 42/,
  ],
  "a directory past the end": [
    patched({}, (b) => b.subarray(0, 300)),
    /first directory's offset 438 lies outside the 300-byte file/,
  ],
  "a directory cut short": [
    patched({}, (b) => b.subarray(0, b.length - 40)),
    /ends past the end/,
  ],
  "no ImageWidth": [
    patched({ omitTags: [256] }),
    /ImageWidth \(tag 256\) is missing or 0/,
  ],
  "ImageWidth as a float": [
    patched({ tags: [[256, 11, [13]]] }),
    /ImageWidth \(tag 256\) has field type 11/,
  ],
  "a strip past the end": [
    patched({ tags: [[273, 4, [999999]]] }),
    /strip 0 \(bytes 999999 to \d+\) ends past the end/,
  ],
  "a missing strip": [patched({ tags: [[279, 4, [0]]] }), /strip 0 is empty/],
  "a short uncompressed strip": [
    patched({ tags: [[279, 4, [100]]] }),
    /strip 0: holds only 100 of its 429 bytes/,
  ],
  "too few strip offsets": [
    patched({ tags: [[278, 4, [1]]] }),
    /StripOffsets \(tag 273\) has 1 values where 11 are needed/,
  ],
  "no StripOffsets": [
    patched({ omitTags: [273] }),
    /StripOffsets \(tag 273\) is missing/,
  ],
  "no StripByteCounts with LZW": [
    patched({ compression: 5, omitTags: [279] }),
    /StripByteCounts \(tag 279\) is missing/,
  ],
  "RGB with one sample": [
    patched({ samplesPerPixel: 1, samples: new Array(143).fill(0) }),
    /SamplesPerPixel \(tag 277\) is 1, which does not fit RGB/,
  ],
  "a palette without ColorMap": [
    patched({
      photometric: 3,
      samplesPerPixel: 1,
      samples: new Array(143).fill(0),
    }),
    /lacks ColorMap \(tag 320\)/,
  ],
  "zero-sized tiles": [
    patched({ tile: { width: 16, height: 16 }, tags: [[322, 3, [0]]] }),
    /tiles are 0x16 pixels/,
  ],
  "oversized tiles": [
    patched({
      tile: { width: 16, height: 16 },
      tags: [[322, 4, [65536]], [323, 4, [65536]]],
    }),
    /65536x65536 tiles are larger than the 13x11 image needs/,
  ],
  "cut LZW data": [
    patched({ compression: 5 }, (b) => {
      b.fill(0xff, 20, 28);
    }),
    /strip 0: its LZW data uses code \d+ before defining it/,
  ],
  "short LZW data": [
    patched({ compression: 5 }, (b) => {
      b.fill(0, 8, 40);
    }),
    /strip 0: its LZW data (ends after|uses code)/,
  ],
  "invalid Deflate data": [
    patched({ compression: 8 }, (b) => {
      b.fill(0x55, 10, 30);
    }),
    /strip 0: its Deflate data is invalid/,
  ],
  "short PackBits data": [
    patched({ compression: 32773, tags: [[279, 4, [40]]] }),
    /strip 0: its PackBits data ends after \d+ of the 429 bytes/,
  ],
};

for (const [name, [file, pattern]] of Object.entries(CORRUPT)) {
  Deno.test(`decodeTiff() reports ${name} as corrupt`, async () => {
    const bytes = await file;
    const error = await decodeTiff(bytes, { name: "in.tif" }).then(
      () => undefined,
      (e) => e,
    );
    assert.ok(error instanceof SyntaxError, `${name}: ${error}`);
    assert.match(
      error.message,
      /^Cannot decode TIFF image "in\.tif": it is corrupt or truncated \(/,
    );
    assert.match(error.message, pattern);
  });
}
