import assert from "node:assert/strict";
import { demoScenes } from "./demo_scenes.ts";

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
