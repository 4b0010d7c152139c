/**
 * What every model command shares: the backend and the loaded model.
 *
 * @module
 */
import { type BackendName, useBackend } from "../backends/engine.ts";
import { decodeImage } from "../backends/image_io.ts";
import type { RgbaImage } from "../core/types.ts";
import type { CliArgs } from "./args.ts";
import { type ModelSetup, setupModel } from "./model_config.ts";
import { expandImages } from "./files.ts";
import { errorLine } from "./errors.ts";

/** A started backend and a loaded model. */
export interface CommandContext extends ModelSetup {
  readonly backend: BackendName;
}

/** Starts the backend and loads the model named by the flags. */
export async function openContext(args: CliArgs): Promise<CommandContext> {
  const backend = await useBackend(args.backend);
  const setup = await setupModel({
    model: args.model,
    labels: args.labels,
    preprocess: args.preprocess,
    layer: args.layer,
  });
  return { ...setup, backend };
}

/** Reads and decodes one image file. */
export async function readImage(path: string): Promise<RgbaImage> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(`Cannot find image "${path}"`);
    }
    if (error instanceof Deno.errors.IsADirectory) {
      throw new Error(`"${path}" is a folder, not an image`);
    }
    throw error;
  }
  return await decodeImage(bytes, { name: path });
}

/** The model section of JSON output. */
export function modelJson(context: CommandContext, score: string) {
  return {
    source: context.model.source,
    inputShape: context.model.inputShape,
    layer: context.layer,
    score,
  };
}

/** A label for a class index (the index itself when there are no labels). */
export function labelOf(context: ModelSetup, index: number): string {
  return context.labels?.[index] ?? String(index);
}

/** Progress on stderr when there is more than one image. */
export function progress(done: number, total: number, path: string): void {
  if (total > 1) {
    Deno.stderr.writeSync(
      new TextEncoder().encode(`[${done}/${total}] ${path}\n`),
    );
  }
}

/**
 * Runs `fn` on each image argument (folders expanded) with progress; a
 * failing image prints one line and the others go on. Returns the documents
 * of the images that worked and whether any failed.
 */
export async function eachImage(
  inputs: readonly string[],
  fn: (path: string, image: RgbaImage) => Promise<unknown>,
): Promise<{ documents: unknown[]; failed: boolean }> {
  const images = await expandImages(inputs);
  const documents: unknown[] = [];
  let failed = false;
  for (const [i, item] of images.entries()) {
    progress(i + 1, images.length, item.path);
    try {
      if (item.error) throw new Error(item.error);
      documents.push(await fn(item.path, await readImage(item.path)));
    } catch (error) {
      failed = true;
      console.error(`cam: ${errorLine(error)}`);
    }
  }
  return { documents, failed };
}

/** Prints the one `--json` document of a run over images. */
export function printJson(
  context: CommandContext,
  score: string,
  images: unknown[],
): void {
  console.log(JSON.stringify(
    { backend: context.backend, model: modelJson(context, score), images },
    null,
    2,
  ));
}
