import { useState, type FormEvent } from "react";
import { useAccount, useBytecode, useReadContract } from "wagmi";
import { IssuerStatus, LIMITS, byteLength, credentialRegistryAbi, issuerNameKey, nameProblem } from "@onchaincert/sdk";

import { useChainContext } from "../chain";
import { useLookAlikes } from "../issuer/useIssuer";
import { Notice } from "../components/Notice";
import { formatDate, parseAddress, parseFormId, safeHref } from "../format";
import { LeakedKeyActions } from "./LeakedKeyActions";
import { SafeBatchNotice, useSafeBatch } from "./SafeBatch";
import { TxNotice } from "./TxNotice";
import { useIssuers } from "./useIssuers";
import { useWrite } from "./useWrite";

export function AdminPage() {
  const ctx = useChainContext();
  const { address } = useAccount();
  const write = useWrite();
  const read = { address: ctx.registry, abi: credentialRegistryAbi, chainId: ctx.chainId } as const;
  const admin = useReadContract({ ...read, functionName: "defaultAdmin" });
  const pending = useReadContract({ ...read, functionName: "pendingDefaultAdmin" });
  const baseURI = useReadContract({ ...read, functionName: "externalBaseURI" });
  const issuers = useIssuers(ctx);
  // An admin with code is a contract account (a Safe): its actions are saved as batch files.
  const adminCode = useBytecode({ address: admin.data, chainId: ctx.chainId, query: { enabled: Boolean(admin.data) } });
  const adminIsContract = Boolean(adminCode.data && adminCode.data !== "0x");
  const batch = useSafeBatch(adminIsContract ? admin.data : undefined);
  // The one way this page acts: sent from the wallet, or saved for the Safe. True when done.
  const act = (label: string, request: Parameters<typeof write.send>[1]): Promise<boolean> =>
    adminIsContract ? batch.save(label, request) : write.send(label, request).then(Boolean);
  const forSafe = adminIsContract ? " → Safe file" : "";
  // One transaction at a time: a second click while the first is in the wallet would send it twice.
  const sending = write.state.phase === "checking" || write.state.phase === "pending";

  const [form, setForm] = useState({ account: "", name: "", url: "" });
  const [base, setBase] = useState<string>();
  const parsed = form.account ? parseAddress(form.account) : undefined;
  // Names are compared folded (case, spacing, compatibility forms): the registry holds each once.
  const nameKey = form.name.trim() ? issuerNameKey(form.name) : undefined;
  const takenBy = issuers.data?.find((p) => p.nameKey === nameKey);
  const nameError = !form.name
    ? undefined
    : byteLength(form.name) > LIMITS.issuerName
      ? `The name is ${byteLength(form.name)} bytes; at most ${LIMITS.issuerName}.`
      : (nameProblem(form.name) ??
        (takenBy
          ? `Issuer #${takenBy.issuerId} is already registered as “${takenBy.name}”, the same name.`
          : undefined));
  // A name that looks like a registered one (another script's letters, punctuation): the registry
  // takes it, but verifiers could mistake one issuer for the other. Said before the admin signs.
  const lookAlikes = useLookAlikes(ctx, 0n, !nameError && form.name.trim() ? form.name : undefined);
  const urlError =
    byteLength(form.url) > LIMITS.url ? `The URL is ${byteLength(form.url)} bytes; at most ${LIMITS.url}.` : undefined;
  const isAdmin =
    admin.data !== undefined && address !== undefined && admin.data.toLowerCase() === address.toLowerCase();
  // What this account can do here: act as the admin, or prepare the Safe admin's files. Anyone
  // else sees the list read-only: no action the registry would refuse is offered.
  const canAct = isAdmin || adminIsContract;

  function register(e: FormEvent) {
    e.preventDefault();
    if (!parsed?.address || !form.name || !nameKey || nameError || urlError) return;
    void act(`Register ${form.name}`, {
      address: ctx.registry!,
      abi: credentialRegistryAbi,
      functionName: "registerIssuer",
      args: [parsed.address, form.name, nameKey, form.url],
      chainId: ctx.chainId,
    }).then((ok) => ok && setForm({ account: "", name: "", url: "" }));
  }

  return (
    <section>
      <h1 className="page-title">Platform admin</h1>
      {admin.data && adminIsContract && (
        <Notice title="The admin is a contract account, such as a Safe.">
          The admin is <code>{admin.data}</code>. Each action below is checked as if the admin sent it, then saved as a
          Safe Transaction Builder file for its owners to load, sign and execute.
        </Notice>
      )}
      {admin.data && !isAdmin && !adminIsContract && (
        <Notice title="This account is not the platform admin: the list below is read-only.">
          Only the admin, <code>{admin.data}</code>, registers, suspends and reinstates issuers and sets the credential
          page URL. Connect that account to act.
        </Notice>
      )}
      {pending.data && pending.data[0] !== "0x0000000000000000000000000000000000000000" && (
        <Notice title="An admin transfer is pending.">
          <code>{pending.data[0]}</code> may accept it from {formatDate(pending.data[1])}.
        </Notice>
      )}
      <TxNotice state={write.state} explorer={ctx.explorer} />
      <SafeBatchNotice state={batch.state} />

      <div className="panel panel-wide">
        <h2>Issuers</h2>
        {issuers.data?.length ? (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Account</th>
                <th scope="col">Status</th>
                <th scope="col">Registered</th>
                {canAct && (
                  <th scope="col">
                    <span className="sr-only">Action</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {issuers.data.map((p) => (
                <tr key={p.issuerId.toString()}>
                  <td>
                    {safeHref(p.url) ? (
                      <a href={safeHref(p.url)} target="_blank" rel="noreferrer">
                        {p.name}
                      </a>
                    ) : (
                      p.name
                    )}
                  </td>
                  <td>
                    <code>{p.account}</code>
                  </td>
                  <td>{p.status === IssuerStatus.Active ? "Active" : `Suspended ${formatDate(p.suspendedAt)}`}</td>
                  <td>{formatDate(p.registeredAt)}</td>
                  {canAct && (
                    <td>
                      <button
                        type="button"
                        className={p.status === IssuerStatus.Active ? "danger" : "secondary"}
                        disabled={sending}
                        onClick={() =>
                          act(`${p.status === IssuerStatus.Active ? "Suspend" : "Reinstate"} ${p.name}`, {
                            address: ctx.registry!,
                            abi: credentialRegistryAbi,
                            functionName: p.status === IssuerStatus.Active ? "suspendIssuer" : "reinstateIssuer",
                            args: [p.issuerId],
                            chainId: ctx.chainId,
                          })
                        }
                      >
                        {p.status === IssuerStatus.Active ? "Suspend" : "Reinstate"}
                        {forSafe}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">{issuers.isLoading ? "Loading…" : "No issuers yet."}</p>
        )}
      </div>

      {canAct && (
        <form className="panel form" onSubmit={register} noValidate>
          <h2>Register an issuer</h2>
          <p className="muted">Names and URLs are public and permanent on the chain. Put no personal data here.</p>
          <label htmlFor="reg-account">Issuer account</label>
          <input
            id="reg-account"
            placeholder="0x…"
            value={form.account}
            aria-invalid={parsed?.error ? true : undefined}
            onChange={(e) => setForm({ ...form, account: e.target.value })}
          />
          {parsed?.error && <p className="field-error">{parsed.error}</p>}
          <label htmlFor="reg-name">Organisation name</label>
          <input
            id="reg-name"
            value={form.name}
            aria-invalid={nameError ? true : undefined}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
          {nameError && <p className="field-error">{nameError}</p>}
          {lookAlikes.isError && (
            <p className="warning">
              The name could not be compared with the registered issuers&apos; ({String(lookAlikes.error)}): check the
              list above for a name that looks like it.
            </p>
          )}
          {lookAlikes.isFetching && !lookAlikes.data && (
            <p className="muted" aria-live="polite">
              Comparing the name with the registered issuers…
            </p>
          )}
          {lookAlikes.data?.map((other) => (
            <p key={other.issuerId.toString()} className="warning warning-lookalike">
              This name looks like <bdi>{other.name}</bdi>, issuer #{other.issuerId.toString()} (
              <code>{other.account}</code>): verifiers could take one for the other. Register it only for a different
              organisation that really has this name; the dApp will warn verifiers about both.
            </p>
          ))}
          <label htmlFor="reg-url">Website (optional)</label>
          <input
            id="reg-url"
            placeholder="https://"
            value={form.url}
            aria-invalid={urlError ? true : undefined}
            onChange={(e) => setForm({ ...form, url: e.target.value })}
          />
          {urlError && <p className="field-error">{urlError}</p>}
          <button type="submit" disabled={!parsed?.address || !form.name || Boolean(nameError || urlError)}>
            Register{forSafe}
          </button>
        </form>
      )}

      {canAct && <KeyRecovery issuers={issuers.data ?? []} act={act} forSafe={forSafe} />}

      {canAct && (
        <form
          className="panel form"
          onSubmit={(e) => {
            e.preventDefault();
            if (base === undefined || byteLength(base) > LIMITS.url) return;
            void act("Set the credential page URL", {
              address: ctx.registry!,
              abi: credentialRegistryAbi,
              functionName: "setExternalBaseURI",
              args: [base],
              chainId: ctx.chainId,
            });
          }}
          noValidate
        >
          <h2>Credential page URL</h2>
          <p className="muted">Token metadata links each credential to this prefix followed by its id.</p>
          <label htmlFor="base-uri">Base URL</label>
          <input id="base-uri" value={base ?? baseURI.data ?? ""} onChange={(e) => setBase(e.target.value)} />
          <button type="submit" disabled={base === undefined || base === baseURI.data || byteLength(base) > LIMITS.url}>
            Save{forSafe}
          </button>
        </form>
      )}
    </section>
  );
}

/**
 * On an issuer's request (its key leaked, or was lost): the key-compromise watermark (every
 * credential of the issuer from an id on reads Revoked, and it is suspended until it has a new
 * account) and the new account. Admin only: a leaked issuer key cannot do either.
 */
function KeyRecovery({
  issuers,
  act,
  forSafe,
}: {
  issuers: readonly { issuerId: bigint; name: string; account: string; compromisedFrom: bigint }[];
  act: (label: string, request: Parameters<ReturnType<typeof useWrite>["send"]>[1]) => Promise<boolean>;
  forSafe: string;
}) {
  const ctx = useChainContext();
  const [form, setForm] = useState({ issuerId: "", from: "", account: "" });
  const chosen = issuers.find((p) => p.issuerId.toString() === form.issuerId);
  const from = parseFormId(form.from);
  const next = form.account ? parseAddress(form.account) : undefined;
  const send = (
    label: string,
    functionName: "setCompromiseWatermark" | "replaceIssuerAccount",
    args: readonly unknown[],
  ) =>
    act(label, {
      address: ctx.registry!,
      abi: credentialRegistryAbi,
      functionName,
      args: args as never,
      chainId: ctx.chainId,
    });
  return (
    <div className="panel form key-recovery">
      <h2>Leaked or lost issuer keys</h2>
      <p className="muted">
        On the issuer&apos;s request, checked with it by another channel than the key in question (its console writes
        the request).
      </p>
      <label htmlFor="kr-issuer">Issuer</label>
      <select id="kr-issuer" value={form.issuerId} onChange={(e) => setForm({ ...form, issuerId: e.target.value })}>
        <option value="">Choose an issuer…</option>
        {issuers.map((p) => (
          <option key={p.issuerId.toString()} value={p.issuerId.toString()}>
            #{p.issuerId.toString()} {p.name}
          </option>
        ))}
      </select>
      <label htmlFor="kr-from">Key compromise: first credential the leaked key may have issued</label>
      <input
        id="kr-from"
        inputMode="numeric"
        value={form.from}
        onChange={(e) => setForm({ ...form, from: e.target.value })}
      />
      <p className="muted">
        Every credential of this issuer from that id on reads Revoked (reason: key compromise) at once, and the issuer
        is suspended until it has a new account. The watermark can later move earlier, never later.
      </p>
      <button
        type="button"
        className="danger"
        disabled={!chosen || from === undefined}
        onClick={() => {
          if (
            !window.confirm(
              `Revoke every credential of ${chosen!.name} from #${from} on (reason: key compromise), and suspend it ` +
                "until it has a new account? The watermark can only move earlier later, never back.",
            )
          )
            return;
          void send(`Key-compromise watermark for ${chosen!.name} from #${from}`, "setCompromiseWatermark", [
            chosen!.issuerId,
            from!,
          ]);
        }}
      >
        Set the watermark{forSafe}
      </button>
      {chosen && chosen.compromisedFrom !== 0n && (
        <LeakedKeyActions ctx={ctx} issuerId={chosen.issuerId} name={chosen.name} />
      )}
      <label htmlFor="kr-account">New account for the issuer</label>
      <input
        id="kr-account"
        placeholder="0x…"
        value={form.account}
        aria-invalid={next?.error ? true : undefined}
        onChange={(e) => setForm({ ...form, account: e.target.value })}
      />
      {next?.error && <p className="field-error">{next.error}</p>}
      <button
        type="button"
        disabled={!chosen || !next?.address}
        onClick={() =>
          void send(`Replace the account of ${chosen!.name}`, "replaceIssuerAccount", [
            chosen!.issuerId,
            next!.address!,
          ]).then((ok) => ok && setForm({ issuerId: "", from: "", account: "" }))
        }
      >
        Replace the account{forSafe}
      </button>
    </div>
  );
}
