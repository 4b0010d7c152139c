/**
 * TIFF input end to end: `cam classify` run as a real subprocess (the
 * permissions of `deno task cam`) reads a TIFF and predicts exactly what it
 * predicts for the same pixels as PNG; a TIFF it cannot decode fails with
 * one clear line.
 *
 * @module
 */
import assert from "node:assert/strict";
import { decodeImage, encodePng } from "../backends/image_io.ts";
import { runAll } from "./fixtures/cam_process.ts";
import { encodeTiff } from "./fixtures/tiff_encode.ts";
import { specFor } from "./fixtures/tiff_images.ts";

Deno.test("cam classify reads a TIFF as it reads the same image as PNG", async () => {
  const dir = await Deno.makeTempDir({ prefix: "camkit-tiff-" });
  try {
    const png = await Deno.readFile(
      new URL("testdata/chelsea.png", import.meta.url),
    );
    const image = await decodeImage(png);
    const rgba = { ...image, ...specFor(image, "rgba", 8) };
    // As image editors write them: LZW with the predictor, big-endian,
    // strips of 16 rows; and a scanner's JPEG-compressed TIFF.
    await Deno.writeFile(`${dir}/cat.png`, await encodePng(image));
    await Deno.writeFile(
      `${dir}/cat.tif`,
      await encodeTiff({
        ...rgba,
        compression: 5,
        predictor: 2,
        bigEndian: true,
        rowsPerStrip: 16,
      }),
    );
    await Deno.writeFile(
      `${dir}/scan.tif`,
      await encodeTiff({ ...rgba, tags: [[259, 3, [7]]] }),
    );
    const [ok, refused] = await runAll(dir, [
      ["classify", "cat.png", "cat.tif", "--json", "--backend", "cpu"],
      ["classify", "scan.tif", "--backend", "cpu"],
    ]);
    assert.equal(ok.code, 0, ok.stderr);
    const [fromPng, fromTiff] = JSON.parse(ok.stdout).images;
    assert.deepEqual(
      [fromTiff.width, fromTiff.height],
      [image.width, image.height],
    );
    assert.ok(fromPng.predictions.length > 0);
    assert.deepEqual(fromTiff.predictions, fromPng.predictions);

    assert.equal(refused.code, 1, refused.stderr);
    assert.equal(
      refused.stderr.trim(),
      `cam: Cannot read TIFF image "${dir}/scan.tif": it uses JPEG compression (Compression 7), which camkit does not decode; convert it to PNG`,
    );
    assert.equal(refused.stdout, "");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
