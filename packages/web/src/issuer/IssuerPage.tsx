import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import {
  IssuerStatus,
  kindLabel,
  readFormerIssuerOf,
  readIssuer,
  readIssuerHistory,
  readIssuerOf,
  readIssuerTypes,
  type CredentialTypeInfo,
  type IssuerEvent,
  type IssuerProfile,
} from "@onchaincert/sdk";

import { useChainContext, withChain, type ChainContext } from "../chain";
import { Loading, Notice } from "../components/Notice";
import { SourceLine } from "../components/SourceLine";
import { History } from "../components/History";
import { AddressProblem, ChainProblem, WayOn } from "../components/WayOn";
import { formatDate, parseAddress, parseIdNumber, readProblem, safeHref, shortAddress } from "../format";
import { DomainBadge } from "./IssuerName";
import { IssuerIndexed } from "./IssuerIndexed";
import { useDomainProof, useLookAlikes } from "./useIssuer";
import { useReadClient } from "../readClient";
import { usePageTitle } from "../usePageTitle";

/** `/issuer/<address>`: who an issuer is, whether its website proves it, what happened to it, its types. */
export function IssuerPage({ address }: { address: string }) {
  const ctx = useChainContext();
  const client = useReadClient(ctx.chainId);
  // `/issuer/<number>`: the issuer by its id, which no key rotation changes (exported Open Badges
  // name issuers so); otherwise by the account it acts through.
  const issuerId = parseIdNumber(address);
  const parsed = issuerId === undefined ? parseAddress(address) : { address: undefined, error: undefined };
  const account = parsed.address;
  const ready = Boolean(client && ctx.registry && (account || issuerId) && !ctx.problem);
  const issuer = useQuery({
    queryKey: ["issuer-of", ctx.chainId, ctx.registry, account ?? issuerId?.toString()],
    enabled: ready,
    queryFn: async () => {
      if (issuerId !== undefined) {
        const profile = await readIssuer(client!, ctx.registry!, issuerId);
        return profile.status === IssuerStatus.None ? { unknownId: true } : { profile };
      }
      const profile = await readIssuerOf(client!, ctx.registry!, account!);
      if (profile) return { profile };
      // Not an issuer's account now: perhaps one it rotated away from. The issuer is followed by
      // its id (an account can be reused), to the account it acts through today.
      try {
        const former = await readFormerIssuerOf(client!, ctx.registry!, account!);
        if (!former) return {};
        return { former: { ...former, issuer: await readIssuer(client!, ctx.registry!, former.issuerId) } };
      } catch {
        return { historyUnavailable: true };
      }
    },
  });
  const name = issuer.data && "profile" in issuer.data ? issuer.data.profile?.name : undefined;
  usePageTitle(name ? `${name} (issuer)` : `Issuer ${account ? shortAddress(account) : address}`);

  if (parsed.error !== undefined) return <AddressProblem ctx={ctx} input={address} problem={parsed.error} />;
  if (ctx.problem) return <ChainProblem ctx={ctx} />;
  if (issuer.error) {
    return (
      <Notice page tone="error" title="The issuer could not be read.">
        {readProblem(issuer.error, ctx.rpc)}
      </Notice>
    );
  }
  if (!issuer.data) return <Loading what="the issuer" />;
  const { profile, former, historyUnavailable } = issuer.data as {
    profile?: IssuerProfile;
    former?: NonNullable<Awaited<ReturnType<typeof readFormerIssuerOf>>> & { issuer: IssuerProfile };
    historyUnavailable?: boolean;
  };
  if (!profile && issuerId !== undefined) {
    return (
      <Notice page tone="error" title={`There is no issuer #${issuerId} on this chain.`}>
        <WayOn ctx={ctx} />
      </Notice>
    );
  }
  if (!profile) {
    return former ? (
      <Notice page title={`${account} no longer acts for an issuer.`}>
        It acted for{" "}
        <Link href={withChain(`/issuer/${former.issuer.account}`, ctx.chainId)}>
          <bdi>{former.issuer.name}</bdi>
        </Link>{" "}
        until {formatDate(former.timestamp)}; that issuer acts through <code>{former.issuer.account}</code> now.
        Credentials issued before keep their status.
      </Notice>
    ) : (
      <Notice
        page
        tone="error"
        title={
          historyUnavailable
            ? "This address is not a registered issuer's account now. Whether it was one before could not be read from this RPC."
            : "This address is not a registered issuer on this chain."
        }
      >
        <code>{account}</code> — <Link href={withChain(`/verify/${account}`, ctx.chainId)}>see its credentials</Link>
        <WayOn ctx={ctx} />
      </Notice>
    );
  }
  return <IssuerProfileView ctx={ctx} profile={profile} />;
}

function IssuerProfileView({ ctx, profile }: { ctx: ChainContext; profile: IssuerProfile }) {
  const client = useReadClient(ctx.chainId);
  const proof = useDomainProof(ctx, profile);
  const lookAlikes = useLookAlikes(ctx, profile.issuerId, profile.name).data ?? [];
  const key = [ctx.chainId, ctx.registry, profile.issuerId.toString()];
  const history = useQuery({
    queryKey: ["issuer-history", ...key],
    queryFn: () => readIssuerHistory(client!, ctx.registry!, profile.issuerId),
    enabled: Boolean(client),
    retry: false,
  });
  const types = useQuery({
    queryKey: ["issuer-types", ...key],
    queryFn: () => readIssuerTypes(client!, ctx.registry!, profile.issuerId),
    enabled: Boolean(client),
    retry: false,
  });
  const website = safeHref(profile.url);
  const suspended = profile.status === IssuerStatus.Suspended;
  return (
    <section className="issuer-page">
      <p className="eyebrow">Issuer #{profile.issuerId.toString()}</p>
      <h1 className="page-title">
        <bdi>{profile.name}</bdi>
      </h1>
      {(suspended || profile.compromisedFrom > 0n || lookAlikes.length > 0) && (
        <ul className="warnings" aria-label="Warnings about the issuer">
          {suspended && (
            <li className="warning warning-suspended">
              Suspended since {formatDate(profile.suspendedAt)}: the registry's admin stopped this issuer from issuing,
              renewing or revoking. Its credentials keep their status; weigh them with that in mind.
            </li>
          )}
          {profile.compromisedFrom > 0n && (
            <li className="warning warning-compromised">
              Key compromised: on {formatDate(profile.compromisedAt)} the admin invalidated credentials #
              {profile.compromisedFrom.toString()} to #{profile.compromisedUntil.toString()}, issued with a stolen or
              lost key.{profile.needsNewKey && " The issuer cannot act until the admin gives it a new account."}
            </li>
          )}
          {lookAlikes.map((other) => (
            <li key={other.issuerId.toString()} className="warning warning-lookalike">
              Look-alike name: this name looks like{" "}
              <Link href={withChain(`/issuer/${other.account}`, ctx.chainId)}>
                <bdi>{other.name}</bdi>
              </Link>
              , a different issuer ({shortAddress(other.account)}, registered {formatDate(other.registeredAt)}
              {other.issuerId > profile.issuerId ? ", after this one" : ", before this one"}).
            </li>
          ))}
        </ul>
      )}
      <dl className="facts facts-wide">
        <dt>Website</dt>
        <dd>
          {website ? (
            // As the browser parsed it: an internationalised host in its xn-- form.
            <a href={website} target="_blank" rel="noreferrer noopener nofollow">
              <bdi>{parsedHref(website)}</bdi>
            </a>
          ) : profile.url ? (
            <code>
              <bdi>{profile.url}</bdi>
            </code>
          ) : (
            "None given"
          )}
          <DomainBadge ctx={ctx} issuerId={profile.issuerId} />
          {proof.data && !proof.data.proven && <p className="muted domain-reason">{proof.data.reason}</p>}
        </dd>
        <dt>Account</dt>
        <dd>
          <code className="account-line">{profile.account}</code>
          <Link href={withChain(`/verify/${profile.account}`, ctx.chainId)}>credentials it holds</Link>
          {profile.pendingAccount !== "0x0000000000000000000000000000000000000000" && (
            <p className="muted">
              Proposed to act through <code>{profile.pendingAccount}</code> from now on; not yet accepted.
            </p>
          )}
        </dd>
        <dt>Registered</dt>
        <dd>{formatDate(profile.registeredAt)}</dd>
        <dt>Status</dt>
        <dd>{suspended ? `Suspended since ${formatDate(profile.suspendedAt)}` : "Active"}</dd>
      </dl>

      <IssuerIndexed ctx={ctx} issuerId={profile.issuerId} />

      <h2>Credential types</h2>
      {types.error ? (
        <Notice title="The types could not be listed from this RPC.">{readProblem(types.error, ctx.rpc)}</Notice>
      ) : !types.data ? (
        <Loading what="its credential types" />
      ) : (
        <>
          <TypeList types={types.data.owned} empty="It owns no credential types." ctx={ctx} />
          {types.data.delegated.length > 0 && (
            <>
              <h3>May issue as a delegate</h3>
              <p className="muted">
                Each type's owner authorised this issuer to issue it in the owner's name (a delegate's consent is not
                asked: these say what others allow, not what this issuer issued).
              </p>
              <TypeList types={types.data.delegated} empty="" ctx={ctx} showOwner />
            </>
          )}
        </>
      )}

      <History ctx={ctx} query={history} line={(e) => <HistoryLine e={e} />} />
      <SourceLine ctx={ctx} block={undefined} />
    </section>
  );
}

function TypeList({
  types,
  empty,
  ctx,
  showOwner = false,
}: {
  types: CredentialTypeInfo[];
  empty: string;
  ctx: ChainContext;
  showOwner?: boolean;
}) {
  if (types.length === 0) return empty ? <p className="muted">{empty}</p> : null;
  return (
    <ul className="type-list">
      {types.map((t) => (
        <li key={t.typeId.toString()}>
          <Link href={withChain(`/type/${t.typeId}`, ctx.chainId)}>
            <bdi>
              <strong>{t.name}</strong>
            </bdi>
          </Link>{" "}
          <span className="muted">
            {kindLabel(t.kind)} · type #{t.typeId.toString()}
            {t.retired && " · no longer issued"}
          </span>
          {showOwner && (
            <>
              {" "}
              — owned by{" "}
              <Link href={withChain(`/issuer/${t.owner}`, ctx.chainId)}>
                issuer #{t.ownerIssuerId.toString()} ({shortAddress(t.owner)})
              </Link>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function HistoryLine({ e }: { e: IssuerEvent }) {
  switch (e.kind) {
    case "registered":
      return (
        <>
          Registered by the admin as <bdi>“{e.name}”</bdi>, acting through <code>{shortAddress(e.account)}</code>.
        </>
      );
    case "renamed":
      return (
        <>
          Renamed <bdi>“{e.name}”</bdi> by the admin.
        </>
      );
    case "website":
      return (
        <>
          Website set to{" "}
          <code>
            <bdi>{e.url}</bdi>
          </code>
          .
        </>
      );
    case "suspended":
      return <>Suspended by the admin.</>;
    case "reinstated":
      return <>Reinstated by the admin.</>;
    case "rotation-proposed":
      return (
        <>
          Proposed a new account, <code>{shortAddress(e.newAccount)}</code>.
        </>
      );
    case "rotated":
      return (
        <>
          Key rotated: now acts through <code>{shortAddress(e.newAccount)}</code> instead of{" "}
          <code>{shortAddress(e.previousAccount)}</code>
          {e.by === e.newAccount ? " (the new account accepted)." : " (replaced by the admin)."}
        </>
      );
    case "compromised":
      return (
        <>
          Key compromise: credentials #{e.fromTokenId.toString()} to #{e.untilTokenId.toString()} invalidated.
        </>
      );
  }
}

/** `url` as the browser parses it (an internationalised host in its xn-- form), or as given when it does not parse. */
function parsedHref(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
