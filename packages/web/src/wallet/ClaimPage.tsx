import { useEffect, useMemo, useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link, useLocation } from "wouter";
import { useAccount, usePublicClient, useSwitchChain } from "wagmi";
import { hexToBytes, type Address } from "viem";
import {
  IssuerStatus,
  claimRequest,
  claimsAddress,
  claimManyRequest,
  decodeClaimCode,
  describeError,
  encodeSponsorRequest,
  sponsorRequest,
  kindLabel,
  linkKeyAddress,
  linkLeaf,
  readCredentialType,
  readIssuer,
  readLinkState,
  readRound,
  roundProblem,
  verifyLinkProof,
  type ClaimLink,
} from "@onchaincert/sdk";

import { useChainContext, withChain, type ChainContext } from "../chain";
import { Notice } from "../components/Notice";
import { formatDate, formatValidity, parseAddress, readProblem, safeHref, shortAddress } from "../format";
import { DomainBadge } from "../issuer/IssuerName";
import { useLookAlikes } from "../issuer/useIssuer";
import { AddToWallet } from "./AddToWallet";
import { TxNotice } from "./TxNotice";
import { useWrite } from "./useWrite";
import { usePageTitle } from "../usePageTitle";

/** The code after `#` in the address bar, kept current. */
function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash.slice(1));
  useEffect(() => {
    const update = () => setHash(window.location.hash.slice(1));
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return hash;
}

/**
 * `/claim#<code>` (or `/claim/<code>`): what a claim link offers (type, issuer and its standing,
 * expiry), and the claim. The link's key signs for the chosen address in this page; only the
 * signature leaves it. The connected wallet sends the transaction: the recipient's own, or anyone's
 * paying for another address (a sponsor).
 */
export function ClaimPage({ code: pathCode }: { code?: string }) {
  const hash = useHash();
  const code = pathCode ?? hash;
  const decoded = useMemo(() => decodeClaimCode(code), [code]);
  const ctx = useChainContext();
  usePageTitle("Claim a credential");
  const [, navigate] = useLocation();
  const link = "link" in decoded ? decoded.link : undefined;
  // The link names its chain: read and claim there.
  useEffect(() => {
    if (link && link.chainId !== ctx.chainId)
      navigate(`${withChain("/claim", link.chainId)}#${code}`, { replace: true });
  }, [link, ctx.chainId, code, navigate]);

  if ("error" in decoded) {
    return (
      <Notice page tone="error" title={decoded.error}>
        <Link href="/">Go to the search</Link>
      </Notice>
    );
  }
  if (decoded.link.chainId !== ctx.chainId) return <p className="loading">Opening the link's chain…</p>;
  if (ctx.problem) return <Notice page tone="error" title={ctx.problem} />;
  // Keyed by the code: another link opened in this tab starts afresh (not "claimed" from the last).
  return <Offer key={code} link={decoded.link} />;
}

interface Claimed {
  tokenId: bigint;
  recipient: Address;
}

/** What the page says once the claim is confirmed: the credential, its issuer and where to see it. */
interface ClaimedOffer extends Claimed {
  typeName: string;
  issuerName: string;
}

function Offer({ link }: { link: ClaimLink }) {
  const ctx = useChainContext();
  // Kept here: after the claim, the refreshed offer reads "already claimed".
  const [claimed, setClaimed] = useState<ClaimedOffer>();
  const client = usePublicClient({ chainId: ctx.chainId });
  const claims = claimsAddress(ctx.chainId);
  const offer = useQuery({
    queryKey: ["claim-offer", ctx.chainId, link.roundId.toString(), link.index],
    enabled: Boolean(client && claims),
    queryFn: async () => {
      const round = await readRound(client!, claims!, link.roundId);
      if (!round) return { round };
      // A forged or damaged code must not show a genuine-looking offer: check it against the root.
      const terms = { validUntil: link.validUntil, evidenceHash: link.evidenceHash };
      const leaf = linkLeaf(link.index, hexToBytes(linkKeyAddress(link)), terms);
      if (
        !verifyLinkProof(
          round.root,
          leaf,
          link.proof.map((p) => hexToBytes(p)),
        )
      )
        return { round, forged: true };
      const [state, type, issuer, block] = await Promise.all([
        readLinkState(client!, claims!, link.roundId, link.index),
        readCredentialType(client!, ctx.registry!, round.typeId),
        readIssuer(client!, ctx.registry!, round.issuerId),
        client!.getBlock(),
      ]);
      // A delegate's round also stops at a key-compromise watermark over the type's owner.
      const owner =
        type.ownerIssuerId === round.issuerId ? issuer : await readIssuer(client!, ctx.registry!, type.ownerIssuerId);
      return { round, state, type, issuer, owner, now: Number(block.timestamp) };
    },
  });

  if (!claims) return <Notice page tone="error" title={`Claim links are not deployed on ${ctx.chain?.name}.`} />;
  if (claimed) return <ClaimedNotice claimed={claimed} />;
  if (offer.isPending) return <p className="loading">Reading the offer from the chain…</p>;
  if (offer.error) return <Notice page tone="error" title={readProblem(offer.error, ctx.rpc)} />;
  const { round, state, type, issuer, owner, now, forged } = offer.data;
  if (forged) {
    return (
      <Notice
        page
        tone="error"
        title={`This link does not belong to claim round #${link.roundId}: it is damaged or was altered. Ask the issuer for a new one.`}
      />
    );
  }
  const problem = roundProblem(round, state, now ?? 0);
  if (!round || !type || !issuer)
    return <Notice page tone="error" title={problem ?? "This claim link is not valid."} />;

  const website = safeHref(issuer.url);
  const expiry =
    link.validUntil !== 0n
      ? `Valid until ${formatDate(link.validUntil)}.`
      : type.validityPeriod === 0
        ? "Does not expire."
        : `Valid for ${formatValidity(type.validityPeriod)} from the day you claim it.`;
  const warnings: string[] = [];
  // What `issueForIssuer` will refuse: a round opened before a key-compromise watermark.
  const compromised = [issuer, owner].find(
    (p) => p && p.compromisedAt !== 0n && BigInt(round.openedAt) <= p.compromisedAt,
  );
  if (compromised) {
    warnings.push(
      `${compromised.name} reported its key compromised on ${formatDate(compromised.compromisedAt)}, after this round was opened: ` +
        "its links no longer give credentials, as the leaked key may have made them. Ask the issuer for a new link.",
    );
  }
  if (issuer.status === IssuerStatus.Suspended) {
    warnings.push(
      `${issuer.name} is suspended${issuer.suspendedAt ? ` since ${formatDate(issuer.suspendedAt)}` : ""}: a claim is refused until the platform reinstates it.`,
    );
  }
  if (type.retired)
    warnings.push(`The type “${type.name}” is retired: it issues nothing new, so this link can no longer be claimed.`);

  return (
    <section className="claim">
      <h1>You are offered a credential</h1>
      <div className="panel">
        <h2>
          <bdi>{type.name}</bdi>
        </h2>
        <p className="muted">
          {kindLabel(type.kind)} · credential type #{type.typeId.toString()}
        </p>
        {type.description && (
          <p>
            <bdi>{type.description}</bdi>
          </p>
        )}
        <LookAlikeWarning ctx={ctx} issuerId={issuer.issuerId} name={issuer.name} />
        <dl className="facts">
          <dt>Issued by</dt>
          <dd>
            <Link href={withChain(`/issuer/${issuer.account}`, ctx.chainId)}>
              <bdi>{issuer.name}</bdi>
            </Link>
            <DomainBadge ctx={ctx} issuerId={issuer.issuerId} /> (issuer #{issuer.issuerId.toString()},{" "}
            {issuer.status === IssuerStatus.Active ? "active" : "suspended"}, registered{" "}
            {formatDate(issuer.registeredAt)})
            {website && (
              <>
                {" "}
                ·{" "}
                <a href={website} target="_blank" rel="noreferrer noopener">
                  website
                </a>
              </>
            )}
          </dd>
          <dt>Validity</dt>
          <dd>{expiry}</dd>
          {BigInt(link.evidenceHash) !== 0n && (
            <>
              <dt>Evidence</dt>
              <dd>
                Recorded on-chain as a hash: <code className="hash">{link.evidenceHash}</code>
              </dd>
            </>
          )}
          <dt>Claim by</dt>
          <dd>{round.deadline ? formatDate(round.deadline) : "No deadline"}</dd>
          <dt>Link</dt>
          <dd>
            Round #{round.roundId.toString()} of {round.size.toLocaleString("en-US")} links (this one: index{" "}
            {link.index})
          </dd>
        </dl>
      </div>
      {warnings.map((w) => (
        <Notice key={w} tone="error" title={w} />
      ))}
      {problem ? (
        <Notice tone="error" title={problem} />
      ) : compromised ? null : (
        <>
          <ClaimForm
            link={link}
            claims={claims}
            onClaimed={(c) => setClaimed({ ...c, typeName: type.name, issuerName: issuer.name })}
          />
          <SponsorRequestPanel link={link} claims={claims} />
        </>
      )}
    </section>
  );
}

function ClaimedNotice({ claimed }: { claimed: ClaimedOffer }) {
  const ctx = useChainContext();
  const { address } = useAccount();
  const mine = address?.toLowerCase() === claimed.recipient.toLowerCase();
  return (
    <section className="claim">
      <h1>
        <bdi>{claimed.typeName}</bdi> is {mine ? "yours" : "claimed"}
      </h1>
      <div className="notice notice-ok" role="status">
        <strong>
          Claimed: credential #{claimed.tokenId.toString()} now belongs to {shortAddress(claimed.recipient)}.
        </strong>
        <p>
          Issued by <bdi>{claimed.issuerName}</bdi>. Anyone can check it from the address, with no wallet; the link is
          spent.
        </p>
        <div className="actions start">
          <Link href={withChain(`/credential/${claimed.tokenId}`, ctx.chainId)}>Open the credential</Link>
          <Link href={withChain(`/verify/${claimed.recipient}`, ctx.chainId)}>Verify the address</Link>
          {mine && <Link href={withChain("/me", ctx.chainId)}>My credentials</Link>}
          {mine && ctx.registry && <AddToWallet registry={ctx.registry} tokenId={claimed.tokenId} />}
        </div>
      </div>
    </section>
  );
}

function ClaimForm({
  link,
  claims,
  onClaimed,
}: {
  link: ClaimLink;
  claims: Address;
  onClaimed: (claimed: Claimed) => void;
}) {
  const ctx = useChainContext();
  const { address, isConnected, chainId } = useAccount();
  const { switchChain, isPending: switching } = useSwitchChain();
  const write = useWrite();
  const [mode, setMode] = useState<"mine" | "other">("mine");
  const [other, setOther] = useState("");
  const parsed = other ? parseAddress(other) : undefined;
  const recipient = mode === "mine" ? address : parsed?.address;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!recipient) return;
    const request = await claimRequest(link, claims, recipient);
    const receipt = await write.send(`Claim for ${shortAddress(recipient)}`, { ...request, chainId: ctx.chainId });
    // LinkClaimed(roundId, tokenId, recipient, index): the token id is its second topic.
    const log = receipt?.logs.find((l) => l.address.toLowerCase() === claims.toLowerCase() && l.topics.length === 4);
    if (log?.topics[2]) onClaimed({ tokenId: BigInt(log.topics[2]), recipient });
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate>
      <h2>Claim it</h2>
      {!isConnected ? (
        <>
          <p>
            <strong>Connect a wallet</strong> (the Connect Wallet button at the top) to receive the credential, or to
            send the claim for someone else&apos;s address. Claiming costs a small network fee, paid by whoever sends
            it. The credential cannot be transferred afterwards: choose the address you will keep.
          </p>
          <p className="muted">
            No wallet yet? Install one (for example MetaMask), create an account, and open this link again.
          </p>
        </>
      ) : chainId !== ctx.chainId ? (
        <button type="button" disabled={switching} onClick={() => switchChain({ chainId: ctx.chainId })}>
          Switch your wallet to {ctx.chain?.name}
        </button>
      ) : (
        <>
          <fieldset>
            <legend>Who receives it</legend>
            <label className="radio">
              <input type="radio" name="to" checked={mode === "mine"} onChange={() => setMode("mine")} /> This wallet (
              {address && shortAddress(address)})
            </label>
            <label className="radio">
              <input type="radio" name="to" checked={mode === "other"} onChange={() => setMode("other")} /> Another
              address (you pay the fee for it)
            </label>
          </fieldset>
          {mode === "other" && (
            <>
              <label htmlFor="claim-to">Recipient address</label>
              <input
                id="claim-to"
                value={other}
                onChange={(e) => setOther(e.target.value)}
                placeholder="0x…"
                aria-invalid={Boolean(parsed?.error)}
                aria-describedby="claim-to-error"
              />
              {parsed?.error && (
                <p id="claim-to-error" className="field-error">
                  {parsed.error}
                </p>
              )}
            </>
          )}
          <p className="muted">
            The credential is soulbound: it stays at this address. The link works once; after the claim it is spent.
          </p>
          <button
            type="submit"
            disabled={!recipient || write.state.phase === "checking" || write.state.phase === "pending"}
          >
            Claim the credential
          </button>
          <TxNotice state={write.state} explorer={ctx.explorer} />
        </>
      )}
    </form>
  );
}

/**
 * No ether to pay the fee: the link's key signs the claim for the recipient's address here, and
 * the recipient sends the result (a sponsor request) to whoever pays, who sends many at once from
 * /sponsor or with `pnpm claim:sponsor`. The request holds no secret: it can only give this credential to this
 * address, so it can go by email where the link itself should not.
 */
function SponsorRequestPanel({ link, claims }: { link: ClaimLink; claims: Address }) {
  const ctx = useChainContext();
  const client = usePublicClient({ chainId: ctx.chainId });
  const { address } = useAccount();
  const [to, setTo] = useState<string>();
  const [made, setMade] = useState<{ text: string; recipient: Address }>();
  const [problem, setProblem] = useState<string>();
  const [copied, setCopied] = useState(false);
  const typed = to ?? address ?? "";
  const parsed = typed ? parseAddress(typed) : undefined;

  async function make(e: FormEvent) {
    e.preventDefault();
    setMade(undefined);
    setProblem(undefined);
    if (!parsed?.address || !client) return;
    // The claim as the sponsor will send it, checked now: a request that can never succeed is
    // refused here, not at the sponsor.
    const request = await sponsorRequest(link, claims, parsed.address);
    try {
      await client.simulateContract({ ...claimManyRequest(claims, [request]), account: parsed.address });
    } catch (error) {
      setProblem(describeError(error));
      return;
    }
    setMade({ text: encodeSponsorRequest(request), recipient: parsed.address });
    setCopied(false);
  }

  return (
    <form className="panel form sponsor-request" onSubmit={(e) => void make(e)} noValidate>
      <h2>No ether for the fee? Ask someone to pay</h2>
      <p>
        Enter the address that should receive the credential and make a <strong>sponsor request</strong>. Send it to the
        issuer (or whoever offered to pay): they paste it into OnChainCert&apos;s <em>Pay for claims</em> page and send
        it with others in one transaction. It holds no secret and can only give this credential to that address. Do not
        send them this page&apos;s link: whoever has the link can claim the credential for themselves.
      </p>
      <label htmlFor="sponsor-to">Your address</label>
      <input
        id="sponsor-to"
        value={typed}
        onChange={(e) => {
          setTo(e.target.value);
          setMade(undefined);
          setProblem(undefined);
        }}
        placeholder="0x…"
        aria-invalid={Boolean(parsed?.error)}
        aria-describedby="sponsor-to-error"
      />
      {parsed?.error && (
        <p id="sponsor-to-error" className="field-error">
          {parsed.error}
        </p>
      )}
      <p className="muted">
        The credential is soulbound: it stays at this address for good. A request cannot be withdrawn: whoever holds it
        can send it until the link is claimed.
      </p>
      <button type="submit" disabled={!parsed?.address}>
        Make the sponsor request
      </button>
      {problem && <p className="field-error">{problem}</p>}
      {made && (
        <>
          <label htmlFor="sponsor-request">Sponsor request for {made.recipient}</label>
          <textarea id="sponsor-request" readOnly rows={4} value={made.text} onFocus={(e) => e.target.select()} />
          <button
            type="button"
            onClick={() =>
              navigator.clipboard?.writeText(made.text).then(
                () => setCopied(true),
                () => undefined,
              )
            }
          >
            {copied ? "Copied" : "Copy the request"}
          </button>
        </>
      )}
    </form>
  );
}

/** Before anyone claims: the issuer's name looks like another registered issuer's. */
function LookAlikeWarning({ ctx, issuerId, name }: { ctx: ChainContext; issuerId: bigint; name: string }) {
  const lookAlikes = useLookAlikes(ctx, issuerId, name).data ?? [];
  if (lookAlikes.length === 0) return null;
  return (
    <ul className="warnings" aria-label="Warnings about the issuer">
      {lookAlikes.map((other) => (
        <li key={other.issuerId.toString()} className="warning warning-lookalike">
          Look-alike name: <bdi>{name}</bdi> looks like{" "}
          <Link href={withChain(`/issuer/${other.account}`, ctx.chainId)}>
            <bdi>{other.name}</bdi>
          </Link>
          , a different issuer. Check who sent you this link before you claim.
        </li>
      ))}
    </ul>
  );
}
