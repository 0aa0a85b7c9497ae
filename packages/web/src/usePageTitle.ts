import { useEffect } from "react";

/**
 * Controls, line separators, zero-width and bidi formatting characters a tab would obey (a U+202E
 * in a pasted address would reverse the rest of the title): left out of a title. Names on the
 * chain cannot carry them (the registry refuses them); a URL can.
 */
const UNSAFE_IN_TITLE =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/gu;

/** `title` as it goes into the tab: "<title> · OnChainCert", without controls or bidi formatting. */
export function pageTitle(title: string): string {
  return `${title.replace(UNSAFE_IN_TITLE, "")} · OnChainCert`;
}

/** Names the page in the browser's tab and history (`pageTitle`). Text only, never HTML. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = pageTitle(title);
  }, [title]);
}
