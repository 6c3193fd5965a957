import type { ReactNode } from "react";
import { Link } from "./Link";

/** The app header: the Converge wordmark (home link), then whatever the page adds. */
export function TopBar({ children }: { readonly children?: ReactNode }) {
  return (
    <header className="topbar">
      <Link href="/" className="wordmark" aria-label="Converge — all boards">
        <span className="wordmark-mark" aria-hidden="true" />
        Converge
      </Link>
      {children}
    </header>
  );
}
