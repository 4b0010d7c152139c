/**
 * Static files, the demo model's files and the page through
 * `handler(new Request(...))`: path traversal in every spelling and through
 * symlinks is a 404, MIME types are right (`.wasm` → application/wasm),
 * ETags revalidate, and `/` renders the page.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createApp, handler } from "../web/handler.ts";

function get(path: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${path}`, { headers });
}

Deno.test("handler() refuses path traversal in every spelling with 404", async (t) => {
  const attempts = [
    "/static/../deno.json",
    "/static/%2e%2e/deno.json",
    "/static/%2E%2E/%2E%2E/deno.json",
    "/static/..%2f..%2fdeno.json",
    "/static/..%2F..%2Fdeno.json",
    "/static/..%5c..%5cdeno.json",
    "/static/..\\..\\deno.json",
    "/static/%2fetc%2fpasswd",
    "/static//etc/passwd",
    "/static/%00",
    "/static/examples/../../handler.ts",
    "/static/examples/%2e%2e/%2e%2e/handler.ts",
    "/static/%c0%ae%c0%ae/handler.ts",
    "/static/C:%5cWindows%5cwin.ini",
    "/static/.gitignore",
    "/static/examples",
    "/static/examples/",
    "/static/",
    "/models/demo/../demo_model/MODEL_CARD.md",
    "/models/demo/%2e%2e/load.ts",
    "/models/demo/MODEL_CARD.md",
    "/models/demo/training.json",
    "/models/demo/",
    "/handler.ts",
    "/web/handler.ts",
    "/deno.json",
  ];
  for (const path of attempts) {
    await t.step(path, async () => {
      const response = await handler(get(path));
      assert.equal(response.status, 404, path);
      await response.body?.cancel();
    });
  }
});

Deno.test("handler() 404 is HTML for browsers and JSON otherwise", async () => {
  const html = await handler(get("/nowhere", { accept: "text/html,*/*" }));
  assert.equal(html.status, 404);
  assert.match(html.headers.get("content-type") ?? "", /text\/html/);
  assert.match(await html.text(), /<h1>Not found<\/h1>/);
  const json = await handler(get("/nowhere"));
  assert.equal(json.status, 404);
  assert.deepEqual(await json.json(), { error: "Not found: /nowhere" });
});

Deno.test("createApp() static files: MIME types, ETag revalidation, HEAD, no symlinks out", async () => {
  const dir = await Deno.makeTempDir();
  const root = join(dir, "static");
  await Deno.mkdir(join(root, "wasm"), { recursive: true });
  const files: Record<string, string> = {
    "wasm/backend.wasm": "application/wasm",
    "app.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
    "logo.svg": "image/svg+xml",
    "data.json": "application/json; charset=utf-8",
    "page.html": "text/html; charset=utf-8",
    "picture.png": "image/png",
    "photo.JPG": "image/jpeg",
    "blob.xyz": "application/octet-stream",
  };
  for (const name of Object.keys(files)) {
    await Deno.writeTextFile(join(root, name), `contents of ${name}`);
  }
  await Deno.writeTextFile(join(dir, "secret.txt"), "secret");
  await Deno.symlink(join(dir, "secret.txt"), join(root, "link_out.txt"));
  await Deno.symlink(join(dir), join(root, "dir_out"));
  await Deno.symlink(join(root, "app.js"), join(root, "link_in.js"));
  const app = createApp({ staticRoot: pathToFileURL(root + "/") });
  try {
    for (const [name, type] of Object.entries(files)) {
      const response = await app.fetch(get(`/static/${name}`));
      assert.equal(response.status, 200, name);
      assert.equal(response.headers.get("content-type"), type, name);
      assert.equal(response.headers.get("x-content-type-options"), "nosniff");
      assert.equal(await response.text(), `contents of ${name}`);
    }
    for (const path of ["link_out.txt", "dir_out/secret.txt"]) {
      const response = await app.fetch(get(`/static/${path}`));
      assert.equal(response.status, 404, path);
      await response.body?.cancel();
    }
    const inside = await app.fetch(get("/static/link_in.js"));
    assert.equal(inside.status, 200);
    assert.equal(await inside.text(), "contents of app.js");

    const first = await app.fetch(get("/static/app.js"));
    const etag = first.headers.get("etag");
    assert.ok(etag);
    assert.equal(first.headers.get("cache-control"), "no-cache");
    await first.body?.cancel();
    const again = await app.fetch(
      get("/static/app.js", { "if-none-match": etag }),
    );
    assert.equal(again.status, 304);
    assert.equal(again.body, null);

    const head = await app.fetch(
      new Request("http://localhost/static/app.js", { method: "HEAD" }),
    );
    assert.equal(head.status, 200);
    assert.equal(head.headers.get("content-length"), "18");
    assert.equal(head.body, null);

    const post = await app.fetch(
      new Request("http://localhost/static/app.js", {
        method: "POST",
        body: "x",
      }),
    );
    assert.equal(post.status, 405);
    assert.equal(post.headers.get("allow"), "GET, HEAD");
    await post.body?.cancel();
  } finally {
    await app.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("handler() serves the demo model's files for the browser", async () => {
  const model = await handler(get("/models/demo/model.json"));
  assert.equal(model.status, 200);
  assert.match(model.headers.get("content-type") ?? "", /^application\/json/);
  const json = await model.json();
  assert.deepEqual(json.weightsManifest[0].paths, ["weights.bin"]);
  const weights = await handler(get("/models/demo/weights.bin"));
  assert.equal(weights.status, 200);
  assert.equal(weights.headers.get("content-type"), "application/octet-stream");
  assert.equal((await weights.arrayBuffer()).byteLength, 1137624);
  const labels = await handler(get("/models/demo/labels.json"));
  assert.deepEqual((await labels.json())[0], "circle");
  const settings = await handler(get("/models/demo/camkit.json"));
  assert.equal((await settings.json()).preprocess, "unit");
});

const wasmDir = new URL("../web/static/wasm/", import.meta.url);
const wasmFiles: string[] = [];
try {
  for (const entry of Deno.readDirSync(wasmDir)) {
    if (entry.name.endsWith(".wasm")) wasmFiles.push(entry.name);
  }
} catch {
  // No built WASM files in this checkout.
}

Deno.test({
  name: "handler() serves the page's .wasm files as application/wasm",
  ignore: wasmFiles.length === 0,
  fn: async () => {
    for (const name of wasmFiles) {
      const response = await handler(get(`/static/wasm/${name}`));
      assert.equal(response.status, 200, name);
      assert.equal(response.headers.get("content-type"), "application/wasm");
      const bytes = new Uint8Array(await response.arrayBuffer());
      // "\0asm": WebAssembly.instantiateStreaming needs the MIME type and this.
      assert.deepEqual([...bytes.subarray(0, 4)], [0, 0x61, 0x73, 0x6d]);
    }
  },
});

Deno.test("handler() GET / renders the page; other methods are refused", async () => {
  const response = await handler(get("/", { accept: "text/html" }));
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /^text\/html/);
  assert.equal(response.headers.get("x-content-type-options"), "nosniff");
  const html = await response.text();
  assert.match(html, /^<!DOCTYPE html>/i);
  assert.match(html, /data-island="Explainer"/);
  // Every asset the page links from /static/ is served.
  const assets = [...html.matchAll(/(?:src|href)="(\/static\/[^"?#]+)/g)].map((
    m,
  ) => m[1]);
  assert.ok(assets.length > 0, "the page links no static assets");
  for (const path of new Set(assets)) {
    const asset = await handler(get(path));
    assert.equal(asset.status, 200, path);
    await asset.body?.cancel();
  }
  const head = await handler(
    new Request("http://localhost/", { method: "HEAD" }),
  );
  assert.equal(head.status, 200);
  assert.equal(head.body, null);
  const post = await handler(
    new Request("http://localhost/", { method: "POST", body: "x" }),
  );
  assert.equal(post.status, 405);
  await post.body?.cancel();
});
