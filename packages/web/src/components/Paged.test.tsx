import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";

import { CARDS_PER_PAGE, PagedCards } from "./Paged";

const items = Array.from({ length: 58 }, (_, i) => i + 1);

function cards() {
  render(<PagedCards items={items} keyOf={String} render={(n) => <p className="card">#{n}</p>} noun="credentials" />);
  return () => document.querySelectorAll(".card").length;
}

describe("PagedCards", () => {
  it("shows the first cards and adds as many at each click, until all are shown", () => {
    const shown = cards();
    expect(CARDS_PER_PAGE).toBe(24);
    expect(shown()).toBe(24);
    expect(screen.getByText(/Showing 24 of 58 credentials\./)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Show 24 more" }));
    expect(shown()).toBe(48);
    fireEvent.click(screen.getByRole("button", { name: "Show 10 more" }));
    expect(shown()).toBe(58);
    expect(screen.queryByRole("button")).toBeNull();
    expect(screen.queryByText(/Showing/)).toBeNull();
  });
});
