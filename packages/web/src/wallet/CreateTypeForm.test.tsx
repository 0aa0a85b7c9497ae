import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { CredentialKind } from "@onchaincert/sdk";

import { credentialType } from "@onchaincert/sdk/testing";
import { CreateTypeForm } from "./CreateTypeForm";

const known = [
  credentialType({ typeId: 1n, name: "Cloud Fundamentals" }),
  credentialType({ typeId: 2n, name: "Container Orchestration" }),
  credentialType({ typeId: 3n, name: "Cloud Engineer", requiredComponents: 1, components: [1n, 2n] }),
  credentialType({ typeId: 4n, name: "Old Syllabus", retired: true }),
];

function setup() {
  const onCreate = vi.fn(async () => true);
  render(<CreateTypeForm known={known} onCreate={onCreate} />);
  return { onCreate, user: userEvent.setup() };
}

describe("CreateTypeForm", () => {
  it("creates an ordinary type with credits and validity converted for the contract, then clears", async () => {
    const { onCreate, user } = setup();
    await user.type(screen.getByLabelText("Name"), "Incident Response");
    await user.selectOptions(screen.getByLabelText("Kind"), String(CredentialKind.ProfessionalDevelopmentCredit));
    await user.type(screen.getByLabelText(/Credits/), "1.5");
    await user.type(screen.getByLabelText(/Valid for/), "365");
    expect(screen.getByText(/valid for 1 year from its day of issue/)).toBeTruthy();
    await user.type(screen.getByLabelText(/Criteria URL/), "https://northwind.example/ir");
    await user.click(screen.getByRole("button", { name: "Create type" }));
    expect(onCreate).toHaveBeenCalledWith({
      name: "Incident Response",
      description: "",
      kind: CredentialKind.ProfessionalDevelopmentCredit,
      credits: 150,
      validityPeriod: 365 * 86_400,
      criteriaURL: "https://northwind.example/ir",
      imageURL: "",
      components: [],
      requiredComponents: 0,
    });
    expect((screen.getByLabelText("Name") as HTMLInputElement).value).toBe("");
  });

  it("shows a field's problem as soon as it is edited, and sends nothing while any remains", async () => {
    const { onCreate, user } = setup();
    expect(screen.queryByText(/is required/)).toBeNull();
    await user.type(screen.getByLabelText("Name"), "é".repeat(49));
    expect(screen.getByText("The name is 98 bytes; at most 96.")).toBeTruthy();
    expect(screen.getByLabelText("Name").getAttribute("aria-invalid")).toBe("true");
    await user.type(screen.getByLabelText(/Artwork URL/), "javascript:alert(1)");
    expect(screen.getByText(/The artwork URL should start with https:\/\//)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Create type" }));
    expect(onCreate).not.toHaveBeenCalled();
  });

  it("on submit, shows every problem, including untouched required fields", async () => {
    const { onCreate, user } = setup();
    await user.click(screen.getByRole("button", { name: "Create type" }));
    expect(screen.getByText("The name is required.")).toBeTruthy();
    expect(onCreate).not.toHaveBeenCalled();
  });

  it("builds an N-of-M stack: only non-stack types are offered, N follows M until set", async () => {
    const { onCreate, user } = setup();
    await user.type(screen.getByLabelText("Name"), "Cloud Pathway");
    await user.click(screen.getByLabelText(/stacked qualification/));
    const offered = screen.getAllByRole("checkbox").map((c) => c.parentElement!.textContent!.trim());
    expect(offered.slice(1)).toEqual([
      "#1 Cloud Fundamentals",
      "#2 Container Orchestration",
      "#4 Old Syllabus (retired)",
    ]);

    await user.click(screen.getByRole("button", { name: "Create type" }));
    expect(screen.getByText("Choose the credential types this stack is built from.")).toBeTruthy();

    await user.click(screen.getByLabelText(/#1 Cloud Fundamentals/));
    await user.click(screen.getByLabelText(/#2 Container Orchestration/));
    const n = screen.getByLabelText(/Components needed/) as HTMLInputElement;
    expect(n.value).toBe("2");
    await user.clear(n);
    await user.type(n, "3");
    expect(screen.getByText("How many components are needed should be between 1 and 2.")).toBeTruthy();
    await user.clear(n);
    await user.type(n, "1");
    await user.click(screen.getByRole("button", { name: "Create type" }));
    expect(onCreate).toHaveBeenCalledWith(expect.objectContaining({ components: [1n, 2n], requiredComponents: 1 }));
  });

  it("keeps the form when the transaction failed", async () => {
    const onCreate = vi.fn(async () => false);
    const user = userEvent.setup();
    render(<CreateTypeForm known={known} onCreate={onCreate} />);
    await user.type(screen.getByLabelText("Name"), "Kept");
    await user.click(screen.getByRole("button", { name: "Create type" }));
    expect(onCreate).toHaveBeenCalledOnce();
    expect((screen.getByLabelText("Name") as HTMLInputElement).value).toBe("Kept");
  });
});
