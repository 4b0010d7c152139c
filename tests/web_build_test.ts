/**
 * The committed browser build is current: `web/static/build/` was bundled
 * from today's sources, `web/static/wasm/` holds the pinned
 * tfjs-backend-wasm's binaries and `web/static/samples/` the generated
 * samples. When one fails, run `deno task build-web` and commit the result.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  BUILD_DIR,
  type BuildManifest,
  sourceHashes,
  staleSources,
  WEB_ENTRY,
} from "../web/build_stamp.ts";
import { WASM_DIR, WASM_FILES, wasmPackageDir } from "../web/build.ts";
import { buildSamples, SAMPLES_DIR } from "../web/build_samples.ts";
import { decodeImage } from "../backends/image_io.ts";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const FIX = "run `deno task build-web` and commit web/static/";

async function manifest(): Promise<BuildManifest> {
  return JSON.parse(
    await Deno.readTextFile(`${ROOT}/${BUILD_DIR}/manifest.json`),
  );
}

Deno.test("web/static/build is bundled from the current sources", async () => {
  const built = await manifest();
  const stale = staleSources(
    built.sources,
    await sourceHashes(ROOT, WEB_ENTRY),
  );
  assert.deepEqual(
    stale,
    [],
    `The browser bundle is older than ${stale.join(", ")}: ${FIX}`,
  );
  const onDisk: string[] = [];
  for await (const e of Deno.readDir(`${ROOT}/${BUILD_DIR}`)) {
    if (e.name.endsWith(".js")) onDisk.push(e.name);
  }
  assert.deepEqual(onDisk.sort(), [...built.files].sort(), FIX);
  assert.ok(built.files.includes(built.entry));
  const entry = await Deno.readTextFile(`${ROOT}/${BUILD_DIR}/${built.entry}`);
  for (const chunk of entry.matchAll(/["']\.\/([\w.-]+\.js)["']/g)) {
    assert.ok(built.files.includes(chunk[1]), `missing chunk ${chunk[1]}`);
  }
  assert.doesNotMatch(
    entry,
    /\/work\/|\/root\/|\/home\//,
    "a local path leaked",
  );
});

Deno.test("web/static/wasm holds the pinned tfjs-backend-wasm binaries", async () => {
  const from = await wasmPackageDir(ROOT);
  for (const name of WASM_FILES) {
    const served = await Deno.readFile(`${ROOT}/${WASM_DIR}/${name}`);
    const npm = await Deno.readFile(`${from}/${name}`);
    assert.ok(
      served.length === npm.length && served.every((b, i) => b === npm[i]),
      `${WASM_DIR}/${name} differs from the npm package's: ${FIX}`,
    );
  }
});

Deno.test("web/static/samples are the generated samples", async () => {
  const expected = await buildSamples(ROOT);
  for (const [name, bytes] of expected) {
    const file = await Deno.readFile(`${ROOT}/${SAMPLES_DIR}/${name}`);
    if (name.endsWith(".json")) {
      assert.equal(
        new TextDecoder().decode(file),
        new TextDecoder().decode(bytes),
        FIX,
      );
      continue;
    }
    const [a, b] = [await decodeImage(file), await decodeImage(bytes)];
    assert.deepEqual([a.width, a.height], [b.width, b.height], name);
    assert.ok(a.data.every((v, i) => v === b.data[i]), `${name}: ${FIX}`);
  }
});
