import { useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { useAccount, useConfig, usePublicClient } from "wagmi";
import { readContract } from "wagmi/actions";
import { parseEventLogs, type Address } from "viem";
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
import { formatValidity, parseAddress, readProblem, shortAddress } from "../format";
import { CreateTypeForm } from "./CreateTypeForm";
import { IssuerHeader } from "./IssuerHeader";
import { TxNotice } from "./TxNotice";
import { useCredentialTypes } from "./useCredentialTypes";
import { useRoles } from "./useRoles";
import { useWrite } from "./useWrite";

type Write = ReturnType<typeof useWrite>;

interface TypeProps {
  type: CredentialTypeInfo;
  all: readonly CredentialTypeInfo[];
  ctx: ChainContext;
  write: Write;
}

/** Create credential types and stacks; for the types this account owns: delegates and retiring. */
export function TypesPage() {
  const ctx = useChainContext();
  const config = useConfig();
  const { address } = useAccount();
  const roles = useRoles();
  const write = useWrite();
  const all = useCredentialTypes(ctx);
  // Which types this account is a delegate on (ids only: the types themselves come from `all`,
  // so a refreshed type shows at once).
  const delegatedIds = useQuery({
    queryKey: ["delegated-types", ctx.chainId, ctx.registry, address, all.data?.length],
    enabled: Boolean(ctx.registry && address && all.data),
    queryFn: async () => {
      const others = all.data!.filter((t) => t.issuer !== address);
      const flags = await Promise.all(
        others.map((t) =>
          readContract(config, {
            address: ctx.registry!,
            abi: credentialRegistryAbi,
            functionName: "isTypeDelegate",
            args: [t.typeId, address!],
            chainId: ctx.chainId,
          }),
        ),
      );
      return new Set(others.filter((_, i) => flags[i]).map((t) => t.typeId));
    },
  });
  const own = all.data?.filter((t) => t.issuer === address);
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
          own.map((t) => <OwnedType key={t.typeId.toString()} type={t} all={all.data!} ctx={ctx} write={write} />)
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

function OwnedType({ type: t, all, ctx, write }: TypeProps) {
  return (
    <details className="owned-type">
      <summary>
        <TypeSummary type={t} />
      </summary>
      <Delegates typeId={t.typeId} ctx={ctx} write={write} />
      {!t.retired && <Retire type={t} all={all} ctx={ctx} write={write} />}
    </details>
  );
}

/**
 * The type's delegates: read from its `TypeDelegateSet` events, then each confirmed with
 * `isTypeDelegate`, so the list is the chain's current answer and not a replay.
 */
function Delegates({ typeId, ctx, write }: { typeId: bigint; ctx: ChainContext; write: Write }) {
  const client = usePublicClient({ chainId: ctx.chainId });
  const config = useConfig();
  const [input, setInput] = useState("");
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
      const accounts = [...new Set(events.map((e) => e.args.account!))];
      const current = await Promise.all(
        accounts.map((account) =>
          readContract(config, {
            address: ctx.registry!,
            abi: credentialRegistryAbi,
            functionName: "isTypeDelegate",
            args: [typeId, account],
            chainId: ctx.chainId,
          }),
        ),
      );
      return accounts.filter((_, i) => current[i]);
    },
  });
  const parsed = input ? parseAddress(input) : undefined;

  function set(account: Address, authorised: boolean) {
    return write.send(`${authorised ? "Add" : "Remove"} delegate ${shortAddress(account)} on #${typeId}`, {
      address: ctx.registry!,
      abi: credentialRegistryAbi,
      functionName: "setTypeDelegate",
      args: [typeId, account, authorised],
      chainId: ctx.chainId,
    });
  }

  function add(e: FormEvent) {
    e.preventDefault();
    if (parsed?.address) void set(parsed.address, true).then((ok) => ok && setInput(""));
  }

  return (
    <div className="manage">
      <h3>Delegates</h3>
      <p className="hint">Other registered issuers who may issue, renew and revoke this type for you.</p>
      {delegates.error ? (
        <p className="field-error">The delegates could not be listed: {readProblem(delegates.error, ctx.rpc)}</p>
      ) : delegates.data?.length ? (
        <ul className="delegates">
          {delegates.data.map((account) => (
            <li key={account}>
              <code>{account}</code>{" "}
              <button type="button" className="secondary" onClick={() => void set(account, false)}>
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
        <input
          id={`delegate-${typeId}`}
          placeholder="0x… (a registered issuer)"
          value={input}
          aria-invalid={parsed?.error ? true : undefined}
          onChange={(e) => setInput(e.target.value)}
        />
        <button type="submit" disabled={!parsed?.address} aria-label={`Add delegate to #${typeId}`}>
          Add
        </button>
      </form>
      {parsed?.error && <p className="field-error">{parsed.error}</p>}
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
