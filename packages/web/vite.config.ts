import { defineConfig, loadEnv, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { zeroAddress } from "viem";

import { KNOWN, defaultChainId, rpcUrlOf } from "./src/endpoints";
import { CARDS_PER_PAGE, firstPageScript } from "./src/firstPageScript";

/** The SDK is TypeScript source, which the configuration's loader leaves to Node: load it with tsx. */
async function sdk(): Promise<typeof import("@onchaincert/sdk")> {
  const { tsImport } = await import("tsx/esm/api");
  return tsImport("@onchaincert/sdk", import.meta.url) as Promise<typeof import("@onchaincert/sdk")>;
}

/** index.html asks for a holder's first cards while the scripts load (src/firstPage.ts). */
function firstPage(): Plugin {
  let script = "";
  return {
    name: "onchaincert-first-page",
    async configResolved(config) {
      const { credentialsPageCallData, deploymentOn } = await sdk();
      const env = loadEnv(config.mode, config.envDir || config.root, "VITE_");
      const targets: Record<string, { rpc: string; lens: string }> = {};
      for (const chain of KNOWN) {
        const lens = deploymentOn(chain.id)?.lens;
        if (lens) targets[chain.id] = { rpc: rpcUrlOf(chain, env), lens };
      }
      script = firstPageScript(defaultChainId(env), targets, credentialsPageCallData(zeroAddress, 0n, CARDS_PER_PAGE));
    },
    // Right after <meta charset> (which must come within the first 1024 bytes), before the
    // stylesheet, which would hold a classic script back until it loads.
    transformIndexHtml(html) {
      const charset = /<meta charset="[^"]*"\s*\/?>/i;
      if (!charset.test(html)) throw new Error("index.html has no <meta charset> for the first-page script to follow.");
      return html.replace(charset, (meta) => `${meta}\n    <script>${script}</script>`);
    },
  };
}

export default defineConfig({
  plugins: [react(), firstPage()],
  build: { outDir: "dist", sourcemap: false },
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  preview: { host: "127.0.0.1", port: 4173, strictPort: true },
});
