/**
 * Run-time assets: the WebAssembly binaries of TF.js's WASM backend and of
 * the image decoders, and the demo model.
 *
 * From the source tree each asset is read from its file (the npm packages in
 * Deno's cache, `backends/demo_model/`). The single-file bundle and the
 * `deno compile` binary register embedded copies with
 * {@linkcode useEmbeddedAssets} before anything else runs, so they read no
 * file and fetch nothing to start: the same code, another source of bytes.
 *
 * @module
 */
// Keeps imagescript in the module graph, so that installing or first running
// camkit caches the package that holds the .wasm decoders read below.
import "imagescript/package.json" with { type: "json" };
import { fromBase64, toBase64 } from "./base64.ts";

/** Every asset camkit needs at run time, by name. */
export const ASSET_NAMES = [
  "tfjs-backend-wasm.wasm",
  "tfjs-backend-wasm-simd.wasm",
  "imagescript/png.wasm",
  "imagescript/jpeg.wasm",
  "demo_model/model.json",
  "demo_model/weights.bin",
  "demo_model/labels.json",
  "demo_model/camkit.json",
] as const;

/** The name of a run-time asset. */
export type AssetName = typeof ASSET_NAMES[number];

/**
 * Embedded assets as the bundle stores them: each one's bytes, gzip
 * compressed, in base64.
 */
export type EmbeddedAssets = { readonly [name in AssetName]: string };

/**
 * The model used when no `--model` is given: the demo model, read through
 * the asset source (its files in the source tree, embedded in the bundle).
 * `loadModel` accepts it like a path.
 *
 * @example
 * ```ts
 * import { DEMO_MODEL } from "./assets.ts";
 * import { loadModel } from "./load.ts";
 * const { model, labels } = await loadModel(DEMO_MODEL);
 * if (labels?.length !== model.numClasses) throw new Error("labels");
 * model.dispose();
 * ```
 */
export const DEMO_MODEL = "camkit:demo_model/model.json";

const ASSET_SCHEME = "camkit:";

// The one piece of state: set once by a bundle's entry, before any read.
let embedded: Map<AssetName, Promise<Uint8Array> | string> | undefined;

/**
 * Where an asset's file lies when camkit runs from its source tree.
 *
 * @example
 * ```ts
 * import { assetUrl } from "./assets.ts";
 * const url = assetUrl("demo_model/model.json");
 * if (url.protocol !== "file:") throw new Error(url.href);
 * ```
 */
export function assetUrl(name: AssetName): URL {
  switch (name) {
    case "tfjs-backend-wasm.wasm":
      return new URL(import.meta.resolve(
        "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm",
      ));
    case "tfjs-backend-wasm-simd.wasm":
      return new URL(import.meta.resolve(
        "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm",
      ));
    case "imagescript/png.wasm":
      return new URL(import.meta.resolve("imagescript/wasm/any/png.wasm"));
    case "imagescript/jpeg.wasm":
      return new URL(import.meta.resolve("imagescript/wasm/any/jpeg.wasm"));
    default:
      return new URL(`./${name}`, import.meta.url);
  }
}

/**
 * Makes every asset come from `assets` instead of its file. Called once, by
 * the entry module of the bundle (`deno task bundle`), before camkit starts.
 * Throws a `TypeError` naming the first asset that is missing.
 *
 * @example
 * ```ts
 * import { type EmbeddedAssets, useEmbeddedAssets } from "./assets.ts";
 * // The bundle passes every asset; an incomplete set is refused.
 * const partial = { "demo_model/labels.json": "" } as unknown as EmbeddedAssets;
 * let refused = false;
 * try {
 *   useEmbeddedAssets(partial);
 * } catch (error) {
 *   refused = error instanceof TypeError;
 * }
 * if (!refused) throw new Error("an incomplete set was accepted");
 * ```
 */
export function useEmbeddedAssets(assets: EmbeddedAssets): void {
  const missing = ASSET_NAMES.find((name) => typeof assets[name] !== "string");
  if (missing !== undefined) {
    throw new TypeError(
      `Embedded assets lack "${missing}": rebuild with deno task bundle`,
    );
  }
  embedded = new Map(ASSET_NAMES.map((name) => [name, assets[name]]));
}

/**
 * Whether the assets are embedded (a bundle or binary) rather than read from
 * their files (the source tree).
 *
 * @example
 * ```ts
 * import { assetsEmbedded } from "./assets.ts";
 * if (assetsEmbedded()) throw new Error("the source tree reads files");
 * ```
 */
export function assetsEmbedded(): boolean {
  return embedded !== undefined;
}

async function gunzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(
    new DecompressionStream("gzip"),
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function isAssetName(name: string): name is AssetName {
  return (ASSET_NAMES as readonly string[]).includes(name);
}

async function readFileUrl(url: URL): Promise<Uint8Array> {
  if (url.protocol === "file:" && typeof Deno !== "undefined") {
    return await Deno.readFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`Cannot fetch "${url.href}": HTTP ${response.status}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * An asset as the bundle stores it: gzip-compressed, in base64 (what
 * `useEmbeddedAssets` expects).
 *
 * @example
 * ```ts
 * import { encodeAsset } from "./assets.ts";
 * const text = await encodeAsset(new TextEncoder().encode("hello"));
 * if (!text.startsWith("H4sI")) throw new Error(text); // the gzip magic
 * ```
 */
export async function encodeAsset(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new CompressionStream("gzip"));
  return toBase64(new Uint8Array(await new Response(stream).arrayBuffer()));
}

/**
 * The bytes of an asset: embedded ones when a bundle registered them, else
 * its file.
 *
 * @example
 * ```ts
 * import { readAsset } from "./assets.ts";
 * const labels = JSON.parse(new TextDecoder().decode(await readAsset("demo_model/labels.json")));
 * if (!labels.includes("circle")) throw new Error(String(labels));
 * ```
 */
export async function readAsset(name: AssetName): Promise<Uint8Array> {
  if (!isAssetName(name)) {
    throw new RangeError(
      `Unknown asset "${name}": use one of ${ASSET_NAMES.join(", ")}`,
    );
  }
  if (embedded === undefined) return await readFileUrl(assetUrl(name));
  const entry = embedded.get(name)!; // useEmbeddedAssets stored every name
  if (typeof entry !== "string") return await entry;
  const bytes = gunzip(fromBase64(entry));
  embedded.set(name, bytes);
  return await bytes;
}

/**
 * Whether `location` names an asset (`camkit:demo_model/model.json`), as
 * {@linkcode DEMO_MODEL} does.
 *
 * @example
 * ```ts
 * import { DEMO_MODEL, isAssetLocation } from "./assets.ts";
 * if (!isAssetLocation(DEMO_MODEL)) throw new Error(DEMO_MODEL);
 * ```
 */
export function isAssetLocation(location: string): boolean {
  return location.startsWith(ASSET_SCHEME);
}

/**
 * Reads the asset a `camkit:` location names; `undefined` when there is no
 * such asset (as a missing file would be).
 *
 * @example
 * ```ts
 * import { DEMO_MODEL, readAssetLocation } from "./assets.ts";
 * const json = await readAssetLocation(DEMO_MODEL);
 * if (json === undefined || json[0] !== 0x7b) throw new Error("no model.json");
 * if (await readAssetLocation("camkit:nothing.bin") !== undefined) throw new Error();
 * ```
 */
export async function readAssetLocation(
  location: string,
): Promise<Uint8Array | undefined> {
  const name = location.slice(ASSET_SCHEME.length);
  if (!isAssetName(name)) return undefined;
  try {
    return await readAsset(name);
  } catch (error) {
    if (
      typeof Deno !== "undefined" && error instanceof Deno.errors.NotFound
    ) {
      return undefined;
    }
    throw error;
  }
}
