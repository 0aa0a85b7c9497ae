import { useState } from "react";
import { readOpenBadge } from "@onchaincert/sdk";

import type { ChainContext } from "../chain";
import { readProblem } from "../format";
import { useReadClient } from "../readClient";

/**
 * "Download Open Badge": the credential as an Open Badges 3.0 file (packages/sdk builds it from
 * the chain's records, at the newest block), with links into this dApp where it is served.
 */
export function OpenBadgeDownload({
  ctx,
  tokenId,
  compact = false,
}: {
  ctx: ChainContext;
  tokenId: bigint;
  /** The button and its outcome only (a card's actions). */
  compact?: boolean;
}) {
  const client = useReadClient(ctx.chainId);
  const [state, setState] = useState<{ busy?: boolean; problem?: string; saved?: string }>({});
  const download = async () => {
    if (!client || !ctx.registry || !ctx.lens) return;
    setState({ busy: true });
    try {
      const out = await readOpenBadge(
        client,
        { registry: ctx.registry, lens: ctx.lens },
        ctx.chainId,
        tokenId,
        window.location.origin,
      );
      if (out.problem !== undefined) {
        setState({ problem: out.problem });
        return;
      }
      const name = `credential-${tokenId}.ob3.json`;
      const blob = new Blob([`${JSON.stringify(out.credential, null, 2)}\n`], { type: "application/ld+json" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      setState({
        saved: `Saved ${name}: ${out.credential.credentialStatus.statusAtExport} at block ${out.credential.credentialStatus.readAtBlock}.`,
      });
    } catch (error) {
      setState({ problem: readProblem(error, ctx.rpc) });
    }
  };
  return (
    <div className={compact ? "open-badge-compact" : "open-badge"}>
      <button type="button" onClick={() => void download()} disabled={state.busy || !client}>
        {state.busy ? "Reading the chain…" : "Download Open Badge"}
      </button>
      {!compact && (
        <p className="muted">
          Open Badges 3.0 (JSON-LD). The file records the status when it was made; verifiers check the live one.
        </p>
      )}
      {state.problem && (
        <p className="error" role="alert">
          {state.problem}
        </p>
      )}
      {state.saved && (
        <p className="muted" role="status">
          {state.saved}
        </p>
      )}
    </div>
  );
}
