/**
 * Files for the CLI: expanding image arguments and writing outputs so that a
 * failure never leaves a half-written file (temp name, then rename).
 *
 * @module
 */
import { resolveUserPath } from "./paths.ts";

const IMAGE_EXTENSIONS = /\.(png|jpe?g|tiff?)$/i;

/** One image argument: its path, or why it cannot be read. */
export type ImageArg = { path: string; error?: undefined } | {
  path: string;
  error: string;
};

/** Expands image arguments: folders become their image files, sorted. */
export async function expandImages(
  args: readonly string[],
): Promise<ImageArg[]> {
  const result: ImageArg[] = [];
  for (const arg of args) {
    const path = resolveUserPath(arg);
    let info: Deno.FileInfo;
    try {
      info = await Deno.stat(path);
    } catch {
      result.push({ path, error: `Cannot find image "${arg}"` });
      continue;
    }
    if (!info.isDirectory) {
      result.push({ path });
      continue;
    }
    const names: string[] = [];
    for await (const entry of Deno.readDir(path)) {
      if (entry.isFile && IMAGE_EXTENSIONS.test(entry.name)) {
        names.push(entry.name);
      }
    }
    if (names.length === 0) {
      result.push({
        path,
        error: `Folder "${arg}" holds no PNG, JPEG or TIFF images`,
      });
    }
    for (const name of names.sort()) {
      result.push({ path: `${path.replace(/\/+$/, "")}/${name}` });
    }
  }
  return result;
}

/** Makes sure `dir` is (or can become) a folder; a file there is an error. */
export async function prepareOutDir(dir: string): Promise<void> {
  try {
    const info = await Deno.stat(dir);
    if (!info.isDirectory) {
      throw new Error(
        `Output path "${dir}" is a file, not a folder; choose another --out`,
      );
    }
    return;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  await Deno.mkdir(dir, { recursive: true });
}

/**
 * Writes every file or none: each goes to a temporary name first and is
 * renamed only once all are written.
 */
export async function writeAll(
  files: ReadonlyMap<string, Uint8Array>,
): Promise<void> {
  const temps: [string, string][] = [];
  try {
    for (const [path, bytes] of files) {
      const temp = `${path}.tmp-${Deno.pid}`;
      temps.push([temp, path]);
      await Deno.writeFile(temp, bytes);
    }
    for (const [temp, path] of temps) await Deno.rename(temp, path);
  } catch (error) {
    for (const [temp] of temps) await Deno.remove(temp).catch(() => {});
    throw error;
  }
}
