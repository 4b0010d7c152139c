import assert from "node:assert/strict";
import { energyPointingGame } from "./energy_pointing_game.ts";
import { iou, localization } from "./localization.ts";
import { hotPixels } from "./_test_maps.ts";

Deno.test("energyPointingGame() of a uniform map is box area / image area", () => {
  const map = { width: 40, height: 25, data: new Float32Array(1000).fill(0.7) };
  const share = energyPointingGame(map, { x: 3, y: 4, width: 10, height: 5 });
  assert.ok(Math.abs(share - 50 / 1000) < 1e-12, String(share));
});

Deno.test("energyPointingGame() counts energy, ignores negatives, clips the box", () => {
  const map = hotPixels(10, 10, [[1, 1, 3], [8, 8, 1], [5, 5, -4]]);
  assert.equal(
    energyPointingGame(map, { x: 0, y: 0, width: 3, height: 3 }),
    0.75,
  );
  // A box reaching past the right and bottom edges is clipped.
  assert.equal(
    energyPointingGame(map, { x: 7, y: 7, width: 9, height: 9 }),
    0.25,
  );
  assert.equal(
    energyPointingGame(hotPixels(4, 4, []), {
      x: 0,
      y: 0,
      width: 2,
      height: 2,
    }),
    0,
  );
  assert.equal(
    energyPointingGame(hotPixels(4, 4, [[0, 0]]), {
      x: 0,
      y: 0,
      width: 1,
      height: 1,
    }),
    1,
  );
});

Deno.test("iou() of pixel boxes by hand", () => {
  const a = { x: 0, y: 0, width: 10, height: 10 };
  assert.equal(iou(a, a), 1);
  // 5×10 overlap = 50; union 100 + 100 − 50 = 150.
  assert.equal(iou(a, { x: 5, y: 0, width: 10, height: 10 }), 1 / 3);
  // Touching edges share no pixel.
  assert.equal(iou(a, { x: 10, y: 0, width: 5, height: 5 }), 0);
  // Contained: 4 / 100.
  assert.equal(iou(a, { x: 3, y: 3, width: 2, height: 2 }), 0.04);
  assert.throws(() => iou(a, { x: 0, y: 0, width: -1, height: 2 }), RangeError);
});

Deno.test("localization() boxes the map's region and scores IoU ≥ 0.5", () => {
  const truth = { x: 10, y: 12, width: 20, height: 8 };
  const perfect = new Float32Array(40 * 40);
  for (let y = 12; y < 20; y++) perfect.fill(0.9, y * 40 + 10, y * 40 + 30);
  const exact = localization({ width: 40, height: 40, data: perfect }, truth);
  assert.deepEqual(exact, { box: truth, iou: 1, hit: true });

  // Only the left half above 20 %: IoU 0.5, a hit at exactly 0.5.
  const half = perfect.map((v, i) => (i % 40 < 20 ? v : v * 0.1));
  const halved = localization({ width: 40, height: 40, data: half }, truth);
  assert.deepEqual(halved.box, { x: 10, y: 12, width: 10, height: 8 });
  assert.equal(halved.iou, 0.5);
  assert.equal(halved.hit, true);
  assert.equal(
    localization({ width: 40, height: 40, data: half }, truth, { minIou: 0.6 })
      .hit,
    false,
  );
  // With a 5 % threshold the whole box is on again.
  assert.equal(
    localization({ width: 40, height: 40, data: half }, truth, {
      threshold: 0.05,
    }).iou,
    1,
  );
  const empty = localization(hotPixels(40, 40, []), truth);
  assert.deepEqual(empty, { box: null, iou: 0, hit: false });
});
