import { useEffect, useRef, useState } from "react";
import type { SignedInAccount } from "./accountContext";
import { describeError } from "./api";
import { initials, PALETTE } from "./identity";

/** Props of AccountMenu. */
export interface AccountMenuProps {
  readonly account: SignedInAccount;
}

/** The signed-in person in the header: avatar (opens a colour picker), name, and Sign out. */
export function AccountMenu({ account }: AccountMenuProps) {
  const { identity } = account;
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      toggleRef.current?.focus();
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
        ref={toggleRef}
        type="button"
        className="identity-button"
        aria-expanded={open}
        title="Change your colour"
        data-testid="identity"
        onClick={() => setOpen(!open)}
      >
        <span className="avatar small" style={{ backgroundColor: identity.color }} aria-hidden="true">
          {initials(identity.name)}
        </span>
        <span className="identity-name">{identity.name}</span>
        <span className="sr-only">, change your colour</span>
      </button>
      <button
        type="button"
        className="button ghost"
        disabled={signingOut}
        onClick={() => {
          setSigningOut(true);
          setSignOutError(null);
          account.signOut().catch((error: unknown) => {
            console.error("Could not sign out", error);
            setSignOutError(`Could not sign out: ${describeError(error)}`);
            setSigningOut(false);
          });
        }}
      >
        Sign out
      </button>
      {signOutError && (
        <p className="popover form-error" role="alert">
          {signOutError}
        </p>
      )}
      {open && (
        <div className="popover identity-form">
          <p className="identity-email muted">{account.user.email}</p>
          <fieldset className="swatches">
            <legend>Your colour on boards</legend>
            {PALETTE.map((swatch) => (
              <label key={swatch.color} className="swatch" style={{ backgroundColor: swatch.color }}>
                <input
                  type="radio"
                  name="identity-color"
                  value={swatch.color}
                  checked={identity.color === swatch.color}
                  onChange={() => account.setColor(swatch.color)}
                  aria-label={swatch.name}
                />
              </label>
            ))}
          </fieldset>
        </div>
      )}
    </div>
  );
}
