import { useState, type FormEvent } from "react";
import { useReadContract } from "wagmi";
import {
  CredentialStatus,
  LIMITS,
  byteLength,
  credentialLensAbi,
  credentialRegistryAbi,
  reasonLabel,
  statusLabel,
} from "@onchaincert/sdk";

import type { ChainContext } from "../chain";
import { formatDate, parseFormId, shortAddress } from "../format";
import { ChosenCredential } from "./ChosenCredential";
import type { useWrite } from "./useWrite";

const REASONS = [1, 2, 3, 4, 5, 6];
const EMPTY = { tokenId: "", reason: "1", note: "" };

/**
 * Revocation is deliberate: the credential behind the id (holder, type, issuer, issue date,
 * status) is shown before anything else, a confirmation says it cannot be undone and that the
 * reason and note are public for good, and only then does the wallet open. After a revocation the
 * form is empty again, so no note carries over into the next one.
 */
export function RevokeForm({
  ctx,
  write,
  initialTokenId = "",
}: {
  ctx: ChainContext;
  write: ReturnType<typeof useWrite>;
  /** A credential chosen elsewhere (a row of the issued list): shown, never revoked without the confirmation. */
  initialTokenId?: string;
}) {
  const [form, setForm] = useState({ ...EMPTY, tokenId: initialTokenId });
  const [confirming, setConfirming] = useState(false);
  const tokenId = parseFormId(form.tokenId);
  const noteBytes = byteLength(form.note);
  const credential = useReadContract({
    address: ctx.lens,
    abi: credentialLensAbi,
    functionName: "verify",
    args: tokenId !== undefined ? [tokenId] : undefined,
    chainId: ctx.chainId,
    query: { enabled: tokenId !== undefined && Boolean(ctx.lens) },
  });
  const c = credential.data;
  const known = c !== undefined && c.status !== CredentialStatus.Unknown;
  const revocable =
    known &&
    c.status !== CredentialStatus.Revoked &&
    c.status !== CredentialStatus.Renounced &&
    c.status !== CredentialStatus.Moved;
  const busy = write.state.phase === "checking" || write.state.phase === "pending";

  const edit = (change: Partial<typeof EMPTY>) => {
    setForm({ ...form, ...change });
    setConfirming(false);
  };

  function review(e: FormEvent) {
    e.preventDefault();
    if (revocable && noteBytes <= LIMITS.revocationNote) setConfirming(true);
  }

  async function revoke() {
    if (tokenId === undefined) return;
    const receipt = await write.send(`Revoke #${tokenId}`, {
      address: ctx.registry!,
      abi: credentialRegistryAbi,
      functionName: "revoke",
      args: [tokenId, Number(form.reason), form.note],
      chainId: ctx.chainId,
    });
    setConfirming(false);
    if (receipt?.status === "success") {
      setForm(EMPTY);
      void credential.refetch();
    }
  }

  return (
    <form className="panel form revoke-form" onSubmit={review} noValidate>
      <h2>Revoke a credential</h2>
      <label htmlFor="revoke-id">Credential id</label>
      <input
        id="revoke-id"
        inputMode="numeric"
        value={form.tokenId}
        onChange={(e) => edit({ tokenId: e.target.value })}
      />
      <ChosenCredential
        ctx={ctx}
        tokenId={tokenId}
        pending={credential.isPending}
        found={known ? c : undefined}
        className="revoke-subject"
        after={
          known &&
          !revocable && (
            <p className="field-error">
              It is {statusLabel(c.status).toLowerCase()} already: there is nothing to revoke.
            </p>
          )
        }
      >
        {known && (
          <>
            held by <code>{shortAddress(c.holder)}</code>, issued by <bdi>{c.issuerName}</bdi> on{" "}
            {formatDate(c.issuedAt)}. Status: <strong>{statusLabel(c.status)}</strong>.
          </>
        )}
      </ChosenCredential>
      <label htmlFor="revoke-reason">Reason</label>
      <select id="revoke-reason" value={form.reason} onChange={(e) => edit({ reason: e.target.value })}>
        {REASONS.map((r) => (
          <option key={r} value={r}>
            {reasonLabel(r)}
          </option>
        ))}
      </select>
      <label htmlFor="revoke-note">Note shown to verifiers (optional, public)</label>
      <input
        id="revoke-note"
        value={form.note}
        aria-invalid={noteBytes > LIMITS.revocationNote ? true : undefined}
        onChange={(e) => edit({ note: e.target.value })}
      />
      {noteBytes > LIMITS.revocationNote && (
        <p className="field-error">
          The note is {noteBytes} bytes; at most {LIMITS.revocationNote}.
        </p>
      )}
      {!confirming ? (
        <button type="submit" className="danger" disabled={!revocable || noteBytes > LIMITS.revocationNote}>
          Revoke…
        </button>
      ) : (
        <div className="confirm" role="alertdialog" aria-labelledby="revoke-confirm-title">
          <p id="revoke-confirm-title">
            <strong>
              Revoke #{tokenId?.toString()} <bdi>{c?.typeName}</bdi> of {c && shortAddress(c.holder)}?
            </strong>{" "}
            This cannot be undone. The reason ({reasonLabel(Number(form.reason))}){form.note ? " and the note" : ""}{" "}
            will be public on the chain for good.
          </p>
          <div className="button-row">
            <button type="button" className="danger" disabled={busy} onClick={() => void revoke()}>
              Revoke for good
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
