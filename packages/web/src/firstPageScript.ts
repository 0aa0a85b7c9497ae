/**
 * The script index.html carries to ask for a holder's first cards before the app's scripts load
 * (the app takes the answer in firstPage.ts). Built by vite.config.ts, so this file imports
 * nothing at run time: the build's configuration loader reads it as it is.
 */
import type { Hex } from "viem";

/**
 * Cards a page of credentials shows at first, and adds at each "Show more" (2, 3 or 4 columns fill
 * evenly): also how many the early script asks for.
 */
export const CARDS_PER_PAGE = 24;

/** Where the early script leaves its request (a property of `window`). */
export const FIRST_PAGE_GLOBAL = "__onchaincertFirstPage";

/**
 * The early script: on `/verify/0x…`, the lens call for the first `pageSize` credentials, sent to
 * the chain the URL names (?chain=, else the default) if the build knows its RPC and lens.
 * `targets` maps chain ids to both; `template` is the call's data for the zero address, into which
 * the holder is written. Build-time constants only, JSON-encoded with `<` escaped.
 */
export function firstPageScript(
  defaultChainId: number,
  targets: Record<string, { rpc: string; lens: string }>,
  template: Hex,
): string {
  const json = (v: unknown) => JSON.stringify(v).replace(/</g, "\\u003c");
  // The holder is the call's first argument: bytes 4 to 36 of the data, an address in its last 20.
  return `(function () {
  var m = /^\\/verify\\/0x([0-9a-fA-F]{40})\\/?$/.exec(location.pathname);
  if (!m || typeof fetch !== "function") return;
  var raw = new URLSearchParams(location.search).get("chain");
  var chainId = raw === null ? String(${json(defaultChainId)}) : raw;
  var targets = ${json(targets)};
  if (!/^[0-9]+$/.test(chainId) || !Object.prototype.hasOwnProperty.call(targets, chainId)) return;
  var target = targets[chainId];
  var template = ${json(template)};
  var data = template.slice(0, 34) + m[1].toLowerCase() + template.slice(74);
  window[${json(FIRST_PAGE_GLOBAL)}] = {
    chainId: Number(chainId),
    at: Date.now(),
    lens: target.lens,
    holder: "0x" + m[1],
    answer: fetch(target.rpc, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_call", params: [{ to: target.lens, data: data }, "latest"] })
    }).then(function (r) { return r.json(); }).catch(function () { return undefined; })
  };
})();`;
}
