/**
 * Resolving users' paths: `deno task` runs in the project folder, so relative
 * paths are taken from the folder the user ran the command in (`INIT_CWD`).
 *
 * @module
 */

/** Whether `source` is an http(s) URL. */
export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/**
 * The folder the user ran the command from: `INIT_CWD` when `deno task` set
 * it and `--allow-env=INIT_CWD` lets us read it, else the process's cwd.
 * Never prompts for the permission (the bundle and binary run without it).
 */
export function userCwd(): string {
  let initCwd: string | undefined;
  const env = { name: "env", variable: "INIT_CWD" } as const;
  if (Deno.permissions.querySync(env).state === "granted") {
    initCwd = Deno.env.get("INIT_CWD");
  }
  return initCwd || Deno.cwd();
}

/** `path` made absolute against the user's folder (URLs unchanged). */
export function resolveUserPath(path: string): string {
  if (isUrl(path) || path.startsWith("/")) return path;
  const base = userCwd().replace(/\/+$/, "");
  return `${base}/${path.replace(/^\.\//, "")}`;
}

/** The last path segment without its extension. */
export function stem(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(0, dot) : name;
}
