import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthForm } from "./AuthForm";

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return vi.fn(async () => new Response(JSON.stringify(body), { status, headers }));
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("AuthForm", () => {
  it("states the password rules up front and refuses a short one without asking the server", () => {
    const fetch = answer(201, {});
    vi.stubGlobal("fetch", fetch);
    render(<AuthForm onSignedIn={vi.fn()} />);
    fireEvent.click(screen.getByRole("tab", { name: "Create account" }));
    expect(screen.getByText(/At least 10 characters, and not a common/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Ada" } });
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "ada@example.com" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "short" } });
    fireEvent.click(screen.getByRole("button", { name: "Create account" }));
    expect(screen.getByRole("alert").textContent).toBe("Use at least 10 characters.");
    expect(screen.getByLabelText("Password").getAttribute("aria-invalid")).toBe("true");
    expect(fetch).not.toHaveBeenCalled();
  });

  it("says how long to wait after too many sign-in attempts", async () => {
    vi.stubGlobal(
      "fetch",
      answer(429, { error: { code: "too_many_attempts", message: "later" } }, { "Retry-After": "300" }),
    );
    render(<AuthForm onSignedIn={vi.fn()} />);
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "ada@example.com" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "whatever-it-is" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe("Too many attempts, try again in 5 minutes."),
    );
  });

  it("hands the signed-in user on", async () => {
    const user = { id: "u1", email: "ada@example.com", name: "Ada" };
    const fetch = answer(200, user);
    vi.stubGlobal("fetch", fetch);
    const onSignedIn = vi.fn();
    render(<AuthForm onSignedIn={onSignedIn} />);
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: " ada@example.com " } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "correct horse battery" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(user));
    expect(fetch).toHaveBeenCalledWith("/api/auth/login", expect.objectContaining({ method: "POST" }));
  });
});
