import { useEffect, useMemo, useState, type ReactNode } from "react";
import { Link } from "wouter";
import { keepPreviousData } from "@tanstack/react-query";
import { useBlockNumber, useReadContract } from "wagmi";
import QRCode from "qrcode";
import {
  CredentialStatus,
  RevocationReason,
  credentialLensAbi,
  credentialRegistryAbi,
  decodeTokenURI,
  embedSnippets,
  kindLabel,
  linkedInAddUrl,
  reasonLabel,
  statusLabel,
  type Credential,
} from "@onchaincert/sdk";
import { zeroAddress } from "viem";

import { useChainContext, withChain } from "../chain";
import { Loading, Notice } from "../components/Notice";
import { SourceLine } from "../components/SourceLine";
import { ChainProblem, WayOn } from "../components/WayOn";
import { DateFacts } from "../components/DateFacts";
import { StatusBadge } from "../components/StatusBadge";
import { formatDate, readProblem, safeHref } from "../format";
import { usePageVisible } from "../usePageVisible";
import { IssuerName } from "../issuer/IssuerName";
import { TrustWarnings } from "../issuer/TrustWarnings";
import { CredentialHistory, RevokedComponents } from "./CredentialHistory";
import { OpenBadgeDownload } from "../components/OpenBadgeDownload";
import { usePageTitle } from "../usePageTitle";

function parseTokenId(raw: string): bigint | undefined {
  return /^[0-9]{1,78}$/.test(raw) ? BigInt(raw) : undefined;
}

/**
 * One credential's page. Each credential (and chain) gets a fresh page: the reads below keep their
 * last answer while a new block's is on its way, and must never show one credential's record,
 * card or type under another's number (an in-app link from credential A to credential B).
 */
export function CredentialPage({ id }: { id: string }) {
  const { chainId } = useChainContext();
  return <CredentialView key={`${chainId}:${id}`} id={id} />;
}

function CredentialView({ id }: { id: string }) {
  const ctx = useChainContext();
  const tokenId = parseTokenId(id);
  const ready = tokenId !== undefined && !ctx.problem;
  // Read again at every new block: a revocation shows on an open page without a reload.
  const visible = usePageVisible();
  const block = useBlockNumber({ chainId: ctx.chainId, watch: ready && visible, query: { enabled: ready } });
  const record = useReadContract({
    address: ctx.lens,
    abi: credentialLensAbi,
    functionName: "verify",
    args: tokenId !== undefined ? [tokenId] : undefined,
    chainId: ctx.chainId,
    blockNumber: block.data,
    query: { enabled: ready && block.data !== undefined, placeholderData: keepPreviousData },
  });
  const c = record.data;
  // tokenURI answers for credentials a wallet holds: not unknown, renounced or moved away.
  const hasMetadata =
    c !== undefined &&
    c.status !== CredentialStatus.Unknown &&
    c.holder !== "0x0000000000000000000000000000000000000000";
  const uri = useReadContract({
    address: ctx.registry,
    abi: credentialRegistryAbi,
    functionName: "tokenURI",
    args: tokenId !== undefined ? [tokenId] : undefined,
    chainId: ctx.chainId,
    // The on-chain card is read again when the credential's record changes, not at every block.
    scopeKey: c ? `${c.status}:${c.revokedAt}:${c.validUntil}:${c.holder}` : undefined,
    query: { enabled: hasMetadata, placeholderData: keepPreviousData },
  });
  const metadata = useMemo(() => (uri.data ? decodeTokenURI(uri.data) : undefined), [uri.data]);
  // What the credential certifies: the type's description and criteria, for the verifier.
  const type = useReadContract({
    address: ctx.registry,
    abi: credentialRegistryAbi,
    functionName: "credentialType",
    args: c ? [c.typeId] : undefined,
    chainId: ctx.chainId,
    query: { enabled: c !== undefined && c.status !== CredentialStatus.Unknown, placeholderData: keepPreviousData },
  });
  // The credential's own address (not whatever query or fragment the page was opened with).
  const pageUrl =
    typeof window === "undefined" || tokenId === undefined
      ? ""
      : `${window.location.origin}${withChain(`/credential/${tokenId}`, ctx.chainId)}`;
  usePageTitle(
    c && c.status !== CredentialStatus.Unknown
      ? // The status first: a long name cannot push it out of a narrow tab.
        `${statusLabel(c.status)}: ${c.typeName} #${c.tokenId}`
      : `Credential #${tokenId ?? id}`,
  );

  if (tokenId === undefined) {
    return (
      <Notice page tone="error" title={`“${id}” is not a credential number.`}>
        Credential numbers are whole numbers, like 42.
        <WayOn ctx={ctx} />
      </Notice>
    );
  }
  if (ctx.problem) return <ChainProblem ctx={ctx} />;
  const failure = block.error ?? record.error;
  const error = c === undefined ? failure : undefined;
  if (error) {
    return (
      <Notice page tone="error" title="The credential could not be read.">
        {readProblem(error, ctx.rpc)}
      </Notice>
    );
  }
  if (!c) return <Loading what={`credential #${id}`} />;
  if (c.status === CredentialStatus.Unknown) {
    return (
      <Notice page tone="error" title={`Credential #${id} does not exist on this chain.`}>
        <WayOn ctx={ctx} />
      </Notice>
    );
  }

  const image =
    typeof metadata?.image === "string" && metadata.image.startsWith("data:image/svg+xml;base64,")
      ? metadata.image
      : undefined;
  // The type's artwork, when it is an https URL (the on-chain card above is the status of record).
  const artwork = type.data?.imageURL.startsWith("https://") ? safeHref(type.data.imageURL) : undefined;
  return (
    <section className="credential">
      <div className="credential-main">
        <p className="eyebrow">
          {kindLabel(c.kind)} · credential #{c.tokenId.toString()}
        </p>
        <h1 className="page-title">
          <bdi>{c.typeName}</bdi> <StatusBadge status={c.status} />
        </h1>
        <TrustWarnings ctx={ctx} c={c} />
        {type.data?.description && <p className="lead description">{type.data.description}</p>}
        {c.status === CredentialStatus.Renounced && (
          <Notice title="The holder removed this credential from their account. It proves nothing any more." />
        )}
        {c.movedTo > 0n && (
          <Notice title="This credential was moved to its holder's new address.">
            It now lives on as{" "}
            <Link href={withChain(`/credential/${c.movedTo}`, ctx.chainId)}>credential #{c.movedTo.toString()}</Link>,
            with the same issuer, dates and evidence.
          </Notice>
        )}
        {c.status === CredentialStatus.Moved && c.movedTo === 0n && (
          <Notice title="A credential this qualification was built from was moved to another address.">
            The qualification no longer belongs to this address; it follows its components when it is moved to their new
            address too.
          </Notice>
        )}
        {c.revocationReason > 0 && (
          <Notice
            tone="error"
            title={
              c.revocationReason === RevocationReason.ComponentRevoked
                ? "A credential this qualification was built from was revoked."
                : "This credential was revoked."
            }
          >
            {formatDate(c.revokedAt)}: {reasonLabel(c.revocationReason)}
            {c.revocationReason === RevocationReason.ComponentRevoked ? (
              <RevokedComponents ctx={ctx} components={c.components} />
            ) : (
              c.revocationNote && (
                <>
                  {" "}
                  — “<bdi>{c.revocationNote}</bdi>”
                </>
              )
            )}
          </Notice>
        )}
        <dl className="facts facts-wide">
          <dt>Holder</dt>
          <dd>
            {c.holder === "0x0000000000000000000000000000000000000000" ? (
              "—"
            ) : (
              <Link href={withChain(`/verify/${c.holder}`, ctx.chainId)}>
                <code>{c.holder}</code>
              </Link>
            )}
          </dd>
          <dt>Issuer</dt>
          <dd>
            <IssuerName ctx={ctx} issuerId={c.issuerId} name={c.issuerName} account={c.issuer} full />
          </dd>
          <DateFacts c={c} />
          {c.movedFrom > 0n && (
            <>
              <dt>Moved from</dt>
              <dd>
                <Link href={withChain(`/credential/${c.movedFrom}`, ctx.chainId)}>#{c.movedFrom.toString()}</Link> (the
                holder's previous address)
              </dd>
            </>
          )}
          {type.data?.criteriaURL && (
            <>
              <dt>Criteria</dt>
              <dd>
                {safeHref(type.data.criteriaURL) ? (
                  <a href={safeHref(type.data.criteriaURL)} target="_blank" rel="noreferrer">
                    <bdi>{type.data.criteriaURL}</bdi>
                  </a>
                ) : (
                  <code>
                    <bdi>{type.data.criteriaURL}</bdi>
                  </code>
                )}
              </dd>
            </>
          )}
          {type.data?.retired && (
            <>
              <dt>Type</dt>
              <dd>
                No longer issued
                {type.data.successorTypeId > 0n && ` (replaced by type #${type.data.successorTypeId})`}; credentials
                already issued keep their status.
              </dd>
            </>
          )}
          <dt>Evidence hash</dt>
          <dd>{/^0x0+$/.test(c.evidenceHash) ? "None recorded" : <code>{c.evidenceHash}</code>}</dd>
          {c.components.length > 0 && (
            <>
              <dt>Built from</dt>
              <dd>
                {c.components.map((cid, i) => (
                  <span key={cid.toString()}>
                    {i > 0 && ", "}
                    <Link href={withChain(`/credential/${cid}`, ctx.chainId)}>#{cid.toString()}</Link>
                  </span>
                ))}
              </dd>
            </>
          )}
        </dl>
        <CredentialHistory ctx={ctx} c={c} />
        <SourceLine
          ctx={ctx}
          block={record.isPlaceholderData ? undefined : block.data}
          checkedAt={record.dataUpdatedAt}
          stale={failure ? readProblem(failure, ctx.rpc) : undefined}
        />
        {metadata && (
          <details className="raw">
            <summary>Raw token metadata (tokenURI)</summary>
            <pre>{JSON.stringify(metadata, null, 2)}</pre>
          </details>
        )}
      </div>
      <aside className="credential-side">
        {image && (
          <img className="credential-image" src={image} alt={`${c.typeName}: on-chain image, status ${c.status}`} />
        )}
        {artwork && (
          <figure className="artwork">
            <img src={artwork} alt={`Artwork of the credential type “${c.typeName}”`} referrerPolicy="no-referrer" />
            <figcaption className="muted">The issuer's artwork for this type (hosted by the issuer).</figcaption>
          </figure>
        )}
        {hasMetadata && !metadata && !uri.error && <Loading what="the credential's image" />}
        <ShareBox url={pageUrl} c={c}>
          {hasMetadata && <OpenBadgeDownload ctx={ctx} tokenId={c.tokenId} />}
        </ShareBox>
      </aside>
    </section>
  );
}

/**
 * The page's link as a QR code and text, "Add to LinkedIn", "Print / PDF" and embeddable snippets
 * (for a credential that names its holder), then `children`. In print, "verify at <url>".
 */
function ShareBox({ url, c, children }: { url: string; c: Credential; children?: ReactNode }) {
  // Shared onward (LinkedIn, websites) only while it proves something.
  const holds = c.holder !== zeroAddress && c.status === CredentialStatus.Valid;
  const facts = {
    name: c.typeName,
    issuerName: c.issuerName,
    issuedAt: c.issuedAt,
    validUntil: c.validUntil,
    url,
    tokenId: c.tokenId,
  };
  const snippets = embedSnippets(facts);
  const [qr, setQr] = useState<string>();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(url, { margin: 1, width: 180 }).then(
      (data) => live && setQr(data),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <div className="share">
      <h2>Share</h2>
      {qr && <img src={qr} width={180} height={180} alt="QR code linking to this page" />}
      <div className="copy-row">
        <input readOnly value={url} aria-label="Link to this page" onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          onClick={() => {
            navigator.clipboard?.writeText(url).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? "Copied" : "Copy link"}
        </button>
      </div>
      <p className="verify-at">Verify at {url}</p>
      {holds && (
        <>
          <div className="share-links">
            <a className="button" href={linkedInAddUrl(facts)} target="_blank" rel="noopener noreferrer">
              Add to LinkedIn
            </a>
            <button type="button" className="secondary" onClick={() => window.print()}>
              Print / PDF
            </button>
          </div>
          <details className="embed">
            <summary>Embed on a website or README</summary>
            <label>
              HTML
              <textarea readOnly rows={3} value={snippets.html} onFocus={(e) => e.currentTarget.select()} />
            </label>
            <label>
              Markdown
              <textarea readOnly rows={3} value={snippets.markdown} onFocus={(e) => e.currentTarget.select()} />
            </label>
          </details>
        </>
      )}
      {children}
    </div>
  );
}
