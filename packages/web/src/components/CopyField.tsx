/** A link to hand on: shown read-only (selected on focus), with a Copy button. */
export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="copy-row">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input id={id} readOnly value={value} onFocus={(e) => e.target.select()} />
      <button type="button" onClick={() => void navigator.clipboard?.writeText(value)}>
        Copy
      </button>
    </div>
  );
}
