// Ports from the environment, read the same way by the CLI and `pnpm dev` (scripts/dev.ts);
// hardhat.config.ts's `localhost` also takes an empty PORT as unset.

/** The port in `env[name]` (unset or empty: `fallback`); throws a sentence for anything else that is not one. */
export function portFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (!value) return fallback;
  if (!/^\d{1,5}$/.test(value) || Number(value) < 1 || Number(value) > 65535) {
    throw new Error(`${name}=${value} is not a port number (1–65535).`);
  }
  return Number(value);
}
