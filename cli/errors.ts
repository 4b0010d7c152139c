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

/** The one line printed for an error: its message, never a stack trace. */
export function errorLine(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
