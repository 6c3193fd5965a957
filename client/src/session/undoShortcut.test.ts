import { describe, expect, it } from "vitest";
import { undoShortcut } from "./undoShortcut";

const press = (
  key: string,
  modifiers: Partial<Record<"ctrlKey" | "metaKey" | "shiftKey" | "altKey", boolean>>,
  target: EventTarget | null = document.body,
) =>
  undoShortcut({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, target, ...modifiers });

describe("undo shortcuts", () => {
  it("undoes with Ctrl+Z or Cmd+Z and redoes with Ctrl/Cmd+Shift+Z or Ctrl+Y on the board", () => {
    expect(press("z", { ctrlKey: true })).toBe("undo");
    expect(press("z", { metaKey: true })).toBe("undo");
    expect(press("Z", { ctrlKey: true, shiftKey: true })).toBe("redo");
    expect(press("Z", { metaKey: true, shiftKey: true })).toBe("redo");
    expect(press("y", { ctrlKey: true })).toBe("redo");
    expect(press("z", {})).toBeNull();
    expect(press("z", { ctrlKey: true, altKey: true })).toBeNull();
    const button = document.createElement("button");
    expect(press("z", { ctrlKey: true }, button)).toBe("undo");
  });

  it("leaves text fields their own native undo", () => {
    const input = document.createElement("input");
    const textarea = document.createElement("textarea");
    const rich = document.createElement("div");
    rich.setAttribute("contenteditable", "true");
    document.body.append(rich);
    for (const field of [input, textarea, rich]) expect(press("z", { ctrlKey: true }, field)).toBeNull();
    const checkbox = document.createElement("input");
    checkbox.type = "checkbox";
    expect(press("z", { ctrlKey: true }, checkbox)).toBe("undo");
  });
});
