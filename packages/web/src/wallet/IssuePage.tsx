import { useState, type FormEvent } from "react";
import { useAccount } from "wagmi";
import { keccak256, parseEventLogs, stringToBytes, zeroHash, type Hex } from "viem";
import { Link, useSearch } from "wouter";
import { credentialRegistryAbi, kindLabel, parseEvidence } from "@onchaincert/sdk";

import { useChainContext, withChain } from "../chain";
import { parseAddress, parseFormId, shortAddress } from "../format";
import { AcceptAccountPanel, AccountPanel } from "./AccountPanel";
import { DomainProofPanel } from "./DomainProofPanel";
import { IssuerHeader } from "./IssuerHeader";
import { MoveForm } from "./MoveForm";
import { RevokeForm } from "./RevokeForm";
import { TypeSelect } from "./bulk/TypeSelect";
import { TxNotice } from "./TxNotice";
import { useIssuableTypes } from "./useCredentialTypes";
import { useRoles } from "./useRoles";
import { useWrite } from "./useWrite";

/** End of the chosen day (UTC) as a Unix timestamp; 0 when no date was chosen. */
function endOfDay(date: string): bigint {
  return date ? BigInt(Math.floor(Date.parse(`${date}T23:59:59Z`) / 1000)) : 0n;
}

/**
 * The evidence hash a form's text stands for, as the CSV engine stores it: a URL hashed, a 0x
 * 32-byte hash as it is; any other reference hashed as text (never read as hex bytes).
 */
function evidenceHash(text: string): Hex {
  if (text === "") return zeroHash;
  const parsed = parseEvidence(text);
  return "hash" in parsed ? parsed.hash : keccak256(stringToBytes(text));
}

export function IssuePage() {
  const ctx = useChainContext();
  const { address } = useAccount();
  const write = useWrite();
  const roles = useRoles();
  const types = useIssuableTypes(ctx, address);
  // `?revoke=<id>` / `?renew=<id>` / `?move=<id>`: from a row of the issued list.
  const search = new URLSearchParams(useSearch());
  const chosen = (name: string) => (parseFormId(search.get(name) ?? "") ?? "").toString();

  const [issue, setIssue] = useState({ typeId: "", recipient: "", validUntil: "", evidence: "" });
  const [renew, setRenew] = useState({ tokenId: chosen("renew"), validUntil: "" });
  const [issued, setIssued] = useState<{ tokenId: bigint; holder: string }>();

  const recipient = issue.recipient ? parseAddress(issue.recipient) : undefined;
  const recipientError = recipient?.error;
  const today = new Date().toISOString().slice(0, 10);
  const dateError = (d: string) => (d && d < today ? "The date must be today or later." : undefined);

  async function submitIssue(e: FormEvent) {
    e.preventDefault();
    const typeId = parseFormId(issue.typeId);
    if (typeId === undefined || !recipient?.address || dateError(issue.validUntil)) return;
    setIssued(undefined);
    const to = recipient.address;
    const receipt = await write.send(`Issue type #${typeId} to ${to}`, {
      address: ctx.registry!,
      abi: credentialRegistryAbi,
      functionName: "issue",
      args: [typeId, to, endOfDay(issue.validUntil), evidenceHash(issue.evidence.trim())],
      chainId: ctx.chainId,
    });
    // The registry's Transfer from the zero address names the new credential (its third topic).
    const [minted] = receipt
      ? parseEventLogs({ abi: credentialRegistryAbi, logs: receipt.logs, eventName: "Transfer" }).filter(
          (l) => l.address.toLowerCase() === ctx.registry!.toLowerCase() && BigInt(l.args.from) === 0n,
        )
      : [];
    if (minted) {
      setIssued({ tokenId: minted.args.tokenId, holder: to });
      setIssue({ ...issue, recipient: "", validUntil: "", evidence: "" });
    }
  }

  function submitRenew(e: FormEvent) {
    e.preventDefault();
    const tokenId = parseFormId(renew.tokenId);
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

      {address && roles.known && roles.issuerId === 0n && (
        <AcceptAccountPanel ctx={ctx} write={write} account={address} />
      )}
      {roles.issuerId > 0n && address && <DomainProofPanel ctx={ctx} issuerId={roles.issuerId} account={address} />}

      <form className="panel form" onSubmit={(e) => void submitIssue(e)} noValidate>
        <h2>Issue a credential</h2>
        <label htmlFor="issue-type">Credential type</label>
        <TypeSelect
          id="issue-type"
          value={issue.typeId}
          types={types.data}
          onChange={(typeId) => setIssue({ ...issue, typeId })}
        />
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
        <label htmlFor="issue-evidence">
          Evidence (optional; only its hash goes on-chain: a 0x hash is stored as it is, a URL or reference is hashed)
        </label>
        <input
          id="issue-evidence"
          placeholder="e.g. assessment reference or URL"
          value={issue.evidence}
          onChange={(e) => setIssue({ ...issue, evidence: e.target.value })}
        />
        <button type="submit" disabled={!parseFormId(issue.typeId) || !issue.recipient || Boolean(recipientError)}>
          Issue
        </button>
        {issued && (
          <p className="issued" role="status">
            Issued credential{" "}
            <Link href={withChain(`/credential/${issued.tokenId}`, ctx.chainId)}>#{issued.tokenId.toString()}</Link> to{" "}
            <code>{shortAddress(issued.holder)}</code>.
          </p>
        )}
      </form>

      <RevokeForm ctx={ctx} write={write} initialTokenId={chosen("revoke")} />

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
        <button type="submit" disabled={!parseFormId(renew.tokenId)}>
          Renew
        </button>
      </form>

      <MoveForm ctx={ctx} write={write} initialTokenId={chosen("move")} />

      {roles.issuerId > 0n && address && (
        <AccountPanel ctx={ctx} write={write} issuerId={roles.issuerId} account={address} />
      )}
    </section>
  );
}
