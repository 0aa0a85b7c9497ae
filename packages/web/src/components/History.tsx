import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";

import type { ChainContext } from "../chain";
import { formatDate, readProblem } from "../format";
import { Loading, Notice } from "./Notice";

/** Something that happened on the chain, with when and in which transaction. */
interface Happened {
  kind: string;
  timestamp: number;
  transactionHash: `0x${string}`;
  blockNumber: bigint;
}

/** A "History" section: the events oldest first, each dated and linked to its transaction. */
export function History<E extends Happened>({
  ctx,
  query,
  line,
  source,
}: {
  ctx: ChainContext;
  query: UseQueryResult<E[]>;
  line: (e: E) => ReactNode;
  /** Where the lines come from, when it is worth saying (the index, or the chain's logs without it). */
  source?: ReactNode;
}) {
  return (
    <div className="history-section">
      <h2>History</h2>
      {source && query.data && <p className="muted history-source">{source}</p>}
      {query.error ? (
        <Notice title="The history could not be read from this RPC.">{readProblem(query.error, ctx.rpc)}</Notice>
      ) : !query.data ? (
        <Loading what="its history" />
      ) : (
        <ol className="history">
          {query.data.map((e, i) => (
            // One transaction can do the same thing twice: its place in the list keeps keys apart.
            <li key={`${i}-${e.transactionHash}-${e.kind}`}>
              <time dateTime={new Date(e.timestamp * 1000).toISOString()}>{formatDate(e.timestamp)}</time> {line(e)}{" "}
              <TxLink ctx={ctx} hash={e.transactionHash} block={e.blockNumber} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** A transaction on the chain's explorer, or its block number (the hash on hover) where there is none. */
export function TxLink({ ctx, hash, block }: { ctx: ChainContext; hash: `0x${string}`; block: bigint }) {
  if (ctx.explorer) {
    return (
      <a className="muted" href={`${ctx.explorer}/tx/${hash}`} target="_blank" rel="noreferrer">
        transaction
      </a>
    );
  }
  return (
    <span className="muted" title={hash}>
      (block {block.toString()})
    </span>
  );
}
