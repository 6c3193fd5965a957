import { useEffect, useState } from "react";
import { ApiError, describeError } from "./api";
import { acceptInvite, type InvitePreview, previewInvite, roleLabel } from "./boardsApi";
import { Link } from "./Link";
import { navigate } from "./router";
import { TopBar } from "./TopBar";

/** Props of InvitePage. */
export interface InvitePageProps {
  readonly token: string;
}

type State =
  | { readonly status: "loading" }
  | { readonly status: "ready"; readonly preview: InvitePreview }
  | { readonly status: "gone"; readonly title: string; readonly message: string }
  | { readonly status: "failed"; readonly message: string };

function goneState(error: unknown): State {
  if (error instanceof ApiError && error.status === 410) {
    return {
      status: "gone",
      title: "This invitation has expired",
      message: "Ask the person who invited you for a new link.",
    };
  }
  if (error instanceof ApiError && error.status === 404) {
    return {
      status: "gone",
      title: "This invitation is not valid",
      message: "It may have been revoked, or the board deleted. Check the link, or ask for a new one.",
    };
  }
  return { status: "failed", message: describeError(error) };
}

function formatExpiry(expiresAt: number): string {
  return new Date(expiresAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** The page at /invite/:token when signed in: who invited me to which board as what, and Accept. */
export function InvitePage({ token }: InvitePageProps) {
  const [state, setState] = useState<State>({ status: "loading" });
  const [accepting, setAccepting] = useState(false);
  const [acceptError, setAcceptError] = useState<string | null>(null);

  useEffect(() => {
    document.title = "Invitation — Converge";
    let cancelled = false;
    previewInvite(token).then(
      (preview) => {
        if (!cancelled) setState({ status: "ready", preview });
      },
      (error: unknown) => {
        console.warn("Could not read an invitation", error);
        if (!cancelled) setState(goneState(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [token]);

  const accept = async () => {
    setAccepting(true);
    setAcceptError(null);
    try {
      const { boardId } = await acceptInvite(token);
      navigate(`/boards/${encodeURIComponent(boardId)}`);
    } catch (error) {
      console.warn("Could not accept an invitation", error);
      const next = goneState(error);
      if (next.status === "gone") setState(next);
      else setAcceptError(describeError(error));
      setAccepting(false);
    }
  };

  return (
    <div className="app">
      <TopBar />
      <main className="invite-page">
        {state.status === "loading" && <p className="muted">Opening the invitation…</p>}
        {state.status === "failed" && (
          <p className="form-error" role="alert">
            Could not open the invitation: {state.message}
          </p>
        )}
        {state.status === "gone" && (
          <div className="invite-card" data-testid="invite-gone">
            <h1>{state.title}</h1>
            <p role="alert">{state.message}</p>
            <Link href="/" className="button primary">
              Your boards
            </Link>
          </div>
        )}
        {state.status === "ready" && (
          <div className="invite-card" data-testid="invite-preview">
            <h1>
              {state.preview.invitedBy} invited you to “{state.preview.boardTitle}” as{" "}
              {roleLabel(state.preview.role)}
            </h1>
            <p className="muted">
              {state.preview.role === "viewer"
                ? "As a viewer you can watch the board live but not change it."
                : state.preview.role === "editor"
                  ? "As an editor you can add, change and move cards and lanes."
                  : "As an owner you can change everything, including who is on the board."}{" "}
              This invitation expires {formatExpiry(state.preview.expiresAt)}.
            </p>
            {acceptError && (
              <p className="form-error" role="alert">
                {acceptError}
              </p>
            )}
            <div className="invite-actions">
              <button
                type="button"
                className="button primary"
                disabled={accepting}
                onClick={() => void accept()}
              >
                {accepting ? "Joining…" : "Accept invitation"}
              </button>
              <Link href="/" className="button ghost">
                Not now
              </Link>
            </div>
          </div>
        )}
      </main>
    </div>
  );
}
