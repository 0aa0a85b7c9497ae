import type { ChainContext } from "../chain";

/**
 * Which chain, contract and block an answer came from, with an explorer link where there is one,
 * and when it was read (`checkedAt`, milliseconds): pages read again at every new block.
 */
export function SourceLine({
  ctx,
  block,
  checkedAt,
  stale,
}: {
  ctx: ChainContext;
  block: bigint | undefined;
  checkedAt?: number;
  /** Why the latest re-read failed, while the answer on screen is the previous one. */
  stale?: string;
}) {
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
      {checkedAt !== undefined && checkedAt > 0 && (
        <>
          {" "}
          Checked at{" "}
          <time dateTime={new Date(checkedAt).toISOString()}>{new Date(checkedAt).toLocaleTimeString()}</time>; read
          again at every new block.
        </>
      )}
      {stale && (
        <strong className="field-error"> The latest re-read failed ({stale}); this is the previous answer.</strong>
      )}
    </p>
  );
}
