import { useState, type FormEvent } from "react";
import { useReadContract } from "wagmi";
import { zeroAddress, type Address } from "viem";
import { CredentialStatus, credentialRegistryAbi, statusLabel } from "@onchaincert/sdk";

import type { ChainContext } from "../chain";
import { parseAddress, parseFormId, shortAddress } from "../format";
import { ChosenCredential } from "./ChosenCredential";
import type { useWrite } from "./useWrite";

/** The registry's record of a credential, its pending move included, and the registry's move delay. */
function useMoveFacts(ctx: ChainContext, tokenId: bigint | undefined) {
  const read = { address: ctx.registry, abi: credentialRegistryAbi, chainId: ctx.chainId } as const;
  const record = useReadContract({
    ...read,
    functionName: "credentialRecord",
    args: tokenId !== undefined ? [tokenId] : undefined,
    query: { enabled: tokenId !== undefined && Boolean(ctx.registry) },
  });
  const delay = useReadContract({ ...read, functionName: "MOVE_DELAY", query: { enabled: Boolean(ctx.registry) } });
  return { record, delaySeconds: delay.data };
}

function days(seconds: bigint | undefined): string {
  if (seconds === undefined) return "the registry's waiting period";
  const d = Number(seconds) / 86_400;
  return d >= 1 ? `${d} day${d === 1 ? "" : "s"}` : `${Math.round(Number(seconds) / 3600)} hours`;
}

/**
 * For the issuer: move a credential to its holder's new wallet (a lost wallet). The credential is
 * shown from the chain first; the new wallet accepts after the registry's delay, and the old
 * credential then reads Moved. A standing proposal can be cancelled.
 */
export function MoveForm({
  ctx,
  write,
  initialTokenId = "",
}: {
  ctx: ChainContext;
  write: ReturnType<typeof useWrite>;
  initialTokenId?: string;
}) {
  const [form, setForm] = useState({ tokenId: initialTokenId, to: "" });
  const tokenId = parseFormId(form.tokenId);
  const { record, delaySeconds } = useMoveFacts(ctx, tokenId);
  const r = record.data;
  const known = r !== undefined && r.status !== CredentialStatus.Unknown;
  const movable = known && (r.status === CredentialStatus.Valid || r.status === CredentialStatus.Expired);
  const target = form.to.trim() ? parseAddress(form.to.trim()) : undefined;
  const sameHolder = Boolean(target?.address && r && target.address.toLowerCase() === r.holder.toLowerCase());
  const busy = write.state.phase === "checking" || write.state.phase === "pending";

  async function propose(e: FormEvent) {
    e.preventDefault();
    if (tokenId === undefined || !target?.address || !movable || sameHolder) return;
    const receipt = await write.send(`Propose moving #${tokenId} to ${target.address}`, {
      address: ctx.registry!,
      abi: credentialRegistryAbi,
      functionName: "proposeMove",
      args: [tokenId, target.address],
      chainId: ctx.chainId,
    });
    if (receipt) setForm({ ...form, to: "" });
    await record.refetch();
  }

  async function cancel() {
    if (tokenId === undefined) return;
    await write.send(`Cancel the move of #${tokenId}`, {
      address: ctx.registry!,
      abi: credentialRegistryAbi,
      functionName: "cancelMove",
      args: [tokenId],
      chainId: ctx.chainId,
    });
    await record.refetch();
  }

  return (
    <form className="panel form move-form" onSubmit={propose} noValidate>
      <h2>Move to a new wallet</h2>
      <p className="muted">
        When a holder lost their wallet: propose their new address. They accept with that wallet (on its “My
        credentials” page) after {days(delaySeconds)}; the credential is re-issued there with the same type, dates and
        evidence, and this one reads Moved.
      </p>
      <label htmlFor="move-id">Credential id</label>
      <input
        id="move-id"
        inputMode="numeric"
        value={form.tokenId}
        onChange={(e) => setForm({ ...form, tokenId: e.target.value })}
      />
      <ChosenCredential
        ctx={ctx}
        tokenId={tokenId}
        pending={record.isPending}
        found={known ? r : undefined}
        className="move-subject"
        after={
          known && (
            <>
              {!movable && (
                <p className="field-error">It is {statusLabel(r.status).toLowerCase()}: it cannot be moved.</p>
              )}
              {r.pendingMove !== zeroAddress && (
                <p>
                  A move to <code>{r.pendingMove}</code> is proposed.{" "}
                  <button type="button" className="secondary" disabled={busy} onClick={cancel}>
                    Cancel the move
                  </button>
                </p>
              )}
            </>
          )
        }
      >
        {known && (
          <>
            held by <code>{shortAddress(r.holder)}</code>. Status: <strong>{statusLabel(r.status)}</strong>.
          </>
        )}
      </ChosenCredential>
      <label htmlFor="move-to">The holder's new address</label>
      <input
        id="move-to"
        value={form.to}
        spellCheck={false}
        aria-invalid={target?.error || sameHolder ? true : undefined}
        onChange={(e) => setForm({ ...form, to: e.target.value })}
      />
      {target?.error && <p className="field-error">{target.error}</p>}
      {sameHolder && <p className="field-error">That is the address that holds it now.</p>}
      <button type="submit" disabled={busy || !movable || !target?.address || sameHolder}>
        Propose the move
      </button>
    </form>
  );
}

/**
 * For the holder's new wallet: accept a credential its issuer proposed to move here. Shows the
 * credential and whether the proposal names this wallet before anything is sent.
 */
export function AcceptMovePanel({
  ctx,
  write,
  account,
}: {
  ctx: ChainContext;
  write: ReturnType<typeof useWrite>;
  account: Address;
}) {
  const [text, setText] = useState("");
  const tokenId = parseFormId(text);
  const { record, delaySeconds } = useMoveFacts(ctx, tokenId);
  const r = record.data;
  const forYou = Boolean(r && r.pendingMove.toLowerCase() === account.toLowerCase());
  const busy = write.state.phase === "checking" || write.state.phase === "pending";

  async function accept(e: FormEvent) {
    e.preventDefault();
    if (tokenId === undefined || !forYou) return;
    const receipt = await write.send(`Accept #${tokenId} in this wallet`, {
      address: ctx.registry!,
      abi: credentialRegistryAbi,
      functionName: "acceptMove",
      args: [tokenId],
      chainId: ctx.chainId,
    });
    if (receipt) setText("");
  }

  return (
    <form className="panel form accept-move" onSubmit={accept} noValidate>
      <h2>A credential moved to this wallet</h2>
      <p className="muted">
        Lost the wallet that held a credential? Once its issuer has proposed moving it here, accept it with the
        credential's number, {days(delaySeconds)} after the proposal.
      </p>
      <label htmlFor="accept-move-id">Credential id</label>
      <input id="accept-move-id" inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)} />
      {tokenId !== undefined && r && !record.isPending && (
        <p className={forYou ? undefined : "field-error"}>
          {r.status === CredentialStatus.Unknown
            ? `There is no credential #${tokenId} on this chain.`
            : forYou
              ? `#${tokenId} ${r.typeName}, held by ${shortAddress(r.holder)}, is proposed to move to this wallet.`
              : `No move of #${tokenId} to this wallet is proposed.`}
        </p>
      )}
      <button type="submit" disabled={busy || !forYou}>
        Accept it here
      </button>
    </form>
  );
}
