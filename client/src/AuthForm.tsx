import { type KeyboardEvent, useId, useRef, useState } from "react";
import { logIn, MIN_PASSWORD_LENGTH, signUp, type User } from "./accountApi";
import { type AuthField, type AuthProblem, describeAuthError } from "./authErrors";

/** Which tab of the form is open. */
export type AuthMode = "signIn" | "signUp";

/** Props of AuthForm. */
export interface AuthFormProps {
  /** Called once the server has set the session cookie. */
  readonly onSignedIn: (user: User) => void;
  readonly initialMode?: AuthMode;
}

const PASSWORD_RULES = `At least ${MIN_PASSWORD_LENGTH} characters, and not a common or easily guessed password.`;

/**
 * Sign in and create an account in one form with two tabs. Problems appear beside the field they
 * concern and are announced; the password rules are stated before anyone types.
 */
export function AuthForm({ onSignedIn, initialMode = "signIn" }: AuthFormProps) {
  const [mode, setMode] = useState<AuthMode>(initialMode);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<AuthProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const tabRefs = useRef<Record<AuthMode, HTMLButtonElement | null>>({ signIn: null, signUp: null });
  const signingUp = mode === "signUp";

  const switchTo = (next: AuthMode, focusTab = false) => {
    setMode(next);
    setProblem(null);
    if (focusTab) tabRefs.current[next]?.focus();
  };

  const onTabKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) {
      event.preventDefault();
      switchTo(signingUp ? "signIn" : "signUp", true);
    }
  };

  const submit = async () => {
    if (busy) return;
    if (signingUp && name.trim() === "") {
      setProblem({ field: "name", message: "Enter the name others will see." });
      return;
    }
    if (email.trim() === "") {
      setProblem({ field: "email", message: "Enter your email address." });
      return;
    }
    if (password === "") {
      setProblem({ field: "password", message: "Enter your password." });
      return;
    }
    if (signingUp && [...password].length < MIN_PASSWORD_LENGTH) {
      setProblem({ field: "password", message: `Use at least ${MIN_PASSWORD_LENGTH} characters.` });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const user = signingUp
        ? await signUp({ name: name.trim(), email: email.trim(), password })
        : await logIn({ email: email.trim(), password });
      onSignedIn(user);
    } catch (error) {
      console.warn(signingUp ? "Sign-up failed" : "Sign-in failed", error);
      setProblem(describeAuthError(error));
      setBusy(false);
    }
  };

  const errorId = (field: AuthField) => `${id}-${field}-error`;
  const fieldError = (field: AuthField) =>
    problem?.field === field ? (
      <p className="field-error" id={errorId(field)} role="alert">
        {problem.message}
        {problem.offerSignIn && (
          <>
            {" "}
            <button type="button" className="link-button" onClick={() => switchTo("signIn")}>
              Sign in instead
            </button>
          </>
        )}
      </p>
    ) : null;
  const invalid = (field: AuthField) =>
    problem?.field === field ? { "aria-invalid": true, "aria-describedby": errorId(field) } : {};

  return (
    <div className="auth-card">
      <div className="auth-tabs" role="tablist" aria-label="Sign in or create an account">
        {(["signIn", "signUp"] as const).map((tab) => (
          <button
            key={tab}
            ref={(node) => {
              tabRefs.current[tab] = node;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${tab}`}
            aria-selected={mode === tab}
            aria-controls={`${id}-panel`}
            tabIndex={mode === tab ? 0 : -1}
            className="auth-tab"
            onClick={() => switchTo(tab)}
            onKeyDown={onTabKeyDown}
          >
            {tab === "signIn" ? "Sign in" : "Create account"}
          </button>
        ))}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${mode}`}>
        <form
          aria-labelledby={`${id}-tab-${mode}`}
          className="auth-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          {signingUp && (
            <div className="field">
              <label htmlFor={`${id}-name`}>Name</label>
              <input
                id={`${id}-name`}
                className="text-input"
                autoComplete="name"
                required
                maxLength={80}
                value={name}
                onChange={(event) => setName(event.target.value)}
                {...invalid("name")}
              />
              {fieldError("name")}
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-email`}>Email</label>
            <input
              id={`${id}-email`}
              className="text-input"
              type="email"
              autoComplete="email"
              required
              maxLength={254}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              {...invalid("email")}
            />
            {fieldError("email")}
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>Password</label>
            {signingUp && (
              <p className="field-hint" id={`${id}-password-rules`}>
                {PASSWORD_RULES}
              </p>
            )}
            <input
              id={`${id}-password`}
              className="text-input"
              type="password"
              autoComplete={signingUp ? "new-password" : "current-password"}
              required
              maxLength={256}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              {...invalid("password")}
              aria-describedby={
                [
                  signingUp ? `${id}-password-rules` : "",
                  problem?.field === "password" ? errorId("password") : "",
                ]
                  .filter(Boolean)
                  .join(" ") || undefined
              }
            />
            {fieldError("password")}
          </div>
          {fieldError("form")}
          <button type="submit" className="button primary auth-submit" disabled={busy}>
            {signingUp ? "Create account" : "Sign in"}
          </button>
          {busy && (
            <p className="muted" role="status">
              {signingUp ? "Creating your account…" : "Signing in…"}
            </p>
          )}
        </form>
      </div>
    </div>
  );
}
