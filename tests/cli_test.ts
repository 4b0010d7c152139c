/**
 * The `cam` command run as a real subprocess, with the permissions of
 * `deno task cam`: explain (all methods, folders, classes, labels,
 * counterfactual, backends), classify, layers and help. The command lines
 * are in `fixtures/cli_workspace.ts`, run once; the explain checks are in
 * `fixtures/cli_explain_checks.ts` and `fixtures/cli_option_checks.ts`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { describeRun, stdoutJson } from "./fixtures/cam_process.ts";
import { runCliWorkspace } from "./fixtures/cli_workspace.ts";
import { checkExplainOutput } from "./fixtures/cli_explain_checks.ts";
import { checkExplainOptions } from "./fixtures/cli_option_checks.ts";

Deno.test("cam CLI explains, classifies and lists layers as a subprocess", async (t) => {
  const ws = await runCliWorkspace();
  const { runs } = ws;
  await checkExplainOutput(t, ws);
  await checkExplainOptions(t, ws);

  await t.step("classify --top-k 2 --json reports the two best classes", () => {
    const doc = stdoutJson(runs.classify);
    assert.equal(doc.backend, "cpu");
    assert.equal(doc.model.layer, "conv2");
    const [img] = doc.images;
    assert.equal(img.width, 40);
    assert.equal(img.height, 30);
    assert.equal(img.predictions.length, 2);
    // Same model, same image, same backend as the explain --backend cpu run.
    const explained = stdoutJson(runs.cpu).images[0].predictions.slice(0, 2);
    assert.deepEqual(
      img.predictions.map((p: { index: number }) => p.index),
      explained.map((p: { index: number }) => p.index),
    );
    for (const [i, p] of img.predictions.entries()) {
      assert.equal(p.label, String(p.index));
      assert.ok(Math.abs(p.score - explained[i].score) < 1e-6);
      assert.ok(Number.isFinite(p.logit));
    }
    assert.ok(img.predictions[0].score >= img.predictions[1].score);
    assert.ok(img.predictions[0].logit >= img.predictions[1].logit);
  });

  await t.step(
    "layers --json lists layers, the default layer and CAM's availability",
    () => {
      const doc = stdoutJson(runs.layers);
      assert.deepEqual(doc.layers, [
        { name: "conv1", kind: "Conv2D", outputShape: [12, 12, 4] },
        { name: "conv2", kind: "Conv2D", outputShape: [12, 12, 5] },
        { name: "gap", kind: "GlobalAveragePooling2D", outputShape: [5] },
        { name: "fc", kind: "Dense", outputShape: [3] },
      ]);
      assert.equal(doc.model.defaultLayer, "conv2");
      assert.equal(doc.model.layer, "conv2");
      assert.equal(doc.model.numClasses, 3);
      assert.deepEqual(doc.cam, { ok: true });
    },
  );

  await t.step("layers without --json marks the target layer", () => {
    const run = runs.layersText;
    assert.equal(run.code, 0, describeRun(run));
    assert.match(run.stdout, /^conv2 .*← target$/m);
    assert.match(
      run.stdout,
      /4 layers · 3 classes · input 12x12x3 · backend cpu/,
    );
    assert.match(run.stdout, /CAM: available/);
  });

  await t.step("help prints the usage and exits 0", () => {
    const run = runs.help;
    assert.equal(run.code, 0, describeRun(run));
    assert.match(run.stdout, /Usage:/);
    assert.match(run.stdout, /cam explain/);
    assert.equal(run.stderr, "");
  });

  await ws.remove();
});
