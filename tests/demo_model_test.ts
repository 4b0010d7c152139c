/**
 * The built-in demo model is every command's default `--model`: `cam
 * explain some.png` works with no model argument, through a real subprocess.
 */
import assert from "node:assert/strict";
import { encodePng } from "../backends/image_io.ts";
import { generateScene } from "../core/shapes/generate.ts";
import { cam } from "./fixtures/cam_process.ts";
import { makeRunFolder } from "./fixtures/run_process.ts";

Deno.test("cam explain, classify and layers default to the built-in demo model", async () => {
  const work = await makeRunFolder("camkit-default-");
  try {
    // A held-out star (the demo model never saw negative seeds).
    const scene = generateScene(-7, { classIndices: [3] });
    await Deno.writeFile(`${work}/star.png`, await encodePng(scene.image));

    const explained = await cam(work, [
      "explain",
      "star.png",
      "--method",
      "all",
      "--json",
    ]);
    assert.equal(explained.code, 0, explained.stderr);
    const document = JSON.parse(explained.stdout);
    assert.match(document.model.source, /demo_model\/model\.json$/);
    assert.equal(document.model.layer, "last_conv");
    const [image] = document.images;
    assert.equal(image.predictions[0].label, "star");
    assert.deepEqual(
      image.explanations.map((e: { method: string }) => e.method),
      ["cam", "grad-cam", "grad-cam++"],
    );
    const { box } = scene.objects[0];
    for (const e of image.explanations) {
      assert.equal(e.label, "star");
      assert.ok(
        e.peak.x >= box.x - 15 && e.peak.x < box.x + box.width + 15 &&
          e.peak.y >= box.y - 15 && e.peak.y < box.y + box.height + 15,
        `${e.method} peak ${JSON.stringify(e.peak)} off ${JSON.stringify(box)}`,
      );
      for (const file of Object.values(e.files) as string[]) {
        assert.ok((await Deno.stat(file)).size > 0, file);
      }
    }

    const classified = await cam(work, [
      "classify",
      "star.png",
      "--top-k",
      "6",
    ]);
    assert.equal(classified.code, 0, classified.stderr);
    assert.match(classified.stdout, /star/);
    for (const label of ["circle", "square", "triangle", "cross", "ring"]) {
      assert.match(classified.stdout, new RegExp(label));
    }

    const layers = await cam(work, ["layers"]);
    assert.equal(layers.code, 0, layers.stderr);
    assert.match(layers.stdout, /last_conv/);
  } finally {
    await Deno.remove(work, { recursive: true });
  }
});
