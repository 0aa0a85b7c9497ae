import type { CredentialTypeInfo } from "@onchaincert/sdk";

/** The picker of the types the connected account may issue, for both bulk modes. */
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
  return (
    <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a type you may issue…</option>
      {types?.map((t) => (
        <option key={t.typeId.toString()} value={t.typeId.toString()}>
          #{t.typeId.toString()} {t.name}
        </option>
      ))}
    </select>
  );
}
