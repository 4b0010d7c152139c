/**
 * The `cam` command: `deno task cam <command>`.
 *
 * @module
 */
import { HELP, parseCliArgs } from "./args.ts";
import { errorLine, EXIT, UsageError } from "./errors.ts";

/** Runs the command line `argv`; returns the exit code. Errors are one line. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.command === "help") {
      console.log(HELP);
      return EXIT.ok;
    }
    if (args.command === "serve") {
      return await (await import("./serve_command.ts")).serveCommand(args);
    }
    if (args.command === "shapes") {
      return await (await import("./shapes_command.ts")).shapesCommand(args);
    }
    // TF.js loads only once the command line is known to be good.
    const { openContext } = await import("./context.ts");
    const context = await openContext(args);
    try {
      switch (args.command) {
        case "explain":
          return await (await import("./explain_command.ts")).explainCommand(
            args,
            context,
          );
        case "classify":
          return await (await import("./classify_command.ts")).classifyCommand(
            args,
            context,
          );
        case "demo":
          return await (await import("./demo_command.ts")).demoCommand(
            args,
            context,
          );
        case "eval":
          return await (await import("./eval_command.ts")).evalCommand(
            args,
            context,
          );
        case "layers":
          return (await import("./layers_command.ts")).layersCommand(
            args,
            context,
          );
      }
    } finally {
      context.model.dispose();
    }
  } catch (error) {
    console.error(`cam: ${errorLine(error)}`);
    return error instanceof UsageError ? EXIT.usage : EXIT.failure;
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
