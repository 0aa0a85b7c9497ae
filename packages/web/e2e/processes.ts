import type { ChildProcess } from "node:child_process";

/** Resolves once a child process prints `text` (stdout or stderr); rejects on exit or after `ms`, with its output. */
export function waitForOutput(child: ChildProcess, text: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`timed out waiting for "${text}":\n${log}`)), ms);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes(text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`exited with ${code} before "${text}":\n${log}`)));
  });
}
