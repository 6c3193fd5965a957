import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MemberRecord, MemberStore } from "./MemberStore";

/** A store under test and how to dispose of it. */
export interface MemberStoreFixture {
  store: MemberStore;
  cleanup(): Promise<void>;
}

/** The acceptance suite every MemberStore implementation passes. */
export function runMemberStoreContract(name: string, makeStore: () => Promise<MemberStoreFixture>): void {
  describe(`MemberStore contract: ${name}`, () => {
    let fixture: MemberStoreFixture;
    let store: MemberStore;
    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    const owner: MemberRecord = { boardId: "b1", userId: "u-owner", role: "owner", joinedAt: 10 };
    const editor: MemberRecord = { boardId: "b1", userId: "u-editor", role: "editor", joinedAt: 20 };
    const viewer: MemberRecord = { boardId: "b1", userId: "u-viewer", role: "viewer", joinedAt: 5 };

    it("adds members and lists a board's owners, editors, then viewers", async () => {
      for (const m of [viewer, editor, owner]) expect(await store.join(m)).toBe(m.role);
      expect(await store.get("b1", "u-editor")).toEqual(editor);
      expect(await store.get("b1", "u-nobody")).toBeUndefined();
      expect(await store.listByBoard("b1")).toEqual([owner, editor, viewer]);
      expect(await store.listByBoard("b-empty")).toEqual([]);
    });

    it("lists a user's boards, most recently joined first", async () => {
      await store.join({ boardId: "b-old", userId: "u1", role: "viewer", joinedAt: 1 });
      await store.join({ boardId: "b-new", userId: "u1", role: "owner", joinedAt: 9 });
      await store.join({ boardId: "b-new", userId: "u2", role: "owner", joinedAt: 9 });
      expect((await store.listByUser("u1")).map((m) => m.boardId)).toEqual(["b-new", "b-old"]);
    });

    it("joining again keeps the higher role and the first join time", async () => {
      await store.join(editor);
      expect(await store.join({ ...editor, role: "viewer", joinedAt: 99 })).toBe("editor");
      expect(await store.get("b1", "u-editor")).toEqual(editor);
      expect(await store.join({ ...editor, role: "owner", joinedAt: 99 })).toBe("owner");
      expect(await store.get("b1", "u-editor")).toEqual({ ...editor, role: "owner" });
    });

    it("changes roles but never takes away the last owner", async () => {
      for (const m of [owner, editor]) await store.join(m);
      expect(await store.setRole("b1", "u-owner", "editor")).toBe("last_owner");
      expect(await store.setRole("b1", "u-nobody", "editor")).toBe("not_member");
      expect(await store.setRole("b1", "u-editor", "owner")).toBe("ok");
      expect(await store.setRole("b1", "u-owner", "viewer")).toBe("ok");
      expect(await store.setRole("b1", "u-editor", "viewer")).toBe("last_owner");
      expect((await store.listByBoard("b1")).map((m) => [m.userId, m.role])).toEqual([
        ["u-editor", "owner"],
        ["u-owner", "viewer"],
      ]);
    });

    it("two owners demoting themselves at once leave one owner", async () => {
      await store.join(owner);
      await store.join({ ...editor, role: "owner" });
      const results = await Promise.all([
        store.setRole("b1", "u-owner", "viewer"),
        store.setRole("b1", "u-editor", "viewer"),
      ]);
      expect(results.sort()).toEqual(["last_owner", "ok"]);
      expect((await store.listByBoard("b1")).filter((m) => m.role === "owner")).toHaveLength(1);
    });

    it("removes members but not the last owner, and removes a whole board", async () => {
      for (const m of [owner, editor, viewer]) await store.join(m);
      await store.join({ boardId: "b2", userId: "u-owner", role: "owner", joinedAt: 1 });
      expect(await store.remove("b1", "u-owner")).toBe("last_owner");
      expect(await store.remove("b1", "u-viewer")).toBe("ok");
      expect(await store.remove("b1", "u-viewer")).toBe("not_member");
      await store.removeBoard("b1");
      expect(await store.listByBoard("b1")).toEqual([]);
      expect(await store.listByUser("u-owner")).toEqual([
        { boardId: "b2", userId: "u-owner", role: "owner", joinedAt: 1 },
      ]);
    });
  });
}
