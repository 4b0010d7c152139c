import assert from "node:assert/strict";
import { fromBase64, toBase64 } from "./base64.ts";

Deno.test("toBase64() matches btoa with and without the built-in encoder", () => {
  const bytes = new Uint8Array(100_003).map((_, i) => (i * 31) % 256);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  const expected = btoa(binary);
  assert.equal(toBase64(bytes), expected);
  const plain = bytes.slice();
  Object.defineProperty(plain, "toBase64", { value: undefined });
  assert.equal(toBase64(plain), expected);
  assert.deepEqual(fromBase64(expected), bytes);
});
