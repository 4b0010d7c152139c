/**
 * `deno task bundle`: builds `dist/camkit.js`, the `cam` command in one
 * self-contained file. It embeds every run-time asset (TF.js's WASM binaries,
 * imagescript's decoders, the demo model), so it runs from an empty
 * `DENO_DIR`, with no `node_modules`, no network and no read outside the
 * user's own inputs:
 *
 * ```sh
 * deno task bundle
 * deno run --allow-read=cam-out --allow-write=cam-out dist/camkit.js demo
 * ```
 *
 * Uses `deno bundle` (esbuild inside Deno; it resolves the same npm
 * packages as `deno run`, from the lockfile).
 *
 * @module
 */
import { writeBundleEntry } from "./embed.ts";

/** The repository root. */
export const ROOT: string = new URL("../../", import.meta.url).pathname;

/** Where the bundle is written. */
export const BUNDLE_PATH = `${ROOT}dist/camkit.js`;

// tfjs-backend-wasm's Emscripten glue takes Deno for Node (it has `process`)
// and reads `__dirname` to find its .wasm file; only CommonJS modules have
// that variable, and esbuild leaves it free. The bundle defines it (its own
// folder); the binary itself comes from the embedded assets.
const PRELUDE = 'var __dirname = new URL(".", import.meta.url).pathname;\n';

/** Options for {@linkcode buildBundle}. */
export interface BuildBundleOptions {
  /** Output file. Default `dist/camkit.js`. */
  out?: string;
  /** Minify the JavaScript. Default `true`. */
  minify?: boolean;
  /** The deno executable that runs `deno bundle`. Default `"deno"` (PATH). */
  deno?: string;
}

/** What {@linkcode buildBundle} made. */
export interface BundleReport {
  readonly path: string;
  readonly bytes: number;
  readonly assetBytes: number;
}

/**
 * Builds the bundle. Throws an `Error` with `deno bundle`'s message when it
 * fails; the previous bundle stays in place.
 *
 * @example
 * ```ts ignore
 * import { buildBundle } from "./bundle.ts";
 * const { path, bytes } = await buildBundle();
 * console.log(path, bytes);
 * ```
 */
export async function buildBundle(
  options: BuildBundleOptions = {},
): Promise<BundleReport> {
  const out = options.out ?? BUNDLE_PATH;
  const buildDir = `${ROOT}dist/.build-${Deno.pid}`;
  // deno bundle picks the output format by extension: keep ".js".
  const temp = out.replace(/(\.js)?$/, `.tmp-${Deno.pid}.js`);
  try {
    const { entry, sizes } = await writeBundleEntry(buildDir);
    await denoBundle(entry, temp, options);
    const code = await Deno.readTextFile(temp);
    // deno bundle gives CommonJS code a real `require` (node: built-ins)
    // through createRequire; without it the bundle fails at run time.
    if (!/from\s*"node:module"/.test(code)) {
      throw new Error(
        "The bundle has no createRequire import: npm code could not require node: built-ins",
      );
    }
    if (/\b(var|let|const)\s+__dirname\b/.test(code)) {
      throw new Error(
        "The bundle declares __dirname itself: check the prelude in cli/build/bundle.ts",
      );
    }
    const { version } = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
    const header = `// camkit ${version}: the cam command in one file ` +
      `(deno task bundle). Run: deno run --allow-read=cam-out ` +
      `--allow-write=cam-out camkit.js demo\n`;
    await Deno.writeTextFile(temp, header + PRELUDE + code);
    await Deno.rename(temp, out);
    const assetBytes = [...sizes.values()].reduce((sum, s) => sum + s.raw, 0);
    return { path: out, bytes: (await Deno.stat(out)).size, assetBytes };
  } finally {
    await Deno.remove(temp).catch(() => {});
    await Deno.remove(buildDir, { recursive: true }).catch(() => {});
  }
}

async function denoBundle(
  entry: string,
  out: string,
  options: BuildBundleOptions,
): Promise<void> {
  // "deno" from PATH (as `deno task` sees it), so that --allow-run=deno is
  // enough; Deno.execPath() may be a symlink's target the flag does not name.
  const { code, stderr } = await new Deno.Command(options.deno ?? "deno", {
    args: [
      "bundle",
      "--quiet",
      "--platform=deno",
      `--config=${ROOT}deno.json`,
      // Not --keep-names: with it deno bundle no longer swaps esbuild's
      // require shim for createRequire (checked above).
      ...(options.minify ?? true ? ["--minify"] : []),
      `--output=${out}`,
      entry,
    ],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "inherit",
    stderr: "piped",
  }).output();
  if (code !== 0) {
    throw new Error(
      `deno bundle failed (exit ${code}): ${
        new TextDecoder().decode(stderr).trim()
      }`,
    );
  }
}

if (import.meta.main) {
  const started = performance.now();
  const minify = !Deno.args.includes("--no-minify");
  try {
    const { path, bytes, assetBytes } = await buildBundle({ minify });
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    console.log(
      `${path.slice(ROOT.length)}: ${mb(bytes)} (embedded assets ${
        mb(assetBytes)
      } before compression) in ${
        ((performance.now() - started) / 1000).toFixed(1)
      } s`,
    );
  } catch (error) {
    console.error(`bundle: ${error instanceof Error ? error.message : error}`);
    Deno.exit(1);
  }
}
