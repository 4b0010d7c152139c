import assert from "node:assert/strict";
import { demoScenes, pointsAt } from "./demo_scenes.ts";

Deno.test("pointsAt() counts the object and a 15-pixel margin around it", () => {
  const width = 40, mask = new Uint8Array(40 * 40);
  for (let y = 10; y < 20; y++) {
    for (let x = 10; x < 20; x++) mask[y * width + x] = 1;
  }
  assert.ok(pointsAt({ x: 15, y: 15 }, mask, width));
  assert.ok(pointsAt({ x: 34, y: 15 }, mask, width)); // 15 px right of x = 19
  assert.ok(!pointsAt({ x: 35, y: 15 }, mask, width));
  assert.ok(!pointsAt({ x: 34, y: 34 }, mask, width)); // diagonal: > 15
  assert.ok(!pointsAt({ x: 21, y: 15 }, mask, width, 0));
});

Deno.test("demoScenes() is fixed: every class once, then three pairs", () => {
  const scenes = demoScenes();
  assert.deepEqual(scenes.map((s) => s.name), [
    "demo1_circle",
    "demo2_square",
    "demo3_triangle",
    "demo4_star",
    "demo5_cross",
    "demo6_ring",
    "demo7_circle+star",
    "demo8_square+ring",
    "demo9_triangle+cross",
  ]);
  assert.deepEqual(
    scenes[0].scene.image.data,
    demoScenes()[0].scene.image.data,
  );
});
