/**
 * What the browser bundle was built from: the SHA-256 of every local module
 * the entry reaches and every npm specifier (with its version).
 * `deno task build-web` writes them into `web/static/build/manifest.json`; a
 * test recomputes them to catch a bundle older than its sources.
 *
 * @module
 */

/** The bundle's entry module, relative to the repository root. */
export const WEB_ENTRY = "web/client/hydrate.ts";

/** Where the bundle goes, relative to the repository root. */
export const BUILD_DIR = "web/static/build";

/** What `manifest.json` in {@linkcode BUILD_DIR} holds. */
export interface BuildManifest {
  /** Entry script, relative to the build folder. */
  readonly entry: string;
  /** Every file the build wrote, relative to the build folder. */
  readonly files: readonly string[];
  /** {@linkcode sourceHashes} of the sources it was built from. */
  readonly sources: Readonly<Record<string, string>>;
  /** Short hash of the entry's contents, for cache busting. */
  readonly version: string;
}

/**
 * Hex SHA-256 of `bytes`.
 *
 * @example
 * ```ts
 * import { sha256 } from "./build_stamp.ts";
 * if (!(await sha256("")).startsWith("e3b0c442")) throw new Error();
 * ```
 */
export async function sha256(bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === "string"
    ? new TextEncoder().encode(bytes)
    : bytes;
  const digest = await crypto.subtle.digest("SHA-256", data as BufferSource);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

interface InfoModule {
  specifier: string;
  kind?: string;
}

/**
 * The sources behind the bundle of `entry`, from `deno info --json` run in
 * `root`: each local module's path (relative to `root`) with the SHA-256 of
 * its contents, and each npm specifier with `"npm"`.
 *
 * @example
 * ```ts ignore
 * import { sourceHashes, WEB_ENTRY } from "./build_stamp.ts";
 * console.log(await sourceHashes(".", WEB_ENTRY));
 * ```
 */
export async function sourceHashes(
  root: string,
  entry: string,
): Promise<Record<string, string>> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", entry],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) {
    throw new Error(
      `Cannot list the modules of ${entry}: ${
        new TextDecoder().decode(output.stderr).trim()
      }`,
    );
  }
  const info = JSON.parse(new TextDecoder().decode(output.stdout)) as {
    modules: InfoModule[];
  };
  const rootUrl = new URL(`${await Deno.realPath(root)}/`, "file://").href;
  const found: [string, string][] = [];
  for (const m of info.modules) {
    if (m.specifier.startsWith(rootUrl)) {
      const bytes = await Deno.readFile(new URL(m.specifier));
      found.push([m.specifier.slice(rootUrl.length), await sha256(bytes)]);
    } else if (m.kind === "npm" || m.specifier.startsWith("npm:")) {
      found.push([m.specifier, "npm"]);
    }
  }
  return Object.fromEntries(found.sort(([a], [b]) => a < b ? -1 : 1));
}

/**
 * Which sources differ between a manifest and now: changed, added or
 * removed paths, sorted. Empty when the bundle is up to date.
 *
 * @example
 * ```ts
 * import { staleSources } from "./build_stamp.ts";
 * const stale = staleSources({ "a.ts": "1", "b.ts": "2" }, { "a.ts": "1", "c.ts": "3" });
 * if (stale.join() !== "b.ts,c.ts") throw new Error(stale.join());
 * ```
 */
export function staleSources(
  built: Readonly<Record<string, string>>,
  now: Readonly<Record<string, string>>,
): string[] {
  const paths = new Set([...Object.keys(built), ...Object.keys(now)]);
  return [...paths].filter((p) => built[p] !== now[p]).sort();
}
