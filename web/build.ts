/**
 * `deno task build-web`: builds what the page serves and commits to the
 * repository, so `deno serve` and edge hosts need no build step.
 *
 * - `web/static/build/`: the islands' browser bundle (`deno bundle
 *   --platform=browser`, minified, TF.js split into a lazily loaded chunk)
 *   and `manifest.json` (files, cache-busting version, source stamp).
 * - `web/static/wasm/`: tfjs-backend-wasm's `.wasm` binaries.
 * - `web/static/samples/`: the sample images and `samples.json`.
 *
 * `tests/web_build_test.ts` fails when any of them is older than its sources.
 *
 * @module
 */
import { buildSamples, SAMPLES_DIR } from "./build_samples.ts";
import {
  BUILD_DIR,
  type BuildManifest,
  sha256,
  sourceHashes,
  WEB_ENTRY,
} from "./build_stamp.ts";

/** Where the `.wasm` files go, relative to the repository root. */
export const WASM_DIR = "web/static/wasm";

/** The `.wasm` files tfjs-backend-wasm may ask for. */
export const WASM_FILES = [
  "tfjs-backend-wasm.wasm",
  "tfjs-backend-wasm-simd.wasm",
  "tfjs-backend-wasm-threaded-simd.wasm",
] as const;

async function run(args: string[], cwd: string): Promise<string> {
  const output = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  if (!output.success) {
    throw new Error(
      `deno ${args[0]} failed: ${text.decode(output.stderr).trim()}`,
    );
  }
  return text.decode(output.stdout);
}

/**
 * The folder of the tfjs-backend-wasm package the project pins, in Deno's
 * npm cache.
 *
 * @example
 * ```ts ignore
 * import { wasmPackageDir } from "./build.ts";
 * console.log(await wasmPackageDir(".")); // …/@tensorflow/tfjs-backend-wasm/4.22.0/dist
 * ```
 */
export async function wasmPackageDir(root: string): Promise<string> {
  const config = JSON.parse(await Deno.readTextFile(`${root}/deno.json`));
  const specifier: string = config.imports["@tensorflow/tfjs-backend-wasm"];
  const version = specifier.split("@").pop();
  const info = JSON.parse(await run(["info", "--json"], root));
  return `${info.npmCache}/registry.npmjs.org/@tensorflow/tfjs-backend-wasm/${version}/dist`;
}

async function bundle(root: string): Promise<BuildManifest> {
  const out = await Deno.makeTempDir({ prefix: "camkit-web-" });
  try {
    await run([
      "bundle",
      "--quiet",
      "--platform=browser",
      "--format=esm",
      "--minify",
      "--code-splitting",
      "--outdir",
      out,
      WEB_ENTRY,
    ], root);
    const files: string[] = [];
    for await (const entry of Deno.readDir(out)) files.push(entry.name);
    files.sort();
    const entry = WEB_ENTRY.split("/").pop()!.replace(/\.tsx?$/, ".js");
    if (!files.includes(entry)) {
      throw new Error(`deno bundle wrote no ${entry} (wrote ${files})`);
    }
    const dir = `${root}/${BUILD_DIR}`;
    await Deno.mkdir(dir, { recursive: true });
    for await (const old of Deno.readDir(dir)) {
      if (old.isFile) await Deno.remove(`${dir}/${old.name}`);
    }
    const hashes: string[] = [];
    for (const name of files) {
      const bytes = await Deno.readFile(`${out}/${name}`);
      hashes.push(await sha256(bytes));
      await Deno.writeFile(`${dir}/${name}`, bytes);
    }
    const manifest: BuildManifest = {
      entry,
      files,
      sources: await sourceHashes(root, WEB_ENTRY),
      version: (await sha256(hashes.join())).slice(0, 12),
    };
    await Deno.writeTextFile(
      `${dir}/manifest.json`,
      JSON.stringify(manifest, null, 2) + "\n",
    );
    return manifest;
  } finally {
    await Deno.remove(out, { recursive: true });
  }
}

/**
 * Builds the bundle, copies the `.wasm` files and writes the samples, under
 * `root` (the repository).
 *
 * @example
 * ```ts ignore
 * import { buildWeb } from "./build.ts";
 * await buildWeb(".");
 * ```
 */
export async function buildWeb(root: string): Promise<BuildManifest> {
  const manifest = await bundle(root);
  const wasmFrom = await wasmPackageDir(root);
  await Deno.mkdir(`${root}/${WASM_DIR}`, { recursive: true });
  for (const name of WASM_FILES) {
    const bytes = await Deno.readFile(`${wasmFrom}/${name}`);
    await Deno.writeFile(`${root}/${WASM_DIR}/${name}`, bytes, { mode: 0o644 });
  }
  await Deno.mkdir(`${root}/${SAMPLES_DIR}`, { recursive: true });
  for (const [name, bytes] of await buildSamples(root)) {
    await Deno.writeFile(`${root}/${SAMPLES_DIR}/${name}`, bytes);
  }
  return manifest;
}

if (import.meta.main) {
  const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
  try {
    const manifest = await buildWeb(root);
    console.log(
      `Built ${BUILD_DIR}/ (${
        manifest.files.join(", ")
      }), ${WASM_DIR}/ and ${SAMPLES_DIR}/`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    Deno.exit(1);
  }
}
