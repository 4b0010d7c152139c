import assert from "node:assert/strict";
import referencePng from "imagescript/wasm/node/png.js";
import referenceJpeg from "imagescript/wasm/node/jpeg.js";
import { decodeWith } from "./image_codecs.ts";

const testdata = new URL("../tests/testdata/", import.meta.url);

Deno.test("decodeWith() gives imagescript's own PNG decoding", async () => {
  const bytes = await Deno.readFile(new URL("chelsea.png", testdata));
  const ours = await decodeWith("png", bytes);
  const theirs = (await referencePng.init()).decode(bytes);
  assert.equal(ours.width, theirs.width);
  assert.equal(ours.height, theirs.height);
  assert.deepEqual(ours.buffer, theirs.framebuffer);
});

Deno.test("decodeWith() gives imagescript's own JPEG decoding", async () => {
  const bytes = await Deno.readFile(new URL("gradient.jpg", testdata));
  const ours = await decodeWith("jpeg", bytes);
  const theirs = (await referenceJpeg.init()).decode(bytes);
  assert.deepEqual(
    [ours.width, ours.height, ours.format],
    [32, 24, 1],
  );
  assert.deepEqual(
    [ours.width, ours.height, ours.format],
    [theirs.width, theirs.height, theirs.format],
  );
  assert.deepEqual(ours.buffer, theirs.buffer);
  // The top-left pixel of the gradient is near (0, 0, 0).
  assert.ok(ours.buffer[0] < 40 && ours.buffer[1] < 40);
});

Deno.test("decodeWith() throws on corrupt input, and decodes after that", async () => {
  const bytes = await Deno.readFile(new URL("gradient.jpg", testdata));
  await assert.rejects(
    () => decodeWith("jpeg", bytes.subarray(0, 200)),
    /jpeg: failed/,
  );
  await assert.rejects(
    () => decodeWith("png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0])),
    /png: failed to decode/,
  );
  assert.equal((await decodeWith("jpeg", bytes)).width, 32);
});
