import { useState } from "react";
import type { CredentialTypeInfo } from "@onchaincert/sdk";

/** Above this many types, a search box narrows the list (by name or number). */
const SEARCH_FROM = 8;

/**
 * The picker of the types the connected account may issue (the issue form and both bulk modes):
 * only those types, never free text, with a search box once the list is long.
 */
export function TypeSelect({
  id,
  value,
  types,
  disabled,
  onChange,
}: {
  id: string;
  value: string;
  types: readonly CredentialTypeInfo[] | undefined;
  disabled?: boolean;
  onChange: (typeId: string) => void;
}) {
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase().replace(/^#/, "");
  // The chosen type stays listed whatever the search, so the select never shows another one.
  const shown = types?.filter(
    (t) => !q || t.typeId.toString() === value || `${t.typeId} ${t.name}`.toLowerCase().includes(q),
  );
  return (
    <>
      {types && types.length > SEARCH_FROM && (
        <input
          type="search"
          className="type-search"
          aria-label="Find a type by name or number"
          placeholder="Find a type by name or number"
          value={query}
          disabled={disabled}
          onChange={(e) => {
            setQuery(e.target.value);
            const matches = types.filter((t) =>
              `${t.typeId} ${t.name}`.toLowerCase().includes(e.target.value.trim().toLowerCase().replace(/^#/, "")),
            );
            if (matches.length === 1) onChange(matches[0]!.typeId.toString());
          }}
        />
      )}
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        <option value="">
          {types === undefined
            ? "Loading your types…"
            : types.length === 0
              ? "No type you may issue"
              : shown?.length === 0
                ? "No type matches the search"
                : "Choose a type you may issue…"}
        </option>
        {shown?.map((t) => (
          <option key={t.typeId.toString()} value={t.typeId.toString()}>
            #{t.typeId.toString()} {t.name}
          </option>
        ))}
      </select>
    </>
  );
}
