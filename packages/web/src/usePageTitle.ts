import { useEffect } from "react";

/** Names the page in the browser's tab and history: "<title> · OnChainCert". Text only, never HTML. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · OnChainCert`;
  }, [title]);
}
