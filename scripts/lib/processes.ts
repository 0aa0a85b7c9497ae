/**
 * Processes that tests and benchmarks start: free ports asked of the OS (never a fixed one, so a
 * busy port on a shared machine cannot fail a run), children in their own process group, and a
 * stop that ends the whole group (pnpm, tsx, the Hardhat node, Vite and whatever they started)
 * and waits until it is gone.
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { appendFileSync } from "node:fs";
import { createServer } from "node:net";

/** A TCP port on 127.0.0.1 that nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** `count` distinct free ports. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/**
 * Starts `command` in a process group of its own, output piped, so `stopGroup` can end all of it.
 * Under `pnpm test`, the group is also written to OCC_GROUPS_FILE: a test runner killed before its
 * `after` hooks ran (a failed lane) leaves groups that the run then ends, and a group still alive
 * when every test has finished fails the run.
 */
export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options, detached: true });
  const groups = process.env.OCC_GROUPS_FILE;
  if (groups && child.pid) appendFileSync(groups, `${child.pid}\n`);
  return child;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends a child's whole process group: `signal` first (SIGINT lets `pnpm dev` stop its children
 * cleanly), SIGKILL after `graceMs`. Resolves once no process of the group is left.
 */
export async function stopGroup(child: ChildProcess | undefined, signal: NodeJS.Signals = "SIGINT", graceMs = 10_000) {
  const pid = child?.pid;
  if (!pid || !groupAlive(pid)) return;
  try {
    process.kill(-pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) {
    process.kill(-pid, "SIGKILL");
    while (groupAlive(pid)) await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves once a child process prints `text` (stdout or stderr); rejects on exit or after `ms`, with its output. */
export function waitForOutput(child: ChildProcess, text: string, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`timed out waiting for "${text}":\n${log}`)), ms);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes(text)) {
        clearTimeout(timer);
        resolve(log);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before "${text}":\n${log}`));
    });
  });
}
