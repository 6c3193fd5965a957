import type { PresenceUser } from "@converge/shared";
import { useEffect, useRef, useState } from "react";
import { initials, PALETTE } from "./identity";

/** Props of IdentityButton. */
export interface IdentityButtonProps {
  readonly identity: PresenceUser;
  readonly onChange: (identity: PresenceUser) => void;
}

/** My name in the header; clicking it opens a small form to change the name and colour others see. */
export function IdentityButton({ identity, onChange }: IdentityButtonProps) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(identity.name);
  const [color, setColor] = useState(identity.color);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  return (
    <div className="identity" ref={rootRef}>
      <button
        type="button"
        className="identity-button"
        aria-expanded={open}
        aria-label={`You are ${identity.name}. Change your name`}
        data-testid="identity"
        onClick={() => {
          setName(identity.name);
          setColor(identity.color);
          setOpen(!open);
        }}
      >
        <span className="avatar small" style={{ backgroundColor: identity.color }} aria-hidden="true">
          {initials(identity.name)}
        </span>
        <span className="identity-name">{identity.name}</span>
      </button>
      {open && (
        <form
          className="popover identity-form"
          onSubmit={(event) => {
            event.preventDefault();
            const trimmed = name.trim().slice(0, 80);
            if (trimmed === "") return;
            onChange({ ...identity, name: trimmed, color });
            setOpen(false);
          }}
        >
          <label className="field">
            <span>Your name</span>
            <input
              value={name}
              maxLength={80}
              // biome-ignore lint/a11y/noAutofocus: the form opens because the person asked to change their name.
              autoFocus
              onChange={(event) => setName(event.target.value)}
            />
          </label>
          <fieldset className="swatches">
            <legend>Colour</legend>
            {PALETTE.map((swatch) => (
              <label key={swatch.color} className="swatch" style={{ backgroundColor: swatch.color }}>
                <input
                  type="radio"
                  name="identity-color"
                  value={swatch.color}
                  checked={color === swatch.color}
                  onChange={() => setColor(swatch.color)}
                  aria-label={swatch.name}
                />
              </label>
            ))}
          </fieldset>
          <div className="popover-actions">
            <button type="submit" className="button primary">
              Save
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
