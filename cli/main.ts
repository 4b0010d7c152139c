/**
 * The `cam` command: `deno task cam <command>`.
 *
 * @module
 */
import { HELP, parseCliArgs } from "./args.ts";
import { errorLine, EXIT, UsageError } from "./errors.ts";
import { openContext } from "./context.ts";
import { explainCommand } from "./explain_command.ts";
import { classifyCommand } from "./classify_command.ts";
import { layersCommand } from "./layers_command.ts";

/** Runs the command line `argv`; returns the exit code. Errors are one line. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.command === "help") {
      console.log(HELP);
      return EXIT.ok;
    }
    const context = await openContext(args);
    try {
      switch (args.command) {
        case "explain":
          return await explainCommand(args, context);
        case "classify":
          return await classifyCommand(args, context);
        case "layers":
          return layersCommand(args, context);
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
