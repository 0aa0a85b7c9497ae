import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import { claimsAddress, leakedKeyActions, type LeakedKeyAction } from "@onchaincert/sdk";

import { withChain, type ChainContext } from "../chain";
import { Notice } from "../components/Notice";
import { formatDate, readProblem, shortAddress } from "../format";
import { useReadClient } from "../readClient";

/**
 * What an issuer's leaked key did that its key-compromise watermark does not undo (renewals,
 * revocations, types created or retired, the website, delegations, claim rounds), each with what
 * to do: read from the chain's events between the watermark's first credential and the watermark.
 * Everything from the chain is shown as text.
 */
export function LeakedKeyActions({ ctx, issuerId, name }: { ctx: ChainContext; issuerId: bigint; name: string }) {
  const client = useReadClient(ctx.chainId);
  // How far before the first covered credential to look: the leak may have begun earlier.
  const [days, setDays] = useState(30);
  const report = useQuery({
    queryKey: ["leaked-key-actions", ctx.chainId, ctx.registry, issuerId.toString(), days],
    enabled: Boolean(client && ctx.registry),
    // The list stays while a longer look-back is read.
    placeholderData: (previous) => previous,
    queryFn: () => leakedKeyActions(client!, ctx.registry!, issuerId, claimsAddress(ctx.chainId), { daysBefore: days }),
  });
  if (report.isPending) return <p className="loading">Reading what {name}&apos;s leaked key did…</p>;
  if (report.error) {
    return (
      <Notice
        tone="error"
        title={`What ${name}'s leaked key did could not be read: ${readProblem(report.error, ctx.rpc)}`}
      />
    );
  }
  if (!report.data) return null;
  const { actions, fromTokenId } = report.data;
  const during = actions.filter((a) => !a.beforeWindow);
  const before = actions.filter((a) => a.beforeWindow);
  const list = (items: LeakedKeyAction[]) => (
    <ul className="leaked-key-actions">
      {items.map((a, i) => (
        <li key={i}>
          <strong>
            <ActionText ctx={ctx} action={a} />
          </strong>{" "}
          <span className="muted">({formatDate(a.timestamp)})</span>
          <br />
          {a.remedy}
        </li>
      ))}
    </ul>
  );
  return (
    <div className="leaked-key">
      <h3>What the leaked key did that the watermark does not undo</h3>
      <p className="muted">
        From credential #{fromTokenId.toString()} (when the leak is thought to have begun) to the watermark, by{" "}
        {report.data.accounts.map((a) => shortAddress(a)).join(", ")}. The watermark revokes credentials by number;
        these acts it leaves as they are.
      </p>
      {during.length === 0 ? (
        <p>Nothing: no renewal, revocation, type, website, delegation or claim-round change in that time.</p>
      ) : (
        list(during)
      )}
      <label className="look-back">
        Also look at the days before credential #{fromTokenId.toString()}:{" "}
        <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {[30, 90, 365, 3650].map((d) => (
            <option key={d} value={d}>
              {d === 3650 ? "10 years" : `${d} days`}
            </option>
          ))}
        </select>
      </label>
      {before.length > 0 && (
        <>
          <h4>
            In the {days === 3650 ? "10 years" : `${days} days`} before credential #{fromTokenId.toString()}
          </h4>
          <p className="muted">
            Probably the issuer&apos;s own acts: ask it. A leak can begin with acts that issue nothing.
          </p>
          {list(before)}
        </>
      )}
    </div>
  );
}

function ActionText({ ctx, action: a }: { ctx: ChainContext; action: LeakedKeyAction }) {
  const credential = (id: bigint) => (
    <Link href={withChain(`/credential/${id}`, ctx.chainId)}>credential #{id.toString()}</Link>
  );
  switch (a.kind) {
    case "renewed":
      return (
        <>
          Renewed {credential(a.tokenId)} to {a.validUntil === 0n ? "never expire" : formatDate(a.validUntil)}
        </>
      );
    case "revoked":
      return <>Revoked {credential(a.tokenId)}</>;
    case "type-created":
      return (
        <>
          Created type #{a.typeId.toString()} “<bdi>{a.name}</bdi>”
        </>
      );
    case "type-retired":
      return <>Retired type #{a.typeId.toString()}</>;
    case "website":
      return (
        <>
          Set the website to{" "}
          <code>
            <bdi>{a.url}</bdi>
          </code>
        </>
      );
    case "delegation":
      return (
        <>
          {a.authorised ? "Made" : "Removed"} issuer #{a.delegateIssuerId.toString()}{" "}
          {a.authorised ? "a delegate for" : "as a delegate for"} type #{a.typeId.toString()}
        </>
      );
    case "round-closed":
      return <>Closed claim round #{a.roundId.toString()}</>;
    case "link-voided":
      return (
        <>
          Voided link {a.index.toString()} of claim round #{a.roundId.toString()}
        </>
      );
  }
}
