import type { ReactNode } from "react";
import { AccountMenu } from "./AccountMenu";
import { useOptionalAccount } from "./accountContext";
import { Link } from "./Link";

/** The app header: the Converge wordmark (home link), whatever the page adds, then who is signed in. */
export function TopBar({ children }: { readonly children?: ReactNode }) {
  const account = useOptionalAccount();
  return (
    <header className="topbar">
      <Link href="/" className="wordmark" aria-label="Converge — your boards">
        <span className="wordmark-mark" aria-hidden="true" />
        Converge
      </Link>
      {children}
      {account && (
        <>
          {!children && <div className="topbar-spacer" />}
          <AccountMenu account={account} />
        </>
      )}
    </header>
  );
}
