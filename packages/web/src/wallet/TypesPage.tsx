import { useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { useAccount, useConfig, usePublicClient } from "wagmi";
import { readContract } from "wagmi/actions";
import { parseEventLogs } from "viem";
import {
  IssuerStatus,
  credentialRegistryAbi,
  formatCredits,
  kindLabel,
  type CredentialTypeInfo,
  type CredentialTypeInput,
} from "@onchaincert/sdk";

import { useChainContext, type ChainContext } from "../chain";
import { Notice } from "../components/Notice";
import { formatValidity, readProblem } from "../format";
import { CreateTypeForm } from "./CreateTypeForm";
import { IssuerHeader } from "./IssuerHeader";
import { TxNotice } from "./TxNotice";
import { useCredentialTypes } from "./useCredentialTypes";
import { useIssuers } from "./useIssuers";
import { useRoles } from "./useRoles";
import { useWrite } from "./useWrite";

type Write = ReturnType<typeof useWrite>;

interface TypeProps {
  type: CredentialTypeInfo;
  all: readonly CredentialTypeInfo[];
  ctx: ChainContext;
  write: Write;
  /** The issuer the connected account acts for. */
  issuerId: bigint;
}

/** Create credential types and stacks; for the types this account owns: delegates and retiring. */
export function TypesPage() {
  const ctx = useChainContext();
  const config = useConfig();
  const { address } = useAccount();
  const roles = useRoles();
  const me = roles.issuerId;
  const write = useWrite();
  const all = useCredentialTypes(ctx);
  // Which types this account is a delegate on (ids only: the types themselves come from `all`,
  // so a refreshed type shows at once).
  const delegatedIds = useQuery({
    queryKey: ["delegated-types", ctx.chainId, ctx.registry, address, me.toString(), all.data?.length],
    enabled: Boolean(ctx.registry && me && all.data),
    queryFn: async () => {
      const others = all.data!.filter((t) => t.ownerIssuerId !== me);
      const flags = await Promise.all(
        others.map((t) =>
          readContract(config, {
            address: ctx.registry!,
            abi: credentialRegistryAbi,
            functionName: "isTypeDelegate",
            args: [t.typeId, me],
            chainId: ctx.chainId,
          }),
        ),
      );
      return new Set(others.filter((_, i) => flags[i]).map((t) => t.typeId));
    },
  });
  const own = me ? all.data?.filter((t) => t.ownerIssuerId === me) : [];
  const delegated = all.data?.filter((t) => delegatedIds.data?.has(t.typeId));
  const [created, setCreated] = useState<bigint>();

  async function create(input: CredentialTypeInput): Promise<boolean> {
    setCreated(undefined);
    const receipt = await write.send(`Create “${input.name}”`, {
      address: ctx.registry!,
      abi: credentialRegistryAbi,
      functionName: "createCredentialType",
      args: [{ ...input, components: [...input.components] }],
      chainId: ctx.chainId,
    });
    if (!receipt) return false;
    const [event] = parseEventLogs({
      abi: credentialRegistryAbi,
      eventName: "CredentialTypeCreated",
      logs: receipt.logs,
    });
    setCreated(event?.args.typeId);
    return true;
  }

  return (
    <section>
      <IssuerHeader roles={roles} title="Credential types" />
      <TxNotice state={write.state} explorer={ctx.explorer} />
      {created !== undefined && write.state.phase === "confirmed" && (
        <Notice title={`Created credential type #${created}.`}>You can issue it now from the Issue page.</Notice>
      )}
      {all.error && (
        <Notice tone="error" title="The credential types could not be read.">
          {readProblem(all.error, ctx.rpc)}
        </Notice>
      )}

      <div className="panel wide">
        <h2>Types you own</h2>
        {own?.length ? (
          own.map((t) => (
            <OwnedType key={t.typeId.toString()} type={t} all={all.data!} ctx={ctx} write={write} issuerId={me} />
          ))
        ) : (
          <p className="muted">{all.isPending ? "Loading…" : "None yet. Create one below."}</p>
        )}
      </div>

      {delegated && delegated.length > 0 && (
        <div className="panel wide">
          <h2>Types you may issue for other issuers</h2>
          {delegated.map((t) => (
            <TypeSummary key={t.typeId.toString()} type={t} />
          ))}
        </div>
      )}

      {all.data && (
        <CreateTypeForm
          known={all.data}
          disabled={roles.issuerStatus !== IssuerStatus.Active || write.state.phase === "checking"}
          onCreate={create}
        />
      )}
    </section>
  );
}

function TypeSummary({ type: t }: { type: CredentialTypeInfo }) {
  return (
    <div className="type-summary">
      <strong>
        #{t.typeId.toString()} {t.name}
      </strong>{" "}
      <span className="muted">
        {kindLabel(t.kind)} · {formatValidity(t.validityPeriod)}
        {t.credits > 0 && ` · ${formatCredits(t.credits)} credits`}
        {t.requiredComponents > 0 &&
          ` · stack: ${t.requiredComponents} of ${t.components.map((c) => `#${c}`).join(", ")}`}
      </span>
      {t.retired && (
        <span className="badge badge-expired">Retired{t.successorTypeId > 0n && ` → #${t.successorTypeId}`}</span>
      )}
    </div>
  );
}

function OwnedType({ type: t, all, ctx, write, issuerId }: TypeProps) {
  return (
    <details className="owned-type">
      <summary>
        <TypeSummary type={t} />
      </summary>
      <Delegates typeId={t.typeId} ctx={ctx} write={write} issuerId={issuerId} />
      {!t.retired && <Retire type={t} all={all} ctx={ctx} write={write} issuerId={issuerId} />}
    </details>
  );
}

/**
 * The type's delegates (other issuers who issue it in the owner's name): read from its
 * `TypeDelegateSet` events, then each confirmed with `isTypeDelegate`, so the list is the chain's
 * current answer and not a replay (a hand-over removes every delegate without an event per delegate).
 */
function Delegates({
  typeId,
  ctx,
  write,
  issuerId,
}: {
  typeId: bigint;
  ctx: ChainContext;
  write: Write;
  issuerId: bigint;
}) {
  const client = usePublicClient({ chainId: ctx.chainId });
  const config = useConfig();
  const issuers = useIssuers(ctx);
  const [choice, setChoice] = useState("");
  const delegates = useQuery({
    queryKey: ["delegates", ctx.chainId, ctx.registry, typeId.toString()],
    enabled: Boolean(client && ctx.registry),
    queryFn: async () => {
      const events = await client!.getContractEvents({
        address: ctx.registry!,
        abi: credentialRegistryAbi,
        eventName: "TypeDelegateSet",
        args: { typeId },
        fromBlock: "earliest",
      });
      const ids = [...new Set(events.map((e) => e.args.delegateIssuerId!))];
      const current = await Promise.all(
        ids.map((id) =>
          readContract(config, {
            address: ctx.registry!,
            abi: credentialRegistryAbi,
            functionName: "isTypeDelegate",
            args: [typeId, id],
            chainId: ctx.chainId,
          }),
        ),
      );
      return ids.filter((_, i) => current[i]);
    },
  });
  const nameOf = (id: bigint) => issuers.data?.find((p) => p.issuerId === id)?.name ?? `Issuer #${id}`;
  const candidates = (issuers.data ?? []).filter(
    (p) => p.issuerId !== issuerId && p.status === IssuerStatus.Active && !delegates.data?.includes(p.issuerId),
  );

  function set(id: bigint, authorised: boolean) {
    return write.send(`${authorised ? "Add" : "Remove"} delegate ${nameOf(id)} on #${typeId}`, {
      address: ctx.registry!,
      abi: credentialRegistryAbi,
      functionName: "setTypeDelegate",
      args: [typeId, id, authorised],
      chainId: ctx.chainId,
    });
  }

  function add(e: FormEvent) {
    e.preventDefault();
    if (choice) void set(BigInt(choice), true).then((ok) => ok && setChoice(""));
  }

  return (
    <div className="manage">
      <h3>Delegates</h3>
      <p className="hint">
        Other registered issuers who may issue, renew and revoke this type in your name. Credentials they issue name you
        as the issuer; the registry records which account acted.
      </p>
      {delegates.error ? (
        <p className="field-error">The delegates could not be listed: {readProblem(delegates.error, ctx.rpc)}</p>
      ) : delegates.data?.length ? (
        <ul className="delegates">
          {delegates.data.map((id) => (
            <li key={id.toString()}>
              {nameOf(id)} <span className="muted">(issuer #{id.toString()})</span>{" "}
              <button type="button" className="secondary" onClick={() => void set(id, false)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{delegates.isPending ? "Loading…" : "No delegates."}</p>
      )}
      <form className="inline-form" onSubmit={add} noValidate>
        <label htmlFor={`delegate-${typeId}`}>Add a delegate to #{typeId.toString()}</label>
        <select id={`delegate-${typeId}`} value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">Choose a registered issuer…</option>
          {candidates.map((p) => (
            <option key={p.issuerId.toString()} value={p.issuerId.toString()}>
              {p.name} (issuer #{p.issuerId.toString()})
            </option>
          ))}
        </select>
        <button type="submit" disabled={!choice} aria-label={`Add delegate to #${typeId}`}>
          Add
        </button>
      </form>
    </div>
  );
}

function Retire({ type: t, all, ctx, write }: TypeProps) {
  const [successor, setSuccessor] = useState("0");
  const options = all.filter((o) => o.typeId !== t.typeId && !o.retired);

  function retire(e: FormEvent) {
    e.preventDefault();
    const message =
      `Retire “${t.name}”? No new credentials of this type can be issued afterwards, and this cannot be undone. ` +
      "Credentials already issued stay as they are.";
    if (!window.confirm(message)) return;
    void write.send(`Retire #${t.typeId}`, {
      address: ctx.registry!,
      abi: credentialRegistryAbi,
      functionName: "retireCredentialType",
      args: [t.typeId, BigInt(successor)],
      chainId: ctx.chainId,
    });
  }

  return (
    <form className="manage inline-form" onSubmit={retire}>
      <h3>Retire</h3>
      <label htmlFor={`successor-${t.typeId}`}>Successor of #{t.typeId.toString()} (optional)</label>
      <select id={`successor-${t.typeId}`} value={successor} onChange={(e) => setSuccessor(e.target.value)}>
        <option value="0">No successor</option>
        {options.map((o) => (
          <option key={o.typeId.toString()} value={o.typeId.toString()}>
            #{o.typeId.toString()} {o.name}
          </option>
        ))}
      </select>
      <button type="submit" className="danger" aria-label={`Retire #${t.typeId}`}>
        Retire type
      </button>
    </form>
  );
}
