/**
 * Backends on tiny seeded models: the Grad-CAM = CAM / (H·W) oracle, the
 * logit (not softmax) gradient, gradients through residual branches checked
 * against finite differences, batches, and no tensor leaks.
 */
import assert from "node:assert/strict";
import { tensorCount, useBackend } from "../backends/engine.ts";
import { loadModel } from "../backends/load.ts";
import type { CamModel, InputBatch } from "../core/graph.ts";
import { explain } from "../core/explain.ts";
import { saveTinyModel, type TinyModelName } from "./fixtures/tiny_models.ts";

function input(model: CamModel, batch = 1, seed = 1): InputBatch {
  const [height, width, channels] = model.inputShape;
  const data = new Float32Array(batch * height * width * channels).map((_, i) =>
    0.5 + 0.5 * Math.sin(i * 0.37 + seed)
  );
  return { data, batch, height, width, channels };
}

const LINEAR_HEADS: TinyModelName[] = [
  "gapDense",
  "convHead",
  "nested",
  "convThenGap",
];

for (const backend of ["cpu", "wasm"] as const) {
  Deno.test(`capture() on ${backend}: Grad-CAM weights equal CAM weights / (H·W) on linear heads`, async (t) => {
    await useBackend(backend);
    for (const name of LINEAR_HEADS) {
      await t.step(name, async () => {
        const { model } = await loadModel(await saveTinyModel(name));
        try {
          assert.equal(model.linearHead(model.defaultLayer).ok, true);
          const [image] = await model.capture(input(model), {
            layer: model.defaultLayer,
            classes: [[0, model.numClasses - 1]],
            score: "logit",
            gradients: true,
            classifierWeights: true,
          });
          for (const capture of image.captures) {
            const { height, width, channels } = capture.activations;
            const hw = height * width;
            const g = capture.gradients!.data;
            for (let k = 0; k < channels; k++) {
              let mean = 0;
              for (let p = 0; p < hw; p++) mean += g[p * channels + k] / hw;
              const expected = capture.classifierWeights![k] / hw;
              assert.ok(
                Math.abs(mean - expected) < 1e-6,
                `${name} channel ${k}: ${mean} vs ${expected}`,
              );
              // A linear pooled head has the same gradient at every position.
              for (let p = 0; p < hw; p++) {
                assert.ok(Math.abs(g[p * channels + k] - expected) < 1e-6);
              }
            }
          }
        } finally {
          model.dispose();
        }
      });
    }
  });

  Deno.test(`capture() on ${backend}: the softmax score differentiates p_c, the default the logit`, async () => {
    await useBackend(backend);
    const { model } = await loadModel(await saveTinyModel("gapDense"));
    try {
      const request = {
        layer: model.defaultLayer,
        classes: [[1]],
        gradients: true,
        classifierWeights: true,
      };
      const [logit] = await model.capture(input(model), {
        ...request,
        score: "logit",
      });
      const [soft] = await model.capture(input(model), {
        ...request,
        score: "softmax",
      });
      const p = soft.probabilities;
      const { height, width, channels } = logit.captures[0].activations;
      // ∂p_c/∂A_k = p_c (w_kc − Σ_j p_j w_kj) / HW for a GAP → dense head.
      const [w0] = (await model.capture(input(model), {
        ...request,
        classes: [[0]],
        score: "logit",
      })).map((c) => c.captures[0].classifierWeights!);
      const [w2] = (await model.capture(input(model), {
        ...request,
        classes: [[2]],
        score: "logit",
      })).map((c) => c.captures[0].classifierWeights!);
      const w1 = logit.captures[0].classifierWeights!;
      for (let k = 0; k < channels; k++) {
        const mixed = p[0] * w0[k] + p[1] * w1[k] + p[2] * w2[k];
        const expected = p[1] * (w1[k] - mixed) / (height * width);
        assert.ok(
          Math.abs(soft.captures[0].gradients!.data[k] - expected) < 1e-6,
        );
        assert.ok(
          Math.abs(
            logit.captures[0].gradients!.data[k] - w1[k] / (height * width),
          ) < 1e-6,
        );
      }
    } finally {
      model.dispose();
    }
  });

  Deno.test(`capture() on ${backend}: gradients through residual branches match finite differences`, async () => {
    await useBackend(backend);
    const { model } = await loadModel(await saveTinyModel("residual"));
    try {
      assert.equal(model.defaultLayer, "concat");
      const head = model.linearHead("stem");
      assert.equal(head.ok, false);
      const x = input(model);
      const [image] = await model.capture(x, {
        layer: "stem",
        classes: [[2]],
        score: "logit",
        gradients: true,
        classifierWeights: false,
      });
      // The stem's gradient flows through "branch", "add" and "concat": compare
      // with d logit / d input via the chain rule is hard, so perturb the input
      // instead and check the first-order change against Σ G·ΔA, where ΔA is
      // measured at the stem by a second capture.
      const eps = 1e-3;
      const dx = new Float32Array(x.data.length).map((
        _,
        i,
      ) => (i % 7 === 0 ? eps : 0));
      const x2 = { ...x, data: x.data.map((v, i) => v + dx[i]) };
      const [image2] = await model.capture(x2, {
        layer: "stem",
        classes: [[2]],
        score: "logit",
        gradients: true,
        classifierWeights: false,
      });
      const a1 = image.captures[0].activations.data;
      const a2 = image2.captures[0].activations.data;
      const g = image.captures[0].gradients!.data;
      let predicted = 0;
      for (let i = 0; i < g.length; i++) predicted += g[i] * (a2[i] - a1[i]);
      const actual = image2.logits[2] - image.logits[2];
      assert.ok(
        Math.abs(predicted - actual) < 0.05 * Math.abs(actual) + 1e-5,
        `predicted ${predicted}, actual ${actual}`,
      );
    } finally {
      model.dispose();
    }
  });

  Deno.test(`capture() on ${backend}: a batch gives the same captures as single images`, async () => {
    await useBackend(backend);
    const { model } = await loadModel(await saveTinyModel("convHead"));
    try {
      const request = {
        layer: model.defaultLayer,
        classes: [[1], [3]],
        score: "logit" as const,
        gradients: true,
        classifierWeights: false,
      };
      const both = input(model, 2);
      const size = both.data.length / 2;
      const batch = await model.capture(both, request);
      for (let b = 0; b < 2; b++) {
        const [single] = await model.capture(
          {
            ...both,
            batch: 1,
            data: both.data.slice(b * size, (b + 1) * size),
          },
          { ...request, classes: [request.classes[b]] },
        );
        const g1 = batch[b].captures[0].gradients!.data;
        const g2 = single.captures[0].gradients!.data;
        for (let i = 0; i < g1.length; i++) {
          assert.ok(Math.abs(g1[i] - g2[i]) < 1e-5);
        }
        assert.deepEqual([...batch[b].classes], [...single.classes]);
      }
    } finally {
      model.dispose();
    }
  });

  Deno.test(`explain() on ${backend}: no tensor leaks across 50 explanations`, async () => {
    await useBackend(backend);
    const { model } = await loadModel(await saveTinyModel("convHead"));
    try {
      const [height, width] = model.inputShape;
      const image = {
        width,
        height,
        data: new Uint8ClampedArray(width * height * 4).map((_, i) =>
          (i * 37) % 256
        ),
      };
      const options = { methods: ["cam", "grad-cam", "grad-cam++"] };
      await explain(model, [image], options);
      const before = tensorCount();
      for (let i = 0; i < 50; i++) await explain(model, [image], options);
      assert.equal(tensorCount(), before);
    } finally {
      model.dispose();
    }
  });
}

Deno.test("linearHead() refuses heads with a ReLU and explains why", async () => {
  await useBackend("cpu");
  const { model } = await loadModel(await saveTinyModel("reluHead"));
  try {
    const head = model.linearHead(model.defaultLayer);
    assert.equal(head.ok, false);
    assert.match(
      !head.ok ? head.reason : "",
      /"hidden" applies a relu activation.*grad-cam/,
    );
    await assert.rejects(
      () =>
        explain(model, [{
          width: 12,
          height: 12,
          data: new Uint8ClampedArray(576),
        }], { methods: ["cam"] }),
      /grad-cam/,
    );
    const [result] = await explain(model, [{
      width: 12,
      height: 12,
      data: new Uint8ClampedArray(576).fill(90),
    }], {
      methods: ["cam", "grad-cam"],
    });
    assert.deepEqual(result.explanations.map((e) => e.method), ["grad-cam"]);
    assert.equal(result.skipped[0].method, "cam");
  } finally {
    model.dispose();
  }
});

Deno.test("capture() rejects unknown layers, non-spatial layers and classes out of range", async () => {
  await useBackend("cpu");
  const { model } = await loadModel(await saveTinyModel("gapDense"));
  try {
    const request = {
      classes: [[0]],
      score: "logit" as const,
      gradients: true,
      classifierWeights: false,
    };
    await assert.rejects(
      () => model.capture(input(model), { ...request, layer: "conv9" }),
      /Cannot find layer "conv9".*conv1, conv2/,
    );
    await assert.rejects(
      () => model.capture(input(model), { ...request, layer: "fc" }),
      /Layer "fc" has no spatial output/,
    );
    await assert.rejects(
      () =>
        model.capture(input(model), {
          ...request,
          layer: "conv2",
          classes: [[3]],
        }),
      /Class 3 is out of range: the model has classes 0..2/,
    );
  } finally {
    model.dispose();
  }
});
