import type { ReactNode } from "react";
import { AuthForm, type AuthMode } from "./AuthForm";
import type { User } from "./accountApi";
import { TopBar } from "./TopBar";

/** Props of AuthPage. */
export interface AuthPageProps {
  readonly onSignedIn: (user: User) => void;
  /** Why the person is asked to sign in (a lost session), shown above the form. */
  readonly notice?: string | null;
  /** What they will get after signing in, e.g. "Sign in to open this board." */
  readonly intro?: ReactNode;
  readonly initialMode?: AuthMode;
}

/** The sign-in / sign-up page; shown at whatever address needed a session, which opens once signed in. */
export function AuthPage({ onSignedIn, notice, intro, initialMode }: AuthPageProps) {
  return (
    <div className="app">
      <TopBar />
      <main className="auth-page">
        <h1>Welcome to Converge</h1>
        <p className="muted">{intro ?? "Plan your product together, live. Sign in or create an account."}</p>
        {notice && (
          <p className="notice" role="alert">
            {notice}
          </p>
        )}
        <AuthForm onSignedIn={onSignedIn} initialMode={initialMode} />
      </main>
    </div>
  );
}
