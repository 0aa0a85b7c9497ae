import type { ReactNode } from "react";

/**
 * A message in a box. `page`: the message is all the page says (an unknown credential, no
 * wallet), so its title is the page's heading.
 */
export function Notice({
  tone = "info",
  title,
  page = false,
  children,
}: {
  tone?: "info" | "error";
  title: string;
  page?: boolean;
  children?: ReactNode;
}) {
  return (
    <div className={`notice notice-${tone}`} role={tone === "error" ? "alert" : "status"}>
      {page ? <h1 className="notice-title">{title}</h1> : <strong>{title}</strong>}
      {children && <div>{children}</div>}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      Reading {what} from the chain…
    </p>
  );
}
