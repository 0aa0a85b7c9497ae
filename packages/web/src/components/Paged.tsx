import { Fragment, useState, type ReactNode } from "react";

import { formatCount } from "../format";
import { CARDS_PER_PAGE } from "../firstPageScript";

export { CARDS_PER_PAGE };

/**
 * A grid of cards that shows the first CARDS_PER_PAGE and adds as many on each "Show more": a
 * holder with thousands of credentials gets a page that opens at once, and reads on as it pleases.
 */
export function PagedCards<T>({
  items,
  keyOf,
  render,
  noun,
}: {
  items: readonly T[];
  keyOf: (item: T) => string;
  render: (item: T) => ReactNode;
  /** Plural, for "Showing 60 of 5,000 credentials". */
  noun: string;
}) {
  const [shown, setShown] = useState(CARDS_PER_PAGE);
  const visible = items.slice(0, shown);
  const rest = items.length - visible.length;
  return (
    <>
      <div className="cards">
        {visible.map((item) => (
          <Fragment key={keyOf(item)}>{render(item)}</Fragment>
        ))}
      </div>
      {rest > 0 && (
        <p className="more">
          Showing {formatCount(visible.length)} of {formatCount(items.length)} {noun}.{" "}
          <button type="button" className="secondary" onClick={() => setShown(shown + CARDS_PER_PAGE)}>
            Show {formatCount(Math.min(rest, CARDS_PER_PAGE))} more
          </button>
        </p>
      )}
    </>
  );
}
