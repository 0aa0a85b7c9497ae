import { Fragment, useState, type ReactNode } from "react";

/** Cards shown at first, and added by each "Show more" (2, 3 or 4 columns fill evenly). */
export const CARDS_PER_PAGE = 24;

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
          Showing {visible.length.toLocaleString("en-US")} of {items.length.toLocaleString("en-US")} {noun}.{" "}
          <button type="button" className="secondary" onClick={() => setShown(shown + CARDS_PER_PAGE)}>
            Show {Math.min(rest, CARDS_PER_PAGE).toLocaleString("en-US")} more
          </button>
        </p>
      )}
    </>
  );
}
