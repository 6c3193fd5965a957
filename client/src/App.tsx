import { BoardPage } from "./BoardPage";
import { BoardsPage } from "./BoardsPage";
import { Link } from "./Link";
import { TopBar } from "./TopBar";
import { useIdentity } from "./useIdentity";
import { useRoute } from "./useRoute";

/** The app: picks the page for the current path. */
export function App() {
  const route = useRoute();
  const [identity, setIdentity] = useIdentity();
  switch (route.page) {
    case "boards":
      return <BoardsPage identity={identity} onIdentityChange={setIdentity} />;
    case "board":
      return (
        <BoardPage
          key={route.boardId}
          boardId={route.boardId}
          identity={identity}
          onIdentityChange={setIdentity}
        />
      );
    case "notFound":
      return (
        <div className="app">
          <TopBar />
          <main className="empty-state">
            <h1>Page not found</h1>
            <Link href="/" className="button primary">
              All boards
            </Link>
          </main>
        </div>
      );
  }
}
