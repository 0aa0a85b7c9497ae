import { useState, type FormEvent } from "react";
import { useReadContracts } from "wagmi";
import { Link } from "wouter";
import {
  CredentialStatus,
  INDEXED_STATUSES,
  credentialLensAbi,
  issuedCsvUrl,
  statusLabel,
  type IndexedCredential,
  type IndexedStatusName,
  type IssuedQuery,
} from "@onchaincert/sdk";

import { useChainContext, withChain, type ChainContext } from "../chain";
import { StatusBadge } from "../components/StatusBadge";
import { formatDate, shortAddress } from "../format";
import { indexProblem, useIssued } from "../useIndex";
import { useCredentialTypes } from "./useCredentialTypes";
import { useRoles } from "./useRoles";

const PAGE = 25;
const DAY = 86_400n;
const WINDOWS = [
  { value: "", label: "Any expiry" },
  { value: "30", label: "Expiring within 30 days" },
  { value: "90", label: "Expiring within 90 days" },
  { value: "365", label: "Expiring within a year" },
];

type Filters = {
  holder: string;
  status: "" | IndexedStatusName;
  typeId: string;
  issuedFrom: string;
  expiresWithin: string;
};
const NONE: Filters = { holder: "", status: "", typeId: "", issuedFrom: "", expiresWithin: "" };

/** The query the filters ask for (dates as Unix seconds, UTC). */
function queryOf(issuerId: bigint, f: Filters, cursor: bigint | undefined): IssuedQuery {
  const now = BigInt(Math.floor(Date.now() / 1000));
  return {
    issuerId,
    limit: PAGE,
    cursor,
    holder: f.holder.trim() || undefined,
    // "Expiring within …" means the ones still valid, which can be renewed, unless a status is chosen.
    status: f.status || (f.expiresWithin ? "valid" : undefined),
    typeId: f.typeId ? BigInt(f.typeId) : undefined,
    issuedFrom: f.issuedFrom ? BigInt(Math.floor(Date.parse(`${f.issuedFrom}T00:00:00Z`) / 1000)) : undefined,
    expiresFrom: f.expiresWithin ? now : undefined,
    expiresUntil: f.expiresWithin ? now + BigInt(f.expiresWithin) * DAY : undefined,
  };
}

/**
 * `/issued`: every credential the connected organisation's types produced, newest first, from the
 * index: search by recipient, filters, pages, CSV export, and renew, move (a lost wallet) or revoke
 * from a row (on the issue page, which shows the credential from the chain before anything is sent). A row the index
 * calls Valid shows green only once the lens's `verify` agrees.
 */
export function IssuedPage() {
  const ctx = useChainContext();
  const roles = useRoles();
  const types = useCredentialTypes(ctx);
  const [draft, setDraft] = useState<Filters>(NONE);
  const [filters, setFilters] = useState<Filters>(NONE);
  // Cursors of the pages before this one: "Previous" pops one.
  const [cursors, setCursors] = useState<(bigint | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const issuerId = roles.issuerId > 0n ? roles.issuerId : undefined;
  const query = issuerId ? queryOf(issuerId, filters, cursor) : undefined;
  const page = useIssued(ctx, query);
  const own = types.data?.filter((t) => t.ownerIssuerId === issuerId) ?? [];

  function apply(e: FormEvent) {
    e.preventDefault();
    setFilters(draft);
    setCursors([undefined]);
  }

  if (roles.known && !issuerId) {
    return (
      <section>
        <h1 className="page-title">Issued credentials</h1>
        <p>This account does not act for an issuer.</p>
      </section>
    );
  }
  const { cursor: _c, limit: _l, ...exported } = query ?? { issuerId: 0n };
  return (
    <section className="issued-page">
      <h1 className="page-title">Issued credentials</h1>
      <p className="muted">
        Everything your organisation's types issued, newest first, from the index. Each credential's page, and the
        revoke and renew forms, read it from the chain.
      </p>
      <form className="panel form filters" onSubmit={apply} role="search" aria-label="Filter issued credentials">
        <label htmlFor="issued-holder">Recipient address (or its beginning)</label>
        <input
          id="issued-holder"
          value={draft.holder}
          placeholder="0x…"
          spellCheck={false}
          onChange={(e) => setDraft({ ...draft, holder: e.target.value })}
        />
        <label htmlFor="issued-status">Status</label>
        <select
          id="issued-status"
          value={draft.status}
          onChange={(e) => setDraft({ ...draft, status: e.target.value as Filters["status"] })}
        >
          <option value="">Any status</option>
          {INDEXED_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s[0]!.toUpperCase() + s.slice(1)}
            </option>
          ))}
        </select>
        <label htmlFor="issued-type">Credential type</label>
        <select id="issued-type" value={draft.typeId} onChange={(e) => setDraft({ ...draft, typeId: e.target.value })}>
          <option value="">Any type</option>
          {own.map((t) => (
            <option key={t.typeId.toString()} value={t.typeId.toString()}>
              #{t.typeId.toString()} {t.name}
            </option>
          ))}
        </select>
        <label htmlFor="issued-from">Issued on or after</label>
        <input
          id="issued-from"
          type="date"
          value={draft.issuedFrom}
          onChange={(e) => setDraft({ ...draft, issuedFrom: e.target.value })}
        />
        <label htmlFor="issued-expiry">Expiry</label>
        <select
          id="issued-expiry"
          value={draft.expiresWithin}
          onChange={(e) => setDraft({ ...draft, expiresWithin: e.target.value })}
        >
          {WINDOWS.map((w) => (
            <option key={w.value} value={w.value}>
              {w.label}
            </option>
          ))}
        </select>
        <div className="actions">
          <button type="submit">Show</button>
          {issuerId && ctx.indexer && (
            <a
              className="button-link"
              href={issuedCsvUrl(ctx.indexer, exported as Omit<IssuedQuery, "cursor" | "limit">)}
              download
            >
              Export CSV
            </a>
          )}
        </div>
      </form>

      {!ctx.indexer || page.error ? (
        <p className="notice notice-info index-unavailable" role="status">
          The index is unavailable, so the list cannot be shown. {indexProblem(ctx, page.error)}
        </p>
      ) : !page.data ? (
        <p className="loading" role="status">
          Reading the list from the index…
        </p>
      ) : page.data.credentials.length === 0 ? (
        <p role="status">No credentials match.</p>
      ) : (
        <>
          <IssuedTable ctx={ctx} rows={page.data.credentials} />
          <nav className="pager" aria-label="Pages">
            <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
              Previous
            </button>
            <span>Page {cursors.length}</span>
            <button
              type="button"
              disabled={page.data.next === null}
              onClick={() => setCursors([...cursors, page.data!.next ?? undefined])}
            >
              Next
            </button>
          </nav>
        </>
      )}
    </section>
  );
}

function IssuedTable({ ctx, rows }: { ctx: ChainContext; rows: IndexedCredential[] }) {
  // The chain's word on every row the index calls Valid.
  const valid = rows.filter((r) => r.status === CredentialStatus.Valid);
  const confirmed = useReadContracts({
    contracts: valid.map((r) => ({
      address: ctx.lens!,
      abi: credentialLensAbi,
      functionName: "verify" as const,
      args: [r.tokenId] as const,
      chainId: ctx.chainId,
    })),
    query: { enabled: Boolean(ctx.lens) && valid.length > 0 },
  });
  // Green only when the chain agrees on the status and on whose credential it is (holder, issuer,
  // type): a row the index got wrong shows the chain's status instead.
  const onChain = new Map(
    valid.map((r, i) => {
      const c = confirmed.data?.[i]?.result;
      const same =
        c !== undefined &&
        c.holder.toLowerCase() === r.holder.toLowerCase() &&
        c.issuerId === r.issuerId &&
        c.typeId === r.typeId;
      return [r.tokenId, c === undefined ? undefined : same ? c.status : CredentialStatus.Unknown] as const;
    }),
  );
  return (
    <table className="table issued-table">
      <thead>
        <tr>
          <th scope="col">Credential</th>
          <th scope="col">Recipient</th>
          <th scope="col">Type</th>
          <th scope="col">Issued</th>
          <th scope="col">Expires</th>
          <th scope="col">Status</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const chain = onChain.get(r.tokenId);
          const active = r.status === CredentialStatus.Valid || r.status === CredentialStatus.Expired;
          return (
            <tr key={r.tokenId.toString()}>
              <td>
                <Link href={withChain(`/credential/${r.tokenId}`, ctx.chainId)}>#{r.tokenId.toString()}</Link>
              </td>
              <td>
                <code title={r.holder}>{shortAddress(r.holder)}</code>
              </td>
              <td>
                <bdi>{r.typeName}</bdi>
              </td>
              <td>{formatDate(r.issuedAt)}</td>
              <td>{r.validUntil === 0n ? "Never" : formatDate(r.validUntil)}</td>
              <td>
                {r.status !== CredentialStatus.Valid ? (
                  <StatusBadge status={r.status} />
                ) : chain === undefined ? (
                  <span className="badge badge-muted" title="The index says Valid; checking on the chain">
                    Checking…
                  </span>
                ) : chain === CredentialStatus.Valid ? (
                  <StatusBadge status={chain} />
                ) : (
                  <span title="The index does not agree with the chain">
                    <StatusBadge status={chain} /> (the index said {statusLabel(r.status)}
                    {chain === CredentialStatus.Unknown && " for another holder, issuer or type"})
                  </span>
                )}
              </td>
              <td className="row-actions">
                {active && (
                  <>
                    <Link href={withChain(`/issue?renew=${r.tokenId}`, ctx.chainId)}>Renew</Link>{" "}
                    <Link href={withChain(`/issue?move=${r.tokenId}`, ctx.chainId)}>Move…</Link>{" "}
                    <Link href={withChain(`/issue?revoke=${r.tokenId}`, ctx.chainId)}>Revoke…</Link>
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
