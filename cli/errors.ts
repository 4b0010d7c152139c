/**
 * The CLI's error kinds: a usage error (exit 2) versus a failure (exit 1).
 *
 * @module
 */

/** A bad command line: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Exit codes of the `cam` command. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

// Deno's own wording, which advises a flag that `deno task cam` users cannot
// add: `Requires write access to "/x", run again with the --allow-write flag`.
const NOT_CAPABLE =
  /^Requires (\w+) access to "?(.*?)"?, run again with the (--allow-[\w-]+) flag/;

/** The one line printed for an error: its message, never a stack trace. */
export function errorLine(error: unknown): string {
  if (error instanceof Deno.errors.NotCapable) {
    const match = NOT_CAPABLE.exec(error.message);
    if (match) {
      const [, kind, what, flag] = match;
      return `No ${kind} permission for "${what}": camkit runs with narrow ` +
        `permissions (README, Permissions); ${
          kind === "write"
            ? "choose an --out folder its --allow-write covers, or "
            : ""
        }start deno with ${flag}=${what}`;
    }
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
