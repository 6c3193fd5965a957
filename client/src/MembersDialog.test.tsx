import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MembersDialog } from "./MembersDialog";

const members = [
  { id: "u1", name: "Ada", role: "owner" },
  { id: "u2", name: "Bo", role: "editor" },
];

function server(routes: Record<string, () => Response>) {
  return vi.fn(async (path: string, init?: RequestInit) => {
    const route = routes[`${init?.method ?? "GET"} ${path}`];
    if (!route) throw new Error(`unexpected ${init?.method ?? "GET"} ${path}`);
    return route();
  });
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("MembersDialog", () => {
  it("shows the server's reason when the last owner tries to step down, keeping the role shown", async () => {
    vi.stubGlobal(
      "fetch",
      server({
        "GET /api/boards/b1/members": () => json(200, members),
        "GET /api/boards/b1/invites": () => json(200, []),
        "PATCH /api/boards/b1/members/u1": () =>
          json(409, { error: { code: "last_owner", message: "A board needs at least one owner." } }),
      }),
    );
    const onMyRoleChanged = vi.fn();
    render(
      <MembersDialog
        boardId="b1"
        boardTitle="Plan"
        myId="u1"
        myRole="owner"
        onMyRoleChanged={onMyRoleChanged}
        onLeft={vi.fn()}
        onClose={vi.fn()}
      />,
    );
    const select = (await screen.findByLabelText("Role of Ada")) as HTMLSelectElement;
    fireEvent.change(select, { target: { value: "editor" } });
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe("A board needs at least one owner."),
    );
    expect(select.value).toBe("owner");
    expect(onMyRoleChanged).not.toHaveBeenCalled();
  });

  it("creates an invite link and shows its full address", async () => {
    vi.stubGlobal(
      "fetch",
      server({
        "GET /api/boards/b1/members": () => json(200, members),
        "GET /api/boards/b1/invites": () => json(200, []),
        "POST /api/boards/b1/invites": () =>
          json(201, { id: "i1", token: "t", url: "/invite/t", role: "viewer", expiresAt: Date.now() + 1000 }),
      }),
    );
    render(
      <MembersDialog
        boardId="b1"
        boardTitle="Plan"
        myId="u1"
        myRole="owner"
        onMyRoleChanged={vi.fn()}
        onLeft={vi.fn()}
        onClose={vi.fn()}
      />,
    );
    fireEvent.change(await screen.findByLabelText("Invite as"), { target: { value: "viewer" } });
    fireEvent.click(screen.getByRole("button", { name: "Create invite link" }));
    const link = (await screen.findByLabelText("Invite link")) as HTMLInputElement;
    expect(link.value).toBe(`${window.location.origin}/invite/t`);
  });

  it("lets a non-owner see who is here and leave, but not manage people", async () => {
    vi.stubGlobal("fetch", server({ "GET /api/boards/b1/members": () => json(200, members) }));
    render(
      <MembersDialog
        boardId="b1"
        boardTitle="Plan"
        myId="u2"
        myRole="editor"
        onMyRoleChanged={vi.fn()}
        onLeft={vi.fn()}
        onClose={vi.fn()}
      />,
    );
    expect(await screen.findByText("Ada")).toBeTruthy();
    expect(screen.queryByLabelText("Role of Ada")).toBeNull();
    expect(screen.queryByRole("button", { name: "Create invite link" })).toBeNull();
    expect(screen.getByRole("button", { name: "Leave board" })).toBeTruthy();
  });
});
