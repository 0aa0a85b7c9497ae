import type { ChainContext } from "../chain";

/** Which chain, contract and block an answer came from, with an explorer link where there is one. */
export function SourceLine({ ctx, block }: { ctx: ChainContext; block: bigint | undefined }) {
  const contract = ctx.explorer ? (
    <a href={`${ctx.explorer}/address/${ctx.registry}`} target="_blank" rel="noreferrer">
      {ctx.registry}
    </a>
  ) : (
    <code>{ctx.registry}</code>
  );
  return (
    <p className="source">
      Read from {ctx.chain?.name ?? `chain ${ctx.chainId}`} (chain {ctx.chainId}), registry {contract}
      {block !== undefined && <>, block {block.toString()}</>}.
    </p>
  );
}
