import { describe, expect, it, vi } from "vitest";
import { createAccountStore } from "./account";

const ada = { id: "u1", email: "ada@example.com", name: "Ada" };

describe("account store", () => {
  it("loads the signed-in user, or signed out when there is none", async () => {
    const store = createAccountStore(async () => ada);
    expect(store.getSnapshot()).toEqual({ status: "loading" });
    await store.load();
    expect(store.getSnapshot()).toEqual({ status: "signedIn", user: ada });
    const nobody = createAccountStore(async () => null);
    await nobody.load();
    expect(nobody.getSnapshot()).toEqual({ status: "signedOut", notice: null });
  });

  it("keeps the state and rethrows when the server cannot be asked", async () => {
    const store = createAccountStore(() => Promise.reject(new TypeError("Failed to fetch")));
    await expect(store.load()).rejects.toThrow("Failed to fetch");
    expect(store.getSnapshot().status).toBe("loading");
  });

  it("tells subscribers once about a burst of identical sign-outs", () => {
    const store = createAccountStore(async () => ada);
    store.signedIn(ada);
    const listener = vi.fn();
    store.subscribe(listener);
    store.signedOut("Your session has ended.");
    store.signedOut("Your session has ended.");
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot()).toEqual({ status: "signedOut", notice: "Your session has ended." });
  });
});
