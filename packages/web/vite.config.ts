import path from "node:path";
import { pathToFileURL } from "node:url";
import { defineConfig, loadEnv, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { zeroAddress } from "viem";

import { CARDS_PER_PAGE, firstPageScript } from "./src/firstPageScript";

/**
 * The SDK is TypeScript source, which the configuration's loader leaves to Node: load it, and the
 * app's chain list that reads it, with tsx.
 */
async function sdk(): Promise<typeof import("@onchaincert/sdk")> {
  const { tsImport } = await import("tsx/esm/api");
  const entry = SDK_DIR ? pathToFileURL(path.join(SDK_DIR, "index.ts")).href : "@onchaincert/sdk";
  return tsImport(entry, import.meta.url) as Promise<typeof import("@onchaincert/sdk")>;
}

/**
 * ONCHAINCERT_SDK_DIR builds the app against another copy of the SDK's sources (its src folder):
 * the deployment rehearsal's, whose generated addresses name the chains it deployed to.
 */
const SDK_DIR = process.env.ONCHAINCERT_SDK_DIR;
async function endpoints(): Promise<typeof import("./src/endpoints")> {
  const { tsImport } = await import("tsx/esm/api");
  return tsImport("./src/endpoints.ts", import.meta.url) as Promise<typeof import("./src/endpoints")>;
}

/** index.html asks for a holder's first cards while the scripts load (src/firstPage.ts). */
function firstPage(): Plugin {
  let script = "";
  return {
    name: "onchaincert-first-page",
    async configResolved(config) {
      const { credentialsPageCallData, deploymentOn } = await sdk();
      const { KNOWN, defaultChainId, rpcUrlOf } = await endpoints();
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

/**
 * The dApp's URLs are paths (/credential/<id>, /verify/<address>) that are already on-chain and in
 * QR codes, so a static host must answer every path with the app. The build carries what the
 * common hosts read for that: `404.html` (GitHub Pages serves it for any path it has no file
 * for) and `_redirects` (Netlify, Cloudflare Pages). docs/deploying.md lists the others.
 */
function staticHosting(): Plugin {
  return {
    name: "onchaincert-static-hosting",
    enforce: "post",
    generateBundle(_, bundle) {
      const index = bundle["index.html"];
      if (!index || index.type !== "asset") throw new Error("the build has no index.html to copy to 404.html");
      this.emitFile({ type: "asset", fileName: "404.html", source: index.source });
      this.emitFile({ type: "asset", fileName: "_redirects", source: "/* /index.html 200\n" });
    },
  };
}

export default defineConfig({
  plugins: [react(), firstPage(), staticHosting()],
  resolve: {
    alias: SDK_DIR
      ? [
          { find: /^@onchaincert\/sdk$/, replacement: path.join(SDK_DIR, "index.ts") },
          { find: /^@onchaincert\/sdk\/(.+)$/, replacement: path.join(SDK_DIR, "$1.ts") },
        ]
      : [],
  },
  build: { outDir: "dist", sourcemap: false },
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  preview: { host: "127.0.0.1", port: 4173, strictPort: true },
});
