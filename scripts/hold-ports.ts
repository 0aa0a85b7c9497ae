/**
 * `tsx scripts/hold-ports.ts <port> …`: keeps the given ports busy until killed, answering every
 * request with 503. `pnpm test` holds the default ports (8545, 5173: another `pnpm dev` on a
 * shared machine) and the fixed ports tests used to take, so a test that still assumes a fixed
 * port fails in CI instead of on someone's machine. Ports already in use are left to their owner.
 */
import { createServer } from "node:http";

async function main() {
  const held: number[] = [];
  const ports = process.argv.slice(2).map(Number);
  await Promise.all(
    ports.map(
      (port) =>
        new Promise<void>((resolve) => {
          const server = createServer((_, res) => {
            res.writeHead(503, { "content-type": "text/plain" });
            res.end(`Port ${port} is held by scripts/hold-ports.ts during \`pnpm test\`.\n`);
          });
          server.on("error", () => resolve()); // busy already: someone else holds it
          server.listen(port, "127.0.0.1", () => {
            held.push(port);
            resolve();
          });
        }),
    ),
  );
  console.log(`holding ports ${held.sort((a, b) => a - b).join(", ") || "(none: all busy already)"}`);
}

void main();
