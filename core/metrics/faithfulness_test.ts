import assert from "node:assert/strict";
import { averageDrop, confidenceChange, maskByMap } from "./average_drop.ts";
import { deletion } from "./deletion.ts";
import { insertion } from "./insertion.ts";
import { gaussianBlur } from "./blur.ts";
import { pixelOrder, sameSteps, trapezoidAuc } from "./_curve.ts";
import type { ClassScorer } from "./types.ts";
import { objectImage, objectMap, objectScorer } from "./_test_maps.ts";

Deno.test("confidenceChange() by hand", () => {
  // Drops: (0.9−0.45)/0.9 = 50 %, (0.5−0.4)/0.5 = 20 %, increase → 0 %,
  // (0.2−0)/0.2 = 100 %; Y = 0 adds 0. Mean over 5 = 34 %.
  const r = confidenceChange([0.9, 0.5, 0.3, 0.2, 0], [0.45, 0.4, 0.6, 0, 0]);
  assert.ok(Math.abs(r.averageDrop - 34) < 1e-9, String(r.averageDrop));
  assert.equal(r.increaseInConfidence, 20);
  assert.deepEqual(confidenceChange([], []), {
    averageDrop: 0,
    increaseInConfidence: 0,
  });
  assert.throws(() => confidenceChange([1], []), /give one pair per image/);
});

Deno.test("averageDrop() scores image and image ⊙ map with a fake model", async () => {
  const image = objectImage();
  const { scorer, calls } = objectScorer();
  // Map 1 on the object keeps it (score 1 → 1, no drop); map 0.5 halves its
  // red (score 1 → 0, drop 100 %); the third map keeps 8 of 16 pixels.
  const partial = objectMap(1, 0);
  for (let y = 5; y < 7; y++) partial.fill(0.5, y * 10 + 2, y * 10 + 6);
  const samples = [objectMap(1, 0), objectMap(0.5, 1), partial].map((map) => ({
    image,
    classIndex: 0,
    map,
  }));
  const result = await averageDrop(samples, scorer, { batchSize: 2 });
  assert.deepEqual(result.original, [1, 1, 1]);
  assert.deepEqual(result.explained, [1, 0, 0.5]);
  assert.equal(result.averageDrop, 50); // (0 + 100 + 50) / 3
  assert.equal(result.increaseInConfidence, 0);
  // The shared original is scored once: 1 + 3 images in batches of 2.
  assert.deepEqual(calls, [2, 2]);
});

Deno.test("averageDrop() counts an increase in confidence", async () => {
  // Fake model: score = 1 − mean brightness / 255, so darkening raises it.
  const scorer: ClassScorer = (images) =>
    Promise.resolve(images.map((im) => {
      let sum = 0;
      for (let i = 0; i < im.data.length; i += 4) sum += im.data[i];
      return 1 - sum / (255 * im.width * im.height);
    }));
  const image = {
    width: 2,
    height: 1,
    data: new Uint8ClampedArray([255, 0, 0, 255, 51, 0, 0, 255]),
  };
  const r = await averageDrop(
    [{ image, classIndex: 0, map: new Float32Array([0, 1]) }],
    scorer,
  );
  assert.deepEqual(r.original, [0.4]);
  assert.deepEqual(r.explained, [0.9]);
  assert.equal(r.increaseInConfidence, 100);
  assert.equal(r.averageDrop, 0);
});

Deno.test("maskByMap() multiplies RGB by the clamped map and keeps alpha", () => {
  const image = {
    width: 3,
    height: 1,
    data: new Uint8ClampedArray([
      100,
      200,
      50,
      128,
      100,
      200,
      50,
      255,
      10,
      10,
      10,
      255,
    ]),
  };
  const out = maskByMap(image, new Float32Array([0.5, -1, 2]));
  assert.deepEqual([...out.data], [
    50,
    100,
    25,
    128,
    0,
    0,
    0,
    255,
    10,
    10,
    10,
    255,
  ]);
  assert.throws(
    () => maskByMap(image, new Float32Array(2)),
    /give the map at the image's size/,
  );
});

Deno.test("deletion() and insertion(): object-first map by hand", async () => {
  // 100 pixels, N = 4 steps of 25. The map ranks the 16 object pixels
  // first, so step 1 already removes (inserts) the whole object.
  // deletion 1, 0, 0, 0, 0 → AUC (0.5)/4 = 0.125
  // insertion 0, 1, 1, 1, 1 → AUC (0.5 + 3)/4 = 0.875
  const samples = [{
    image: objectImage(),
    classIndex: 0,
    map: objectMap(1, 0.2),
  }];
  const { scorer } = objectScorer();
  const del = await deletion(samples, scorer, { steps: 4 });
  assert.deepEqual([...del.curves[0]], [1, 0, 0, 0, 0]);
  assert.equal(del.auc[0], 0.125);
  for (const start of ["blur", "black"] as const) {
    const ins = await insertion(samples, scorer, { steps: 4, start });
    assert.deepEqual([...ins.curves[0]], [0, 1, 1, 1, 1], start);
    assert.equal(ins.auc[0], 0.875);
  }
});

Deno.test("deletion() and insertion(): object-last map by hand", async () => {
  // The 84 background pixels go first: the object survives 3 steps.
  // deletion 1, 1, 1, 1, 0 → (1 + 1 + 1 + 0.5)/4 = 0.875
  // insertion 0, 0, 0, 0, 1 → 0.5/4 = 0.125
  const samples = [{
    image: objectImage(),
    classIndex: 0,
    map: objectMap(0, 1),
  }];
  const { scorer } = objectScorer();
  assert.equal((await deletion(samples, scorer, { steps: 4 })).auc[0], 0.875);
  assert.equal((await insertion(samples, scorer, { steps: 4 })).auc[0], 0.125);
  // Finer steps: N = 10, 10 pixels a step. Deletion keeps 16 object pixels
  // until step 9 (90 removed: 84 background + 6 object → 10/16 left).
  const fine = await deletion(samples, scorer, { steps: 10 });
  assert.deepEqual([...fine.curves[0]], [
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    1,
    10 / 16,
    0,
  ]);
  assert.ok(
    Math.abs(fine.auc[0] - (8 + (1 + 10 / 16) / 2 + 10 / 32) / 10) < 1e-12,
  );
});

Deno.test("deletion() scores shared end images once and batches", async () => {
  const image = objectImage();
  const { scorer, calls } = objectScorer();
  const samples = [objectMap(1, 0), objectMap(0, 1)].map((map) => ({
    image,
    classIndex: 0,
    map,
  }));
  await deletion(samples, scorer, { steps: 4, batchSize: 3 });
  // 2 shared ends + 2 × 3 inner steps = 8 images: batches 3, 3, 2.
  assert.deepEqual(calls, [3, 3, 2]);
});

Deno.test("deletion() scores a step image shared by two maps once", async () => {
  const image = objectImage();
  const { scorer, calls } = objectScorer();
  // Same pixel sets at every step: a rescaled map, and one that ranks the
  // object's pixels in another order (steps of 25 take all 16 at once).
  const shuffled = objectMap(1, 0);
  for (let y = 3; y < 7; y++) {
    for (let x = 2; x < 6; x++) {
      shuffled[y * 10 + x] = 1 + ((x * 7 + y * 3) % 5);
    }
  }
  const maps = [objectMap(1, 0), objectMap(0.5, 0), shuffled, objectMap(0, 1)];
  const samples = maps.map((map) => ({ image, classIndex: 0, map }));
  const result = await deletion(samples, scorer, { steps: 4, batchSize: 100 });
  // 2 ends + 3 inner steps for the first three maps + 3 for the last.
  assert.deepEqual(calls, [8]);
  assert.deepEqual(result.auc, [0.125, 0.125, 0.125, 0.875]);
  // Another class is another question: no sharing.
  calls.length = 0;
  await deletion(
    [samples[0], { ...samples[1], classIndex: 1 }],
    scorer,
    { steps: 4, batchSize: 100 },
  );
  assert.deepEqual(calls, [10]);
});

Deno.test("sameSteps() compares the sets taken by each step, not the orders", () => {
  const a = new Uint32Array([0, 1, 2, 3, 4, 5]);
  assert.deepEqual(sameSteps(a, new Uint32Array([1, 0, 3, 2, 5, 4]), 3), [
    true,
    true,
  ]);
  assert.deepEqual(sameSteps(a, new Uint32Array([1, 0, 2, 4, 3, 5]), 3), [
    true,
    false,
  ]);
  assert.deepEqual(sameSteps(a, new Uint32Array([0, 2, 1, 3, 4, 5]), 3), [
    false,
    true,
  ]);
  // Reversed: the same set only at the two ends, which are not compared.
  assert.deepEqual(
    sameSteps(a, new Uint32Array([5, 4, 3, 2, 1, 0]), 6),
    [false, false, false, false, false],
  );
});

Deno.test("deletion() rejects a scorer that miscounts and bad options", async () => {
  const samples = [{
    image: objectImage(),
    classIndex: 0,
    map: objectMap(1, 0),
  }];
  const short: ClassScorer = () => Promise.resolve([0.5]);
  await assert.rejects(
    () => deletion(samples, short, { steps: 2 }),
    /returned 1 scores for 3 images/,
  );
  const nan: ClassScorer = (images) => Promise.resolve(images.map(() => NaN));
  await assert.rejects(() => deletion(samples, nan), /return finite numbers/);
  await assert.rejects(
    () => deletion(samples, nan, { steps: 0 }),
    /Invalid number of steps 0/,
  );
  await assert.rejects(
    () => insertion(samples, nan, { blurSigma: -1 }),
    /Invalid blur sigma -1/,
  );
  await assert.rejects(
    () => deletion([{ ...samples[0], map: new Float32Array(3) }], nan),
    /give the map at the image's size/,
  );
});

Deno.test("pixelOrder() equals a stable comparison sort", () => {
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const special = [0, -0, 1, -1, Infinity, -Infinity, NaN, 1e-30, -1e-30];
  const map = new Float32Array(3000).map((_, i) =>
    i % 50 === 0
      ? special[(i / 50) % special.length]
      : i % 3 === 0
      ? Math.round(random() * 8) / 8 // many ties
      : (random() - 0.3) * 1e3 // negatives too
  );
  const key = (i: number) => Number.isNaN(map[i]) ? -Infinity : map[i];
  const expected = Array.from(map.keys()).sort((a, b) =>
    key(b) - key(a) || a - b
  );
  assert.deepEqual([...pixelOrder(map)], expected);
});

Deno.test("pixelOrder() and trapezoidAuc() by hand", () => {
  assert.deepEqual([...pixelOrder(new Float32Array([0.2, NaN, 0.7, 0.2]))], [
    2,
    0,
    3,
    1,
  ]);
  assert.equal(trapezoidAuc([0, 1]), 0.5);
  assert.equal(trapezoidAuc([1, 1, 1]), 1);
  assert.equal(trapezoidAuc([0.2, 0.6, 1, 0.2]), (0.4 + 0.8 + 0.6) / 3);
  assert.throws(() => trapezoidAuc([1]), /give at least two/);
});

Deno.test("gaussianBlur() keeps a flat image and spreads a spike symmetrically", () => {
  const flat = {
    width: 6,
    height: 4,
    data: new Uint8ClampedArray(96).fill(77),
  };
  assert.deepEqual(gaussianBlur(flat).data, flat.data);
  const data = new Uint8ClampedArray(9 * 9 * 4);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  data.set([255, 255, 255], 40 * 4); // centre pixel
  const out = gaussianBlur({ width: 9, height: 9, data }, { sigma: 1 });
  const at = (x: number, y: number) => out.data[(y * 9 + x) * 4];
  // 1-D weights for σ = 1, radius 3: centre 0.39905, neighbour 0.24203.
  assert.equal(at(4, 4), Math.round(255 * 0.39905 ** 2));
  assert.equal(at(3, 4), Math.round(255 * 0.39905 * 0.24203));
  assert.equal(at(3, 4), at(5, 4));
  assert.equal(at(4, 3), at(4, 5));
  assert.equal(out.data[3], 255);
  assert.deepEqual(gaussianBlur(flat, { sigma: 0 }).data, flat.data);
});
