import assert from "node:assert/strict";
import { quantizeMap, toBase64 } from "./_answer.ts";

Deno.test("toBase64() matches btoa with and without the built-in encoder", () => {
  const bytes = new Uint8Array(100_003).map((_, i) => (i * 31) % 256);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  const expected = btoa(binary);
  assert.equal(toBase64(bytes), expected);
  const plain = bytes.slice();
  Object.defineProperty(plain, "toBase64", { value: undefined });
  assert.equal(toBase64(plain), expected);
});

Deno.test("quantizeMap() rounds to 8 bits and clamps to [0, 1]", () => {
  const map = new Float32Array([-0.5, 0, 0.25, 0.5, 0.999, 1, 7, NaN]);
  assert.deepEqual([...quantizeMap(map)], [0, 0, 64, 128, 255, 255, 255, 0]);
});
