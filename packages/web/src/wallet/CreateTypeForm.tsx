import { useState, type FormEvent } from "react";
import {
  CredentialKind,
  KIND_LABELS,
  LIMITS,
  byteLength,
  checkCredentialType,
  type CredentialTypeDraft,
  type CredentialTypeInfo,
  type CredentialTypeInput,
  type DraftField,
} from "@onchaincert/sdk";

import { formatValidity } from "../format";

const EMPTY: CredentialTypeDraft = {
  name: "",
  description: "",
  kind: CredentialKind.Badge,
  credits: "",
  validityDays: "",
  criteriaURL: "",
  imageURL: "",
  components: [],
  requiredComponents: "",
};

const KINDS = [
  CredentialKind.Badge,
  CredentialKind.Certificate,
  CredentialKind.SkillCertification,
  CredentialKind.ProfessionalDevelopmentCredit,
];

/**
 * Defines a credential type, optionally a stack (N of M other types). Checked by the SDK's rules
 * as the person types: a field's problem shows once it has been edited, all of them on submit,
 * and nothing reaches the wallet while any remains.
 */
export function CreateTypeForm({
  known,
  disabled,
  onCreate,
}: {
  known: readonly CredentialTypeInfo[];
  disabled?: boolean;
  /** Resolves true when the type was created, which clears the form. */
  onCreate: (input: CredentialTypeInput) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState<CredentialTypeDraft>(EMPTY);
  const [isStack, setIsStack] = useState(false);
  const [touched, setTouched] = useState<Set<DraftField>>(new Set());
  const [submitted, setSubmitted] = useState(false);

  const effective = isStack ? draft : { ...draft, components: [], requiredComponents: "" };
  const check = checkCredentialType(effective, known);
  const stackMissing = isStack && draft.components.length === 0;
  const errors: Partial<Record<DraftField, string>> = {
    ...check.errors,
    ...(stackMissing ? { components: "Choose the credential types this stack is built from." } : {}),
  };
  const shown = (field: DraftField) => (submitted || touched.has(field) ? errors[field] : undefined);
  const candidates = known.filter((t) => t.requiredComponents === 0);

  function edit<K extends DraftField>(field: K, value: CredentialTypeDraft[K]) {
    setDraft((d) => ({ ...d, [field]: value }));
    setTouched((t) => new Set(t).add(field));
  }

  function toggleComponent(id: bigint, on: boolean) {
    const components = on ? [...draft.components, id] : draft.components.filter((c) => c !== id);
    // N follows M (all components needed) until the person sets it.
    const n = touched.has("requiredComponents") ? draft.requiredComponents : String(components.length || "");
    setDraft((d) => ({ ...d, components, requiredComponents: n }));
    setTouched((t) => new Set(t).add("components"));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    if (!check.input || stackMissing) return;
    if (await onCreate(check.input)) {
      setDraft(EMPTY);
      setIsStack(false);
      setTouched(new Set());
      setSubmitted(false);
    }
  }

  const field = (id: DraftField) => ({
    id: `type-${id}`,
    "aria-invalid": shown(id) ? true : undefined,
    "aria-describedby": shown(id) ? `type-${id}-error` : undefined,
  });
  const problem = (id: DraftField) =>
    shown(id) && (
      <p id={`type-${id}-error`} className="field-error">
        {shown(id)}
      </p>
    );

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-label="Create a credential type">
      <h2>Create a credential type</h2>
      <label htmlFor="type-name">Name</label>
      <input {...field("name")} value={draft.name} onChange={(e) => edit("name", e.target.value)} />
      <p className="hint">
        {byteLength(draft.name)} / {LIMITS.name} bytes. Shown on every credential of this type.
      </p>
      {problem("name")}

      <label htmlFor="type-kind">Kind</label>
      <select
        {...field("kind")}
        value={draft.kind}
        onChange={(e) => edit("kind", Number(e.target.value) as CredentialKind)}
      >
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {KIND_LABELS[k]}
          </option>
        ))}
      </select>

      <label htmlFor="type-description">Description (optional)</label>
      <textarea
        {...field("description")}
        rows={3}
        value={draft.description}
        onChange={(e) => edit("description", e.target.value)}
      />
      {problem("description")}

      <div className="form-row">
        <div>
          <label htmlFor="type-credits">Credits (optional)</label>
          <input
            {...field("credits")}
            inputMode="decimal"
            placeholder="e.g. 1.5"
            value={draft.credits}
            onChange={(e) => edit("credits", e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="type-validityDays">Valid for, in days (optional)</label>
          <input
            {...field("validityDays")}
            inputMode="numeric"
            placeholder="empty = does not expire"
            value={draft.validityDays}
            onChange={(e) => edit("validityDays", e.target.value)}
          />
        </div>
      </div>
      {problem("credits")}
      {problem("validityDays")}
      {!errors.validityDays && (
        <p className="hint">
          {draft.validityDays.trim()
            ? `Each credential is valid for ${formatValidity(Number(draft.validityDays) * 86_400)} from its day of issue, unless the issuer sets another date.`
            : "Credentials of this type do not expire, unless the issuer sets a date."}
        </p>
      )}

      <label htmlFor="type-criteriaURL">Criteria URL (optional)</label>
      <input
        {...field("criteriaURL")}
        placeholder="https://…"
        value={draft.criteriaURL}
        onChange={(e) => edit("criteriaURL", e.target.value)}
      />
      {problem("criteriaURL")}
      <label htmlFor="type-imageURL">
        Artwork URL (optional; shown on credential pages and in exports. Wallets always show the on-chain card with the
        live status)
      </label>
      <input
        {...field("imageURL")}
        placeholder="https://… or ipfs://…"
        value={draft.imageURL}
        onChange={(e) => edit("imageURL", e.target.value)}
      />
      {problem("imageURL")}

      <label className="check">
        <input type="checkbox" checked={isStack} onChange={(e) => setIsStack(e.target.checked)} /> This is a stacked
        qualification, built from other credentials
      </label>
      {isStack && (
        <fieldset className="components" aria-describedby={shown("components") ? "type-components-error" : undefined}>
          <legend>Components (up to {LIMITS.stackComponents})</legend>
          {candidates.length === 0 && <p className="muted">There are no credential types to build a stack from yet.</p>}
          {candidates.map((t) => (
            <label key={t.typeId.toString()} className="check">
              <input
                type="checkbox"
                checked={draft.components.includes(t.typeId)}
                onChange={(e) => toggleComponent(t.typeId, e.target.checked)}
              />{" "}
              #{t.typeId.toString()} {t.name}
              {t.retired && <span className="muted"> (retired)</span>}
            </label>
          ))}
          {problem("components")}
          <label htmlFor="type-requiredComponents">Components needed (N of {draft.components.length})</label>
          <input
            {...field("requiredComponents")}
            inputMode="numeric"
            className="narrow"
            value={draft.requiredComponents}
            onChange={(e) => edit("requiredComponents", e.target.value)}
          />
          {problem("requiredComponents")}
        </fieldset>
      )}
      <button type="submit" disabled={disabled}>
        Create type
      </button>
    </form>
  );
}
