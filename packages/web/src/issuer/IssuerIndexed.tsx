import { Link } from "wouter";
import type { IndexedEvent } from "@onchaincert/sdk";

import { withChain, type ChainContext } from "../chain";
import { formatCount, formatDate, shortAddress } from "../format";
import { indexProblem, useActivity, useIssuerSummary } from "../useIndex";

const DOING: Record<IndexedEvent["kind"], string> = {
  issued: "issued",
  stacked: "awarded (a stack)",
  revoked: "revoked",
  renewed: "renewed",
  renounced: "renounced by its holder",
  moveProposed: "proposed to move to a new wallet",
  moveCancelled: "move cancelled",
  moved: "moved to a new wallet",
  movedHere: "re-issued to a new wallet",
};

/**
 * An issuer's counts and latest activity, from the index. Counts are the index's; each
 * credential's page reads its status from the chain. Without the index the section says so and
 * the rest of the page (read from the chain) is unaffected.
 */
export function IssuerIndexed({ ctx, issuerId }: { ctx: ChainContext; issuerId: bigint }) {
  const summary = useIssuerSummary(ctx, issuerId);
  const activity = useActivity(ctx, issuerId, 8);
  const unavailable = !ctx.indexer || summary.error;
  return (
    <section className="issuer-indexed" aria-labelledby="issuer-counts">
      <h2 id="issuer-counts">Credentials issued</h2>
      {unavailable ? (
        <p className="muted index-unavailable">
          The index is unavailable, so counts and recent activity cannot be shown. {indexProblem(ctx, summary.error)}
        </p>
      ) : !summary.data ? (
        <p className="loading" role="status">
          Reading counts from the index…
        </p>
      ) : (
        <>
          <dl className="counts">
            <div>
              <dt>Issued</dt>
              <dd>{formatCount(summary.data.issued)}</dd>
            </div>
            <div>
              <dt>Valid now</dt>
              <dd>{formatCount(summary.data.valid)}</dd>
            </div>
            <div>
              <dt>Expired</dt>
              <dd>{formatCount(summary.data.expired)}</dd>
            </div>
            <div>
              <dt>Revoked</dt>
              <dd>{formatCount(summary.data.revoked)}</dd>
            </div>
            <div>
              <dt>Renounced or moved</dt>
              <dd>{formatCount(summary.data.renounced + summary.data.moved)}</dd>
            </div>
          </dl>
          <p className="muted">
            Counted by the index at block {summary.data.blockNumber.toString()}. A credential's own page reads its
            status from the chain.
          </p>
          <h3>Recent activity</h3>
          {activity.error ? (
            <p className="muted">{indexProblem(ctx, activity.error)}</p>
          ) : !activity.data ? null : activity.data.length === 0 ? (
            <p className="muted">Nothing issued yet.</p>
          ) : (
            <ul className="activity">
              {activity.data.map((e) => (
                <li key={e.id}>
                  <time dateTime={new Date(Number(e.timestamp) * 1000).toISOString()}>{formatDate(e.timestamp)}</time>{" "}
                  <Link href={withChain(`/credential/${e.tokenId}`, ctx.chainId)}>#{e.tokenId.toString()}</Link>{" "}
                  {DOING[e.kind] ?? e.kind}
                  {e.holder && (
                    <>
                      {" "}
                      to <code title={e.holder}>{shortAddress(e.holder)}</code>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
