import { useState } from "react";
import {
  CREDIT_PERIODS,
  REQUIREMENT_LIMITS,
  formatCredits,
  kindLabel,
  lookAlikeMark,
  parseCredits,
  type CredentialTypeInfo,
  type IssuerProfile,
  type Requirement,
} from "@onchaincert/sdk";

import type { LookAlikeMap } from "../issuer/useIssuer";

/**
 * The requirement, built with pickers: types (grouped by their issuer) into "all of" or "any of",
 * accepted issuers, a minimum of credits over a period, the date, a name. Every change goes to
 * `onChange` at once (the page keeps it in the URL).
 */
export function RequirementForm({
  value,
  onChange,
  types,
  issuers,
  lookAlikes,
}: {
  value: Requirement;
  onChange: (next: Requirement) => void;
  types: readonly CredentialTypeInfo[] | undefined;
  issuers: readonly IssuerProfile[] | undefined;
  /** Issuers whose names look like others': marked in the pickers, where two names read the same. */
  lookAlikes?: LookAlikeMap;
}) {
  const [pick, setPick] = useState("");
  const [creditsText, setCreditsText] = useState(value.credits.minimum ? formatCredits(value.credits.minimum) : "");
  const named = new Set([...value.allOf, ...value.anyOf.types].map(String));
  const typeById = new Map((types ?? []).map((t) => [t.typeId.toString(), t]));
  const issuerName = new Map((issuers ?? []).map((p) => [p.issuerId.toString(), p.name]));
  // "⚠ looks like issuer #1": how two issuers whose names read the same are told apart here.
  const alike = (issuerId: bigint) => lookAlikeMark(lookAlikes, issuerId);
  const full = value.allOf.length + value.anyOf.types.length >= REQUIREMENT_LIMITS.types;
  const creditsValue = parseCredits(creditsText);

  const label = (id: bigint) => {
    const t = typeById.get(id.toString());
    return t
      ? `${t.name} (${issuerName.get(t.ownerIssuerId.toString()) ?? `issuer #${t.ownerIssuerId}`}, #${id})${alike(t.ownerIssuerId)}`
      : `type #${id}`;
  };
  const add = (to: "all" | "any") => {
    if (!pick) return;
    const id = BigInt(pick);
    if (to === "all") onChange({ ...value, allOf: [...value.allOf, id] });
    else {
      const types = [...value.anyOf.types, id];
      onChange({ ...value, anyOf: { count: Math.max(1, value.anyOf.count), types } });
    }
    setPick("");
  };
  const remove = (id: bigint) => {
    const anyTypes = value.anyOf.types.filter((t) => t !== id);
    onChange({
      ...value,
      allOf: value.allOf.filter((t) => t !== id),
      anyOf: { count: anyTypes.length ? Math.min(value.anyOf.count, anyTypes.length) : 0, types: anyTypes },
    });
  };
  // Types grouped by the issuer that owns them, in issuer order.
  const groups = new Map<string, CredentialTypeInfo[]>();
  for (const t of types ?? []) {
    const key = t.ownerIssuerId.toString();
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }

  return (
    <form className="form requirement-form" onSubmit={(e) => e.preventDefault()} aria-label="Requirement">
      <label htmlFor="req-name">Name (optional)</label>
      <input
        id="req-name"
        value={value.name}
        maxLength={REQUIREMENT_LIMITS.nameLength}
        placeholder="e.g. Junior cloud engineer"
        // eslint-disable-next-line no-control-regex -- control characters are what it removes
        onChange={(e) => onChange({ ...value, name: e.target.value.replace(/[\u0000-\u001f\u007f]/g, "") })}
      />

      <fieldset className="mapping">
        <legend>Credential types</legend>
        <label htmlFor="req-type">Type</label>
        <select id="req-type" value={pick} onChange={(e) => setPick(e.target.value)} disabled={!types || full}>
          <option value="">{types ? "Choose a credential type…" : "Reading the types…"}</option>
          {[...groups].map(([issuerId, list]) => (
            <optgroup
              key={issuerId}
              label={`${issuerName.get(issuerId) ?? "Issuer"} (issuer #${issuerId})${alike(BigInt(issuerId))}`}
            >
              {list.map((t) => (
                <option key={t.typeId.toString()} value={t.typeId.toString()} disabled={named.has(t.typeId.toString())}>
                  {t.name} (#{t.typeId.toString()}) · {kindLabel(t.kind)}
                  {t.components.length > 0 ? " · stacked" : ""}
                  {t.retired ? " · no longer issued" : ""}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <div className="button-row">
          <button type="button" disabled={!pick} onClick={() => add("all")}>
            Add to “all of”
          </button>
          <button type="button" className="secondary" disabled={!pick} onClick={() => add("any")}>
            Add to “any of”
          </button>
        </div>
        <PickedList title="All of these" ids={value.allOf} label={label} onRemove={remove} />
        {value.anyOf.types.length > 0 && (
          <>
            <div className="any-count">
              <label htmlFor="req-any-count">Any</label>
              <input
                id="req-any-count"
                type="number"
                min={1}
                max={value.anyOf.types.length}
                value={value.anyOf.count}
                onChange={(e) => {
                  const n = Math.round(Number(e.target.value));
                  if (n >= 1 && n <= value.anyOf.types.length)
                    onChange({ ...value, anyOf: { ...value.anyOf, count: n } });
                }}
              />
              <span>of these</span>
            </div>
            <PickedList
              title={`Any ${value.anyOf.count} of these`}
              ids={value.anyOf.types}
              label={label}
              onRemove={remove}
            />
          </>
        )}
      </fieldset>

      <fieldset className="mapping">
        <legend>Accepted issuers</legend>
        <p className="hint">None ticked: credentials from any issuer count.</p>
        {(issuers ?? []).map((p) => (
          <label key={p.issuerId.toString()} className="check">
            <input
              type="checkbox"
              checked={value.issuers.includes(p.issuerId)}
              onChange={(e) =>
                onChange({
                  ...value,
                  issuers: e.target.checked
                    ? [...value.issuers, p.issuerId]
                    : value.issuers.filter((id) => id !== p.issuerId),
                })
              }
            />
            <span>
              <bdi>{p.name}</bdi> (issuer #{p.issuerId.toString()})
              {alike(p.issuerId) && <span className="lookalike-mark">{alike(p.issuerId)}</span>}
            </span>
          </label>
        ))}
      </fieldset>

      <div className="form-row">
        <div>
          <label htmlFor="req-credits">Minimum professional-development credits</label>
          <input
            id="req-credits"
            inputMode="decimal"
            placeholder="none"
            value={creditsText}
            aria-invalid={creditsValue === undefined}
            aria-describedby="req-credits-error"
            onChange={(e) => {
              setCreditsText(e.target.value);
              const minimum = parseCredits(e.target.value);
              if (minimum !== undefined) {
                onChange({ ...value, credits: { minimum, months: minimum ? value.credits.months || 24 : 0 } });
              }
            }}
          />
          {creditsValue === undefined && (
            <p id="req-credits-error" className="field-error">
              Credits are a number with up to two decimals, like 20 or 7.5.
            </p>
          )}
        </div>
        <div>
          <label htmlFor="req-period">Earned in</label>
          <select
            id="req-period"
            value={String(value.credits.months)}
            disabled={!value.credits.minimum}
            onChange={(e) => onChange({ ...value, credits: { ...value.credits, months: Number(e.target.value) } })}
          >
            {CREDIT_PERIODS.map((p) => (
              <option key={p.key} value={String(p.months)}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
      </div>

      <label htmlFor="req-date">Valid on</label>
      <input
        id="req-date"
        type="date"
        value={value.validOn ?? ""}
        aria-describedby="req-date-hint"
        onChange={(e) => onChange({ ...value, validOn: e.target.value || undefined })}
      />
      <p id="req-date-hint" className="hint">
        Leave empty for “valid when checked”. A date means valid at the end of that day (UTC): a start date, or a past
        date to audit.
      </p>
    </form>
  );
}

function PickedList({
  title,
  ids,
  label,
  onRemove,
}: {
  title: string;
  ids: readonly bigint[];
  label: (id: bigint) => string;
  onRemove: (id: bigint) => void;
}) {
  if (ids.length === 0) return null;
  return (
    <div className="picked">
      <p className="picked-title">{title}</p>
      <ul>
        {ids.map((id) => (
          <li key={id.toString()}>
            <bdi>{label(id)}</bdi>{" "}
            <button type="button" className="link" onClick={() => onRemove(id)} aria-label={`Remove ${label(id)}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
