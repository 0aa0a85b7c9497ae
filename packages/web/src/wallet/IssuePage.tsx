import { useState, type FormEvent } from "react";
import { useAccount } from "wagmi";
import { keccak256, toBytes, zeroHash } from "viem";
import { LIMITS, byteLength, credentialRegistryAbi, kindLabel, reasonLabel } from "@onchaincert/sdk";

import { useChainContext } from "../chain";
import { parseAddress } from "../format";
import { DomainProofPanel } from "./DomainProofPanel";
import { IssuerHeader } from "./IssuerHeader";
import { TxNotice } from "./TxNotice";
import { useIssuableTypes } from "./useCredentialTypes";
import { useRoles } from "./useRoles";
import { useWrite } from "./useWrite";

const REASONS = [1, 2, 3, 4, 5, 6];

/** End of the chosen day (UTC) as a Unix timestamp; 0 when no date was chosen. */
function endOfDay(date: string): bigint {
  return date ? BigInt(Math.floor(Date.parse(`${date}T23:59:59Z`) / 1000)) : 0n;
}

function parseId(value: string): bigint | undefined {
  return /^[0-9]{1,20}$/.test(value.trim()) ? BigInt(value.trim()) : undefined;
}

export function IssuePage() {
  const ctx = useChainContext();
  const { address } = useAccount();
  const write = useWrite();
  const roles = useRoles();
  const types = useIssuableTypes(ctx, address);

  const [issue, setIssue] = useState({ typeId: "", recipient: "", validUntil: "", evidence: "" });
  const [revoke, setRevoke] = useState({ tokenId: "", reason: "1", note: "" });
  const [renew, setRenew] = useState({ tokenId: "", validUntil: "" });

  const recipient = issue.recipient ? parseAddress(issue.recipient) : undefined;
  const recipientError = recipient?.error;
  const today = new Date().toISOString().slice(0, 10);
  const dateError = (d: string) => (d && d < today ? "The date must be today or later." : undefined);
  const noteBytes = byteLength(revoke.note);

  function submitIssue(e: FormEvent) {
    e.preventDefault();
    const typeId = parseId(issue.typeId);
    if (typeId === undefined || !recipient?.address || dateError(issue.validUntil)) return;
    void write.send(`Issue type #${typeId} to ${recipient.address}`, {
      address: ctx.registry!,
      abi: credentialRegistryAbi,
      functionName: "issue",
      args: [
        typeId,
        recipient.address,
        endOfDay(issue.validUntil),
        issue.evidence ? keccak256(toBytes(issue.evidence)) : zeroHash,
      ],
      chainId: ctx.chainId,
    });
  }

  function submitRevoke(e: FormEvent) {
    e.preventDefault();
    const tokenId = parseId(revoke.tokenId);
    if (tokenId === undefined || noteBytes > LIMITS.revocationNote) return;
    void write.send(`Revoke #${tokenId}`, {
      address: ctx.registry!,
      abi: credentialRegistryAbi,
      functionName: "revoke",
      args: [tokenId, Number(revoke.reason), revoke.note],
      chainId: ctx.chainId,
    });
  }

  function submitRenew(e: FormEvent) {
    e.preventDefault();
    const tokenId = parseId(renew.tokenId);
    if (tokenId === undefined || dateError(renew.validUntil)) return;
    void write.send(`Renew #${tokenId}`, {
      address: ctx.registry!,
      abi: credentialRegistryAbi,
      functionName: "renew",
      args: [tokenId, endOfDay(renew.validUntil)],
      chainId: ctx.chainId,
    });
  }

  return (
    <section>
      <IssuerHeader roles={roles} title="Issuer console" />
      <TxNotice state={write.state} explorer={ctx.explorer} />

      <div className="panel">
        <h2>Credential types you can issue</h2>
        {types.data?.length ? (
          <ul className="type-list">
            {types.data.map((t) => (
              <li key={t.typeId.toString()}>
                #{t.typeId.toString()} <strong>{t.name}</strong> <span className="muted">({kindLabel(t.kind)})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{types.isPending ? "Loading…" : "None."}</p>
        )}
      </div>

      {roles.issuerId > 0n && address && <DomainProofPanel ctx={ctx} issuerId={roles.issuerId} account={address} />}

      <form className="panel form" onSubmit={submitIssue} noValidate>
        <h2>Issue a credential</h2>
        <label htmlFor="issue-type">Credential type id</label>
        <input
          id="issue-type"
          inputMode="numeric"
          list="issuable"
          value={issue.typeId}
          onChange={(e) => setIssue({ ...issue, typeId: e.target.value })}
        />
        <datalist id="issuable">
          {types.data?.map((t) => (
            <option key={t.typeId.toString()} value={t.typeId.toString()}>
              {t.name}
            </option>
          ))}
        </datalist>
        <label htmlFor="issue-recipient">Recipient address</label>
        <input
          id="issue-recipient"
          placeholder="0x…"
          value={issue.recipient}
          aria-invalid={recipientError ? true : undefined}
          onChange={(e) => setIssue({ ...issue, recipient: e.target.value })}
        />
        {recipientError && <p className="field-error">{recipientError}</p>}
        <label htmlFor="issue-until">Valid until (optional; empty = the type's default)</label>
        <input
          id="issue-until"
          type="date"
          value={issue.validUntil}
          onChange={(e) => setIssue({ ...issue, validUntil: e.target.value })}
        />
        {dateError(issue.validUntil) && <p className="field-error">{dateError(issue.validUntil)}</p>}
        <label htmlFor="issue-evidence">Evidence (optional; only its hash goes on-chain)</label>
        <input
          id="issue-evidence"
          placeholder="e.g. assessment reference or URL"
          value={issue.evidence}
          onChange={(e) => setIssue({ ...issue, evidence: e.target.value })}
        />
        <button type="submit" disabled={!parseId(issue.typeId) || !issue.recipient || Boolean(recipientError)}>
          Issue
        </button>
      </form>

      <form className="panel form" onSubmit={submitRevoke} noValidate>
        <h2>Revoke a credential</h2>
        <label htmlFor="revoke-id">Credential id</label>
        <input
          id="revoke-id"
          inputMode="numeric"
          value={revoke.tokenId}
          onChange={(e) => setRevoke({ ...revoke, tokenId: e.target.value })}
        />
        <label htmlFor="revoke-reason">Reason</label>
        <select
          id="revoke-reason"
          value={revoke.reason}
          onChange={(e) => setRevoke({ ...revoke, reason: e.target.value })}
        >
          {REASONS.map((r) => (
            <option key={r} value={r}>
              {reasonLabel(r)}
            </option>
          ))}
        </select>
        <label htmlFor="revoke-note">Note shown to verifiers (optional, public)</label>
        <input
          id="revoke-note"
          value={revoke.note}
          aria-invalid={noteBytes > LIMITS.revocationNote ? true : undefined}
          onChange={(e) => setRevoke({ ...revoke, note: e.target.value })}
        />
        {noteBytes > LIMITS.revocationNote && (
          <p className="field-error">
            The note is {noteBytes} bytes; at most {LIMITS.revocationNote}.
          </p>
        )}
        <button
          type="submit"
          className="danger"
          disabled={!parseId(revoke.tokenId) || noteBytes > LIMITS.revocationNote}
        >
          Revoke
        </button>
      </form>

      <form className="panel form" onSubmit={submitRenew} noValidate>
        <h2>Renew a credential</h2>
        <label htmlFor="renew-id">Credential id</label>
        <input
          id="renew-id"
          inputMode="numeric"
          value={renew.tokenId}
          onChange={(e) => setRenew({ ...renew, tokenId: e.target.value })}
        />
        <label htmlFor="renew-until">New expiry (optional; empty = the type's period from today)</label>
        <input
          id="renew-until"
          type="date"
          value={renew.validUntil}
          onChange={(e) => setRenew({ ...renew, validUntil: e.target.value })}
        />
        <button type="submit" disabled={!parseId(renew.tokenId)}>
          Renew
        </button>
      </form>
    </section>
  );
}
