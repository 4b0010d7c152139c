/**
 * The page as the server renders it: a working no-JavaScript form, the
 * island marked with JSON props, and every asset it refers to served by the
 * app with the right type (the bundle, its lazily loaded chunks, the
 * `.wasm` binaries, the samples, the demo model).
 *
 * @module
 */
import assert from "node:assert/strict";
import { PAGE_SAMPLES, renderPage } from "../web/routes/index.tsx";
import { createApp } from "../web/handler.ts";
import { WASM_FILES } from "../web/build.ts";
import { post } from "./fixtures/api_requests.ts";

const ORIGIN = "http://localhost";

async function page(): Promise<string> {
  const response = await renderPage(new Request(`${ORIGIN}/`));
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /^text\/html/);
  return await response.text();
}

function attr(html: string, pattern: RegExp): string {
  const match = html.match(pattern);
  assert.ok(match, `no ${pattern} in the page`);
  return match[1].replaceAll("&quot;", '"').replaceAll("&amp;", "&")
    .replaceAll("&lt;", "<").replaceAll("&gt;", ">");
}

Deno.test("renderPage() without JavaScript: a form that posts the image to /api/explain", async () => {
  const html = await page();
  assert.ok(html.startsWith('<!DOCTYPE html><html lang="en">'));
  assert.match(html, /<meta name="viewport" content="width=device-width/);
  assert.match(
    html,
    /<form[^>]* method="post" action="\/api\/explain" enctype="multipart\/form-data"/,
  );
  assert.match(html, /<input id="image-file" type="file" name="image"/);
  assert.match(html, /name="method" value="cam,grad-cam,grad-cam\+\+"/);
  for (const name of ["alpha", "colormap", "counterfactual"]) {
    assert.match(html, new RegExp(`name="${name}"`));
  }
  assert.match(html, /<button type="submit">/);
  // Every form control has a label.
  for (const id of html.matchAll(/<(?:input|select)[^>]* id="([^"]+)"/g)) {
    assert.match(html, new RegExp(`<label for="${id[1]}"`), id[1]);
  }
});

Deno.test("renderPage() marks the island with props that survive JSON", async () => {
  const html = await page();
  const props = JSON.parse(
    attr(html, /data-island="Explainer" data-island-props="([^"]*)"/),
  );
  assert.deepEqual(props.samples, JSON.parse(JSON.stringify(PAGE_SAMPLES)));
  assert.equal(props.demoModelUrl, "/models/demo/model.json");
  assert.equal(props.wasmPath, "/static/wasm/");
  assert.ok(PAGE_SAMPLES.length >= 5);
  assert.ok(PAGE_SAMPLES.some((s) => s.id === "circle_square"));
  assert.ok(PAGE_SAMPLES.some((s) => s.id === "dog_cat"));
});

Deno.test("handler() serves everything the page refers to, with the right types", async () => {
  const app = createApp();
  try {
    const get = async (path: string, type: RegExp) => {
      const response = await app.fetch(new Request(`${ORIGIN}${path}`));
      const body = new Uint8Array(await response.arrayBuffer());
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get("content-type") ?? "", type, path);
      return body;
    };
    const home = new TextDecoder().decode(await get("/", /^text\/html/));
    const script = attr(home, /<script type="module" src="([^"]+)"/);
    const entry = new TextDecoder().decode(
      await get(script, /javascript/),
    );
    for (const chunk of entry.matchAll(/["']\.\/([\w.-]+\.js)["']/g)) {
      await get(`/static/build/${chunk[1]}`, /javascript/);
    }
    await get(
      attr(home, /<link rel="stylesheet" href="([^"]+)"/),
      /^text\/css/,
    );
    for (const name of WASM_FILES) {
      const wasm = await get(`/static/wasm/${name}`, /^application\/wasm/);
      assert.deepEqual([...wasm.subarray(0, 4)], [0, 0x61, 0x73, 0x6d], name);
    }
    for (const sample of PAGE_SAMPLES) await get(sample.url, /^image\/png/);
    await get("/models/demo/model.json", /json/);
  } finally {
    await app.close();
  }
});

Deno.test("handler() answers the no-JavaScript form as the page sends it", async () => {
  const html = await page();
  const form = new FormData();
  for (
    const m of html.matchAll(
      /<input type="hidden" name="([^"]+)" value="([^"]*)"/g,
    )
  ) {
    form.set(m[1], m[2].replaceAll("&amp;", "&"));
  }
  form.set(
    "colormap",
    attr(
      html,
      /<select id="colormap" name="colormap"><option selected value="([^"]+)"/,
    ),
  );
  form.set("alpha", attr(html, /name="alpha"[^>]* value="([^"]+)"/));
  form.set(
    "counterfactual",
    attr(html, /name="counterfactual" value="([^"]+)"/),
  );
  const image = await Deno.readFile(
    new URL("../web/static/samples/star.png", import.meta.url),
  );
  form.set("image", new Blob([image], { type: "image/png" }), "star.png");
  const app = createApp();
  try {
    const response = await app.fetch(post(form));
    const json = await response.json();
    assert.equal(response.status, 200, JSON.stringify(json));
    assert.deepEqual(
      json.explanations.map((e: { method: string }) => e.method),
      ["cam", "grad-cam", "grad-cam++"],
    );
    assert.equal(json.explanations[0].label, "star");
  } finally {
    await app.close();
  }
});
