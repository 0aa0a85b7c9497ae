import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { Link } from "wouter";
import { useReadContracts } from "wagmi";
import {
  CredentialStatus,
  IndexUnavailable,
  credentialLensAbi,
  deploymentOn,
  fetchCredentialEvents,
  historyFromIndex,
  reasonLabel,
  readCredentialHistory,
  type Credential,
  type CredentialEvent,
} from "@onchaincert/sdk";

import { withChain, type ChainContext } from "../chain";
import { History } from "../components/History";
import { formatDate, shortAddress } from "../format";
import { useReadClient } from "../readClient";

/** The fields of a credential its history depends on: when one changes, the history is read again. */
export interface HistoryScope {
  tokenId: bigint;
  status: number;
  revokedAt: bigint;
  validUntil: bigint;
  holder: string;
  movedTo: bigint;
  /** Accounts the history names, shown by name: the issuer's and a delegate's. */
  issuer: string;
  issuerName: string;
  delegate: string;
  delegateName: string;
}

/** Account (lower case) → the name it is shown with. */
type Names = ReadonlyMap<string, string>;

/**
 * What happened to a credential, oldest first, from the registry's events for it: issued (by
 * whom, how), stack claimed, renewed, revoked, renounced, moves. Read again when its record changes.
 */
export function CredentialHistory({ ctx, c }: { ctx: ChainContext; c: HistoryScope }) {
  const client = useReadClient(ctx.chainId);
  const scope = `${c.status}:${c.revokedAt}:${c.validUntil}:${c.holder}:${c.movedTo}`;
  const names: Names = new Map([
    [c.delegate.toLowerCase(), c.delegateName],
    [c.issuer.toLowerCase(), c.issuerName],
  ]);
  const history = useQuery({
    queryKey: ["credential-history", ctx.chainId, ctx.registry, ctx.indexer, c.tokenId.toString(), scope],
    queryFn: async ({ signal }) => {
      // The index first (public RPCs cap the log queries a whole history takes); the chain's logs
      // when it is unavailable or does not have the credential yet.
      let indexDown = false;
      if (ctx.indexer) {
        try {
          const lines = await fetchCredentialEvents(ctx.indexer, c.tokenId, signal);
          if (lines.length > 0) return { events: historyFromIndex(lines), from: "index" as const };
        } catch (error) {
          if (!(error instanceof IndexUnavailable)) throw error;
          indexDown = true;
        }
      }
      const events = await readCredentialHistory(client!, ctx.registry!, c.tokenId, deploymentOn(ctx.chainId)?.claims);
      return { events, from: indexDown ? ("chain, index down" as const) : ("chain" as const) };
    },
    enabled: Boolean(client && ctx.registry),
    retry: false,
    placeholderData: (previous) => previous,
  });
  const events = { ...history, data: history.data?.events } as UseQueryResult<CredentialEvent[]>;
  const source =
    history.data?.from === "index"
      ? "From the index; the status above is read from the chain."
      : history.data?.from === "chain, index down"
        ? "The index is unavailable: read from the chain's logs instead."
        : undefined;
  return <History ctx={ctx} query={events} source={source} line={(e) => <EventLine ctx={ctx} e={e} names={names} />} />;
}

/** An account by its short address, with the issuer's (or delegate's) name when it is theirs. */
function Account({ address, names }: { address: string; names?: Names }) {
  const name = names?.get(address.toLowerCase());
  const code = (
    <code className="account" title={address}>
      {shortAddress(address)}
    </code>
  );
  return name ? (
    <>
      <bdi>{name}</bdi> ({code})
    </>
  ) : (
    code
  );
}

function CredentialLink({ ctx, id }: { ctx: ChainContext; id: bigint }) {
  return <Link href={withChain(`/credential/${id}`, ctx.chainId)}>#{id.toString()}</Link>;
}

function EventLine({ ctx, e, names }: { ctx: ChainContext; e: CredentialEvent; names: Names }) {
  switch (e.kind) {
    case "issued":
      return e.via === "link" ? (
        <>
          Claimed with a claim link by <Account address={e.holder} />.
        </>
      ) : (
        <>
          Issued to <Account address={e.holder} /> by{" "}
          {e.actor ? <Account address={e.actor} names={names} /> : "its issuer, through a contract"}
          {e.via === "batch" ? ", in a batch." : "."}
        </>
      );
    case "stack-claimed":
      return (
        <>
          Qualification awarded to <Account address={e.holder} />, built from{" "}
          {e.components.map((id, i) => (
            <span key={id.toString()}>
              {i > 0 && ", "}
              <CredentialLink ctx={ctx} id={id} />
            </span>
          ))}
          .
        </>
      );
    case "renewed":
      return (
        <>
          Renewed by <Account address={e.by} names={names} />:{" "}
          {e.validUntil === 0n ? "no longer expires" : `valid until ${formatDate(e.validUntil)}`}.
        </>
      );
    case "revoked":
      return (
        <>
          Revoked by <Account address={e.by} names={names} />: {reasonLabel(e.reason)}
          {e.note && (
            <>
              {" "}
              — “<bdi>{e.note}</bdi>”
            </>
          )}
          .
        </>
      );
    case "renounced":
      return (
        <>
          Removed by its holder, <Account address={e.holder} />.
        </>
      );
    case "move-proposed":
      return (
        <>
          Move to <Account address={e.newHolder} /> proposed by <Account address={e.proposer} names={names} />, possible
          from {formatDate(e.readyAt)}.
        </>
      );
    case "move-cancelled":
      return (
        <>
          Move cancelled by <Account address={e.by} names={names} />.
        </>
      );
    case "moved-out":
      return (
        <>
          Moved to <Account address={e.newHolder} />, where it is <CredentialLink ctx={ctx} id={e.newTokenId} />.
        </>
      );
    case "moved-in":
      return (
        <>
          Moved here from <CredentialLink ctx={ctx} id={e.fromTokenId} /> (the holder's previous address).
        </>
      );
  }
}

/**
 * For a qualification invalidated by a revoked component: which ones, when and why, read from the
 * lens for each component.
 */
export function RevokedComponents({ ctx, components }: { ctx: ChainContext; components: readonly bigint[] }) {
  const read = useReadContracts({
    contracts: components.map((id) => ({
      address: ctx.lens,
      abi: credentialLensAbi,
      functionName: "verify" as const,
      args: [id] as const,
      chainId: ctx.chainId,
    })),
    allowFailure: false,
    query: { enabled: Boolean(ctx.lens) },
  });
  const revoked = ((read.data ?? []) as readonly Credential[]).filter((r) => r.status === CredentialStatus.Revoked);
  if (revoked.length === 0) return null;
  return (
    <ul className="revoked-components">
      {revoked.map((r) => (
        <li key={r.tokenId.toString()}>
          <CredentialLink ctx={ctx} id={r.tokenId} /> <bdi>{r.typeName}</bdi>, revoked {formatDate(r.revokedAt)}:{" "}
          {reasonLabel(r.revocationReason)}
          {r.revocationNote && (
            <>
              {" "}
              — “<bdi>{r.revocationNote}</bdi>”
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
