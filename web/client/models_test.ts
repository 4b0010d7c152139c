import assert from "node:assert/strict";
import { useBackend } from "../../backends/engine.ts";
import { decodeImage } from "../../backends/image_io.ts";
import { SHAPE_CLASSES } from "../../core/shapes/mod.ts";
import { createApp } from "../handler.ts";
import { classLabel, explainImage } from "./compute.ts";
import { loadModelFromFiles, loadModelFromUrl } from "./models.ts";
import { fitSide } from "./images.ts";

const DEMO = new URL("../../backends/demo_model/", import.meta.url);

async function demoFile(name: string, as = name): Promise<File> {
  return new File([await Deno.readFile(new URL(name, DEMO))], as);
}

async function sample(name: string) {
  return await decodeImage(
    await Deno.readFile(new URL(`../static/samples/${name}`, import.meta.url)),
  );
}

Deno.test("loadModelFromFiles() reads model.json, shards, camkit.json and labels; explainImage() runs the page's methods", async () => {
  await useBackend("cpu");
  const loaded = await loadModelFromFiles([
    await demoFile("labels.json"),
    await demoFile("weights.bin"),
    await demoFile("model.json"),
    await demoFile("camkit.json"),
  ]);
  try {
    assert.equal(loaded.format, "layers");
    assert.equal(loaded.name, "model.json");
    assert.equal(loaded.settings.preprocess, "unit");
    // The training script writes labels.json from SHAPE_CLASSES.
    assert.deepEqual(loaded.labels, [...SHAPE_CLASSES]);
    const image = await sample("star.png");
    const result = await explainImage(loaded, image);
    assert.equal(result.predictions.length, 5);
    assert.equal(result.predictions[0].label, "star");
    assert.deepEqual(result.maps.map((m) => m.method), [
      "cam",
      "grad-cam",
      "grad-cam++",
    ]);
    for (const m of result.maps) {
      assert.equal(m.map.length, image.width * image.height);
      assert.equal(m.label, "star");
      assert.ok(m.ms >= 0);
    }
    const square = await explainImage(
      loaded,
      await sample("circle_square.png"),
      {
        classIndex: 1,
        counterfactual: true,
      },
    );
    assert.ok(
      square.maps.every((m) => m.classIndex === 1 && m.label === "square"),
    );
  } finally {
    loaded.model.dispose();
  }
});

Deno.test("loadModelFromFiles() names what is missing or broken", async () => {
  await useBackend("cpu");
  await assert.rejects(
    loadModelFromFiles([await demoFile("weights.bin")]),
    /Cannot find model\.json among the chosen files/,
  );
  await assert.rejects(
    loadModelFromFiles([await demoFile("model.json")]),
    /Missing weight shard weights\.bin of "model\.json": select model\.json and all its \.bin files together/,
  );
  await assert.rejects(
    loadModelFromFiles([new File(["{oops"], "model.json")]),
    (e) => e instanceof SyntaxError && /not valid JSON/.test(e.message),
  );
  await assert.rejects(
    loadModelFromFiles([new File(["{}"], "model.json")]),
    /"model\.json" is not a TF\.js model\.json: it has no weightsManifest/,
  );
});

Deno.test("loadModelFromUrl() fetches the model with its settings and labels beside it", async () => {
  await useBackend("cpu");
  const app = createApp();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (request) => app.fetch(request),
  );
  const base = `http://127.0.0.1:${server.addr.port}/models/demo/`;
  try {
    const loaded = await loadModelFromUrl(`${base}model.json`);
    assert.equal(loaded.labels?.[3], "star");
    assert.equal(loaded.settings.preprocess, "unit");
    assert.equal(loaded.model.defaultLayer, "last_conv");
    loaded.model.dispose();
    await assert.rejects(
      loadModelFromUrl(`${base}missing.json`),
      /^Error: Cannot load model "http:\/\/127\.0\.0\.1:\d+\/models\/demo\/missing\.json"/,
    );
  } finally {
    await server.shutdown();
    await app.close();
  }
});

Deno.test("fitSide() scales large images down to the page's limit, keeping the aspect", () => {
  const fit = (width: number, height: number) =>
    fitSide({ width, height }, 1024);
  assert.deepEqual(fit(4000, 3000), { width: 1024, height: 768 });
  assert.deepEqual(fit(300, 200), { width: 300, height: 200 });
  assert.deepEqual(fit(5000, 2), { width: 1024, height: 1 });
  assert.equal(classLabel(undefined, 7), "class 7");
  assert.equal(classLabel(["a", "b"], 1), "b");
});
