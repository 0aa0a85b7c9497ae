import { Link, useLocation } from "wouter";

import { withChain, type ChainContext } from "../chain";
import { chains } from "../config";
import { Notice } from "./Notice";

/** A page given something that is not an address: what is wrong with it, and the way on. */
export function AddressProblem({ ctx, input, problem }: { ctx: ChainContext; input: string; problem: string }) {
  return (
    <Notice page tone="error" title={problem}>
      <code>{input}</code>
      <WayOn ctx={ctx} />
    </Notice>
  );
}

/** A page on a chain it cannot read (unknown, or OnChainCert not deployed there): why, and the way on. */
export function ChainProblem({ ctx }: { ctx: ChainContext }) {
  return (
    <Notice page tone="error" title={ctx.problem ?? ""}>
      <WayOn ctx={ctx} />
    </Notice>
  );
}

/** The way on from a page that cannot answer: a new search, and the chains where OnChainCert is deployed. */
export function WayOn({ ctx }: { ctx: ChainContext }) {
  const others = chains.filter((c) => c.id !== ctx.chainId);
  return (
    <p className="way-on">
      <Link href={withChain("/", ctx.chain && !ctx.problem ? ctx.chainId : (others[0]?.id ?? ctx.chainId))}>
        Search another address
      </Link>
      {others.map((c) => (
        <span key={c.id}>
          {" · "}
          <Link href={withChain("/", c.id)}>read {c.name} instead</Link>
        </span>
      ))}
    </p>
  );
}

/**
 * The chain chip: which chain the page reads, and a switch to every chain OnChainCert is deployed
 * on (the page stays, on the other chain).
 */
export function ChainSwitcher({ ctx }: { ctx: ChainContext }) {
  const [location, navigate] = useLocation();
  const listed = chains.some((c) => c.id === ctx.chainId);
  return (
    <select
      className="chain-pill"
      aria-label="Chain"
      title={ctx.rpc}
      value={ctx.chainId}
      onChange={(e) => {
        const params = new URLSearchParams(window.location.search);
        params.delete("chain");
        const path = params.size > 0 ? `${location}?${params}` : location;
        navigate(withChain(path, Number(e.target.value)));
      }}
    >
      {!listed && (
        <option value={ctx.chainId}>
          {ctx.chain ? `${ctx.chain.name} (not deployed)` : `Chain ${ctx.chainId} (unknown)`}
        </option>
      )}
      {chains.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </select>
  );
}
