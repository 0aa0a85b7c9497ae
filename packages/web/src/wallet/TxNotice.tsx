import type { WriteState } from "./useWrite";

export function TxNotice({ state, explorer }: { state: WriteState; explorer: string | undefined }) {
  if (state.phase === "idle") return null;
  const link =
    "hash" in state && state.hash ? (
      explorer ? (
        <a href={`${explorer}/tx/${state.hash}`} target="_blank" rel="noreferrer">
          view transaction
        </a>
      ) : (
        <code>{state.hash}</code>
      )
    ) : null;
  const text = {
    checking: `${state.label}: checking, then confirm in your wallet…`,
    pending: `${state.label}: sent, waiting for confirmation…`,
    confirmed: `${state.label}: confirmed.`,
    failed: `${state.label} failed.`,
  }[state.phase];
  return (
    <div
      className={`notice tx tx-${state.phase} ${state.phase === "failed" ? "notice-error" : ""}`}
      role={state.phase === "failed" ? "alert" : "status"}
      aria-live="polite"
    >
      <strong>{text}</strong>
      {state.phase === "failed" && <div>{state.message}</div>}
      {link && <div>{link}</div>}
    </div>
  );
}
