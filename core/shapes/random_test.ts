import assert from "node:assert/strict";
import { createRandom, hashSeed } from "./random.ts";

Deno.test("createRandom() repeats for a seed and differs between seeds", () => {
  const draw = (seed: number) => {
    const r = createRandom(seed);
    return Array.from({ length: 8 }, () => r.next());
  };
  assert.deepEqual(draw(1), draw(1));
  assert.notDeepEqual(draw(1), draw(2));
  assert.notDeepEqual(draw(2 ** 40), draw(0));
});

Deno.test("createRandom() draws uniform values in range", () => {
  const r = createRandom(7);
  const counts = new Array(6).fill(0);
  let sum = 0, squares = 0;
  for (let i = 0; i < 60000; i++) {
    const k = r.int(0, 6);
    assert.ok(Number.isInteger(k) && k >= 0 && k < 6);
    counts[k]++;
    const n = r.normal();
    sum += n;
    squares += n * n;
  }
  for (const c of counts) assert.ok(Math.abs(c - 10000) < 500, `${counts}`);
  assert.ok(Math.abs(sum / 60000) < 0.02);
  assert.ok(Math.abs(squares / 60000 - 1) < 0.03);
  const x = r.range(2, 3);
  assert.ok(x >= 2 && x < 3);
  assert.equal(r.pick(["only"]), "only");
});

Deno.test("hashSeed() separates seeds and streams and rejects non-integers", () => {
  const hashes = new Set<number>();
  for (let seed = 0; seed < 1000; seed++) hashes.add(hashSeed(seed));
  for (let stream = 1; stream < 1000; stream++) hashes.add(hashSeed(0, stream));
  assert.equal(hashes.size, 1999);
  assert.notEqual(hashSeed(1, 0), hashSeed(0, 1));
  assert.throws(() => hashSeed(0.5), {
    name: "RangeError",
    message: /seed 0.5/,
  });
  assert.throws(() => createRandom(1).pick([]), { name: "RangeError" });
});
