import { type ReactNode, useCallback, useEffect, useMemo, useState } from "react";
import { AuthPage } from "./AuthPage";
import type { User } from "./accountApi";
import { logOut } from "./accountApi";
import { AccountContext, type SignedInAccount } from "./accountContext";
import { describeError } from "./api";
import { BoardPage } from "./BoardPage";
import { BoardsPage } from "./BoardsPage";
import { InvitePage } from "./InvitePage";
import { loadColor, presenceUser, saveColor } from "./identity";
import { Link } from "./Link";
import { forgetLocalBoards } from "./localBoards";
import type { Route } from "./router";
import { navigate } from "./router";
import { TopBar } from "./TopBar";
import { accountStore, useAccount } from "./useAccount";
import { useRoute } from "./useRoute";

const signedIn = (user: User) => accountStore.signedIn(user);

/** The app: asks who is signed in, then picks the page for the current path (or the sign-in page). */
export function App() {
  const route = useRoute();
  const account = useAccount();
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(() => {
    setLoadError(null);
    accountStore.load().catch((error: unknown) => {
      console.error("Could not ask the server who is signed in", error);
      setLoadError(describeError(error));
    });
  }, []);
  useEffect(load, [load]);

  if (account.status === "loading") {
    return (
      <div className="app">
        <TopBar />
        <main className="empty-state">
          {loadError ? (
            <>
              <p role="alert">{loadError}</p>
              <button type="button" className="button primary" onClick={load}>
                Try again
              </button>
            </>
          ) : (
            <p className="muted">Loading…</p>
          )}
        </main>
      </div>
    );
  }
  if (account.status === "signedOut") {
    return (
      <AuthPage
        onSignedIn={signedIn}
        notice={account.notice}
        intro={signInIntro(route)}
        initialMode={route.page === "invite" ? "signUp" : "signIn"}
      />
    );
  }
  return <SignedInApp user={account.user} route={route} />;
}

function signInIntro(route: Route): string | undefined {
  if (route.page === "board") return "Sign in to open this board.";
  if (route.page === "invite") {
    return "You have been invited to a board. Create an account or sign in to see the invitation and accept it.";
  }
  return undefined;
}

function SignedInApp({ user, route }: { readonly user: User; readonly route: Route }) {
  const [color, setColorState] = useState(() => loadColor(user.id));
  const account = useMemo((): SignedInAccount => {
    return {
      user,
      identity: presenceUser(user, color),
      setColor(next) {
        saveColor(user.id, next);
        setColorState(next);
      },
      async signOut() {
        await logOut();
        await forgetLocalBoards(user.id);
        accountStore.signedOut(null);
        navigate("/");
      },
    };
  }, [user, color]);

  let page: ReactNode;
  switch (route.page) {
    case "boards":
      page = <BoardsPage />;
      break;
    case "board":
      page = <BoardPage key={route.boardId} boardId={route.boardId} view={route.view} />;
      break;
    case "invite":
      page = <InvitePage key={route.token} token={route.token} />;
      break;
    case "notFound":
      page = (
        <div className="app">
          <TopBar />
          <main className="empty-state">
            <h1>Page not found</h1>
            <Link href="/" className="button primary">
              Your boards
            </Link>
          </main>
        </div>
      );
  }
  return <AccountContext.Provider value={account}>{page}</AccountContext.Provider>;
}
