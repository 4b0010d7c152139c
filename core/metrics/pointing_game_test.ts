import assert from "node:assert/strict";
import { pointingGame, positivePeak } from "./pointing_game.ts";
import { objectPointing } from "./object_pointing.ts";
import { hotPixels } from "./_test_maps.ts";

const box = { x: 20, y: 20, width: 10, height: 10 }; // columns/rows 20..29

Deno.test("pointingGame() scores a hot pixel inside the box as a hit", () => {
  const result = pointingGame(hotPixels(50, 50, [[25, 22]]), { box });
  assert.deepEqual(result, { hit: true, peak: { x: 25, y: 22 }, distance: 0 });
  // On the box's last column and row still counts.
  assert.equal(pointingGame(hotPixels(50, 50, [[29, 29]]), { box }).hit, true);
});

Deno.test("pointingGame() tolerance: 10 px outside hits at 15, misses at 0", () => {
  const map = hotPixels(50, 50, [[39, 25]]); // 10 columns right of column 29
  const loose = pointingGame(map, { box });
  assert.equal(loose.distance, 10);
  assert.equal(loose.hit, true);
  assert.equal(pointingGame(map, { box }, { tolerance: 0 }).hit, false);
  assert.equal(pointingGame(map, { box }, { tolerance: 10 }).hit, true);
  assert.equal(pointingGame(map, { box }, { tolerance: 9.9 }).hit, false);
  // Diagonal: 12 right and 9 below the corner (29, 29) → 15 px exactly.
  const corner = pointingGame(hotPixels(50, 50, [[41, 38]]), { box });
  assert.equal(corner.distance, 15);
  assert.equal(corner.hit, true);
  assert.equal(pointingGame(hotPixels(50, 50, [[42, 38]]), { box }).hit, false);
});

Deno.test("pointingGame() uses the mask when there is one", () => {
  // A ring-like mask: the box's border only; the peak in the hole is 4 px
  // from the ring but 0 px from the box.
  const mask = new Uint8Array(50 * 50);
  for (let y = 20; y < 30; y++) {
    for (let x = 20; x < 30; x++) {
      if (x === 20 || x === 29 || y === 20 || y === 29) mask[y * 50 + x] = 1;
    }
  }
  const map = hotPixels(50, 50, [[24, 24]]);
  assert.equal(pointingGame(map, { box }, { tolerance: 0 }).hit, true);
  const masked = pointingGame(map, { box, mask }, { tolerance: 0 });
  assert.equal(masked.hit, false);
  assert.equal(masked.distance, 4);
  assert.equal(pointingGame(map, { box, mask }).hit, true);
});

Deno.test("pointingGame() counts a mask and a 15-pixel margin around it (cam demo)", () => {
  const width = 40, mask = new Uint8Array(40 * 40);
  for (let y = 10; y < 20; y++) {
    for (let x = 10; x < 20; x++) mask[y * width + x] = 1;
  }
  const square = { box: { x: 10, y: 10, width: 10, height: 10 }, mask };
  const at = (x: number, y: number, tolerance?: number) =>
    pointingGame(hotPixels(width, 40, [[x, y]]), square, { tolerance }).hit;
  assert.ok(at(15, 15));
  assert.ok(at(34, 15)); // 15 px right of x = 19
  assert.ok(!at(35, 15));
  assert.ok(!at(34, 34)); // diagonal: > 15
  assert.ok(!at(21, 15, 0));
});

Deno.test("pointingGame() takes the first maximum and misses on an empty map", () => {
  const map = hotPixels(50, 50, [[1, 1, 0.5], [22, 22, 0.9], [45, 45, 0.9]]);
  assert.deepEqual(pointingGame(map, { box }).peak, { x: 22, y: 22 });
  const empty = pointingGame(hotPixels(50, 50, []), { box });
  assert.deepEqual(empty, { hit: false, peak: null, distance: Infinity });
  assert.equal(positivePeak(hotPixels(2, 2, [[1, 1, -1]])), null);
});

Deno.test("pointingGame() rejects bad input with a clear error", () => {
  const map = hotPixels(10, 10, [[1, 1]]);
  assert.throws(
    () => pointingGame(map, { box }, { tolerance: -1 }),
    RangeError,
  );
  assert.throws(
    () => pointingGame(map, { box: { x: 0, y: 0, width: 0, height: 2 } }),
    /Invalid object box/,
  );
  assert.throws(
    () =>
      pointingGame({ width: 3, height: 3, data: new Float32Array(8) }, { box }),
    /has 8 values but 3×3 needs 9/,
  );
  assert.throws(
    () => pointingGame(map, { box, mask: new Uint8Array(5) }),
    /mask has 5 values/,
  );
});

Deno.test("objectPointing() wants the peak on the target, not another object", () => {
  const objects = [
    { box: { x: 0, y: 0, width: 10, height: 10 } },
    { box: { x: 20, y: 0, width: 10, height: 10 } },
  ];
  // Peak at x = 14: 5 px from object 0 (column 9), 6 px from object 1.
  const map = hotPixels(40, 10, [[14, 5]]);
  const zero = objectPointing(map, objects, { target: 0 });
  assert.deepEqual(zero, {
    hit: true,
    peak: { x: 14, y: 5 },
    distance: 5,
    nearest: 0,
  });
  // Within 15 px of object 1 too, but object 0 is nearer: a miss.
  assert.equal(objectPointing(map, objects, { target: 1 }).hit, false);
  assert.equal(pointingGame(map, objects[1]).hit, true);
  // Equidistant (x = 14.5 is impossible; use x = 15 with object 1 at 21).
  const tie = [objects[0], { box: { x: 21, y: 0, width: 5, height: 5 } }];
  const middle = hotPixels(40, 10, [[15, 2]]);
  assert.equal(objectPointing(middle, tie, { target: 0 }).hit, false);
  assert.equal(objectPointing(middle, tie, { target: 1 }).hit, false);
  // Overlapping boxes: inside both counts for either.
  const overlap = [objects[0], { box: { x: 5, y: 5, width: 10, height: 5 } }];
  const inBoth = hotPixels(40, 10, [[7, 7]]);
  assert.equal(objectPointing(inBoth, overlap, { target: 1 }).hit, true);
  assert.throws(
    () => objectPointing(map, objects, { target: 2 }),
    /Invalid target object 2: use an index from 0 to 1/,
  );
});
