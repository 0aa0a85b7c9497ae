import { useMemo } from "react";
import { useAccount } from "wagmi";
import {
  CredentialStatus,
  carriesCredits,
  credentialRegistryAbi,
  type Credential,
  type CredentialTypeInfo,
} from "@onchaincert/sdk";

import { useChainContext, withChain } from "../chain";
import { Link } from "wouter";

import { CredentialCard } from "../components/CredentialCard";
import { ExpiringSoon } from "../components/ExpiringSoon";
import { Loading, Notice } from "../components/Notice";
import { PagedCards } from "../components/Paged";
import { readProblem } from "../format";
import { OpenBadgeDownload } from "../components/OpenBadgeDownload";
import { useHolderCredentials } from "../useHolderCredentials";
import { useNow } from "../useNow";
import { AddToWallet } from "./AddToWallet";
import { AcceptMovePanel } from "./MoveForm";
import { TxNotice } from "./TxNotice";
import { useCredentialTypes } from "./useCredentialTypes";
import { useWrite } from "./useWrite";

/**
 * Stack types the holder could claim now: enough valid components, and no stack of the type that
 * still counts as theirs (valid, expired, or reading Moved while a component is at another
 * address: the registry refuses a second one).
 */
function claimableStacks(types: readonly CredentialTypeInfo[] | undefined, held: readonly Credential[] | undefined) {
  const valid = (held ?? []).filter((c) => c.status === CredentialStatus.Valid);
  const counting = (held ?? []).filter(
    (c) =>
      c.status === CredentialStatus.Valid ||
      c.status === CredentialStatus.Expired ||
      (c.status === CredentialStatus.Moved && c.movedTo === 0n),
  );
  return (types ?? [])
    .filter((t) => t.requiredComponents > 0 && !t.retired)
    .map((t) => ({ type: t, have: t.components.filter((id) => valid.some((c) => c.typeId === id)).length }))
    .filter(({ type, have }) => have >= type.requiredComponents && !counting.some((c) => c.typeId === type.typeId));
}

export function MePage() {
  const ctx = useChainContext();
  const { address } = useAccount();
  const write = useWrite();
  const list = useHolderCredentials(ctx, address);
  const types = useCredentialTypes(ctx);
  const stacks = useMemo(() => claimableStacks(types.data, list.data), [types.data, list.data]);
  const now = useNow();

  if (list.error)
    return (
      <Notice tone="error" title="Your credentials could not be read.">
        {readProblem(list.error, ctx.rpc)}
      </Notice>
    );
  if (!list.data) return <Loading what="your credentials" />;

  return (
    <section>
      <h1 className="page-title">My credentials</h1>
      <TxNotice state={write.state} explorer={ctx.explorer} />
      <ExpiringSoon credentials={list.data} now={now} ctx={ctx} holderIsYou />
      {list.data.some(carriesCredits) && (
        <p className="hint">
          Your professional-development credit totals, as a verifier sees them:{" "}
          <Link href={withChain(`/verify/${address}?credits=24m`, ctx.chainId)}>last 24 months</Link>.
        </p>
      )}
      {stacks.length > 0 && (
        <div className="panel">
          <h2>Qualifications you can claim</h2>
          {stacks.map(({ type, have }) => (
            <div key={type.typeId.toString()} className="claim-row">
              <span>
                <strong>{type.name}</strong> — you hold {have} of the {type.components.length} components;{" "}
                {type.requiredComponents} needed.
              </span>
              <button
                type="button"
                onClick={() =>
                  write.send(`Claim ${type.name}`, {
                    address: ctx.registry!,
                    abi: credentialRegistryAbi,
                    functionName: "claimStack",
                    args: [type.typeId, address!],
                    chainId: ctx.chainId,
                  })
                }
              >
                Claim
              </button>
            </div>
          ))}
        </div>
      )}
      {address && <AcceptMovePanel ctx={ctx} write={write} account={address} />}
      <h2 className="sr-only">Your credentials</h2>
      {list.data.length === 0 ? (
        <Notice title="You hold no credentials on this chain yet." />
      ) : (
        <PagedCards
          items={list.data}
          keyOf={(c) => c.tokenId.toString()}
          noun="credentials"
          render={(c) => (
            <div className="card-with-actions">
              <CredentialCard c={c} ctx={ctx} />
              <div className="actions">
                <AddToWallet registry={ctx.registry!} tokenId={c.tokenId} />
                <OpenBadgeDownload ctx={ctx} tokenId={c.tokenId} compact />
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    if (
                      !window.confirm(
                        `Remove “${c.typeName}” (#${c.tokenId}) from your account? This cannot be undone.`,
                      )
                    )
                      return;
                    void write.send(`Renounce #${c.tokenId}`, {
                      address: ctx.registry!,
                      abi: credentialRegistryAbi,
                      functionName: "renounce",
                      args: [c.tokenId],
                      chainId: ctx.chainId,
                    });
                  }}
                >
                  Renounce
                </button>
              </div>
            </div>
          )}
        />
      )}
    </section>
  );
}
