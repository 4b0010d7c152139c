import assert from "node:assert/strict";
import {
  ASSET_NAMES,
  assetsEmbedded,
  assetUrl,
  DEMO_MODEL,
  type EmbeddedAssets,
  encodeAsset,
  readAsset,
  readAssetLocation,
  useEmbeddedAssets,
} from "./assets.ts";

// One test: registering embedded assets changes this module's state for the
// rest of the file (each test file runs in its own isolate).
Deno.test("readAsset() gives the same bytes from files and from embedded assets", async () => {
  assert.equal(assetsEmbedded(), false);
  const files = new Map<string, Uint8Array>();
  for (const name of ASSET_NAMES) {
    files.set(name, await Deno.readFile(assetUrl(name)));
    assert.deepEqual(await readAsset(name), files.get(name), name);
  }
  const wasm = files.get("tfjs-backend-wasm-simd.wasm")!;
  assert.deepEqual([...wasm.subarray(0, 4)], [0, 0x61, 0x73, 0x6d]);

  const encoded: Record<string, string> = {};
  for (const name of ASSET_NAMES) {
    encoded[name] = await encodeAsset(files.get(name)!);
  }
  useEmbeddedAssets(encoded as EmbeddedAssets);
  assert.equal(assetsEmbedded(), true);
  for (const name of ASSET_NAMES) {
    assert.deepEqual(await readAsset(name), files.get(name), name);
  }
  assert.deepEqual(
    await readAssetLocation(DEMO_MODEL),
    files.get("demo_model/model.json"),
  );
  assert.equal(
    await readAssetLocation("camkit:demo_model/other.bin"),
    undefined,
  );
  await assert.rejects(
    () => readAsset("nothing.wasm" as never),
    /Unknown asset "nothing.wasm"/,
  );
});
