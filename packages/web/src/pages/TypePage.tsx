import { Link } from "wouter";
import { useReadContract } from "wagmi";
import { credentialRegistryAbi, formatCredits, kindLabel } from "@onchaincert/sdk";

import { useChainContext, withChain } from "../chain";
import { Loading, Notice } from "../components/Notice";
import { ChainProblem, WayOn } from "../components/WayOn";
import { formatDate, formatValidity, parseIdNumber, readProblem, safeHref } from "../format";
import { IssuerName } from "../issuer/IssuerName";
import { useIssuerProfile } from "../issuer/useIssuer";
import { usePageTitle } from "../usePageTitle";

/**
 * `/type/<id>`: what a credential type certifies (its description and criteria), who owns it, and
 * whether it is still issued. Exported Open Badges name their achievement by this page.
 */
export function TypePage({ id }: { id: string }) {
  const ctx = useChainContext();
  const typeId = parseIdNumber(id);
  const type = useReadContract({
    address: ctx.registry,
    abi: credentialRegistryAbi,
    functionName: "credentialType",
    args: typeId !== undefined ? [typeId] : undefined,
    chainId: ctx.chainId,
    query: { enabled: typeId !== undefined && !ctx.problem },
  });
  const t = type.data;
  const owner = useIssuerProfile(ctx, t && t.typeId > 0n ? t.ownerIssuerId : undefined).data;
  usePageTitle(t && t.typeId > 0n ? `${t.name} (credential type)` : `Credential type ${id}`);

  if (typeId === undefined) {
    return (
      <Notice page tone="error" title={`“${id}” is not a credential type number.`}>
        Type numbers are whole numbers, like 3.
        <WayOn ctx={ctx} />
      </Notice>
    );
  }
  if (ctx.problem) return <ChainProblem ctx={ctx} />;
  if (type.error) {
    // The registry reverts for a type that does not exist.
    return (
      <Notice page tone="error" title={`Credential type #${id} could not be read.`}>
        {readProblem(type.error, ctx.rpc)}
        <WayOn ctx={ctx} />
      </Notice>
    );
  }
  if (!t) return <Loading what={`credential type #${id}`} />;
  const criteria = safeHref(t.criteriaURL);
  return (
    <section className="type-page">
      <p className="eyebrow">
        {kindLabel(t.kind)} · type #{t.typeId.toString()}
        {t.components.length > 0 && " · stacked qualification"}
      </p>
      <h1 className="page-title">
        <bdi>{t.name}</bdi>
      </h1>
      {t.retired && (
        <p className="warning">
          No longer issued
          {t.successorTypeId > 0n && (
            <>
              {" "}
              — replaced by{" "}
              <Link href={withChain(`/type/${t.successorTypeId}`, ctx.chainId)}>
                type #{t.successorTypeId.toString()}
              </Link>
            </>
          )}
          . Credentials already issued keep their status.
        </p>
      )}
      {t.description && (
        <p className="type-description">
          <bdi>{t.description}</bdi>
        </p>
      )}
      <dl className="facts">
        <dt>Owner</dt>
        <dd>
          {owner ? (
            <IssuerName ctx={ctx} issuerId={owner.issuerId} name={owner.name} account={owner.account} full />
          ) : (
            `issuer #${t.ownerIssuerId}`
          )}
        </dd>
        <dt>Criteria</dt>
        <dd>
          {criteria ? (
            <a href={criteria} rel="noopener noreferrer nofollow" target="_blank">
              {criteria}
            </a>
          ) : (
            "None published"
          )}
        </dd>
        <dt>Validity</dt>
        <dd>{t.validityPeriod === 0 ? "Does not expire" : `${formatValidity(t.validityPeriod)} from issue`}</dd>
        {t.credits > 0 && (
          <>
            <dt>Credits</dt>
            <dd>{formatCredits(t.credits)}</dd>
          </>
        )}
        {t.components.length > 0 && (
          <>
            <dt>Built from</dt>
            <dd>
              any {t.requiredComponents} of{" "}
              {t.components.map((c, i) => (
                <span key={c.toString()}>
                  {i > 0 && ", "}
                  <Link href={withChain(`/type/${c}`, ctx.chainId)}>type #{c.toString()}</Link>
                </span>
              ))}
            </dd>
          </>
        )}
        <dt>Created</dt>
        <dd>{formatDate(t.createdAt)}</dd>
      </dl>
    </section>
  );
}
