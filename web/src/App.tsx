import { type ReactNode, useCallback, useEffect, useState } from "react";
import { ApiError, client, errorMessage, setCsrfToken, unwrap, whenSignedOut } from "./api/client.ts";
import { queryClient } from "./api/query.ts";
import type { Me } from "./api/types.ts";
import { Layout } from "./components/Layout.tsx";
import { ConnectionPage } from "./pages/ConnectionPage.tsx";
import { Connections } from "./pages/Connections.tsx";
import { CustomAlerts } from "./pages/CustomAlerts.tsx";
import { Goals } from "./pages/Goals.tsx";
import { Home } from "./pages/Home.tsx";
import { ManualSync } from "./pages/ManualSync.tsx";
import { NotificationSettings } from "./pages/NotificationSettings.tsx";
import { Notifications } from "./pages/Notifications.tsx";
import { OrderPage } from "./pages/OrderPage.tsx";
import { Orders } from "./pages/Orders.tsx";
import { Planner } from "./pages/Planner.tsx";
import { ProductPage } from "./pages/ProductPage.tsx";
import { Products } from "./pages/Products.tsx";
import { SignIn } from "./pages/SignIn.tsx";
import { Summaries } from "./pages/Summaries.tsx";
import { SyncLog } from "./pages/SyncLog.tsx";
import { Warehouses } from "./pages/Warehouses.tsx";
import { match, navigate, usePath } from "./router.ts";

type Session = { kind: "loading" } | { kind: "signedOut"; setupNeeded: boolean } | { kind: "in"; me: Me };

const ROUTES: [string, (p: Record<string, string>) => ReactNode][] = [
  ["/", () => <Home />],
  ["/connections", () => <Connections />],
  ["/connections/:id", (p) => <ConnectionPage id={p.id!} />],
  ["/connections/:id/:tab", (p) => <ConnectionPage id={p.id!} tab={p.tab!} />],
  ["/sync-log", () => <SyncLog />],
  ["/products", () => <Products />],
  ["/products/:sku", (p) => <ProductPage sku={p.sku!} />],
  ["/orders", () => <Orders />],
  // Before "/orders/:id", which would otherwise take these paths.
  ["/orders/summaries", () => <Summaries />],
  ["/orders/sync", () => <ManualSync />],
  ["/orders/:id", (p) => <OrderPage id={p.id!} />],
  ["/warehouses", () => <Warehouses />],
  ["/planner", () => <Planner />],
  ["/planner/goals", () => <Goals />],
  ["/notifications", () => <Notifications />],
  ["/notifications/settings", () => <NotificationSettings />],
  ["/notifications/alerts", () => <CustomAlerts />],
];

function Page(props: { path: string }) {
  for (const [pattern, render] of ROUTES) {
    const params = match(pattern, props.path);
    if (params) return render(params);
  }
  return <p>This page does not exist.</p>;
}

export function App() {
  const path = usePath();
  const [session, setSession] = useState<Session>({ kind: "loading" });
  const [fatal, setFatal] = useState<unknown>();

  const check = useCallback(async () => {
    try {
      const me = await unwrap(client.GET("/api/v1/me"));
      setCsrfToken(me.csrfToken);
      setSession({ kind: "in", me });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) return setFatal(error);
      try {
        const setup = await unwrap(client.GET("/api/v1/setup"));
        setSession({ kind: "signedOut", setupNeeded: setup.needed });
      } catch (e) {
        setFatal(e);
      }
    }
  }, []);

  useEffect(() => {
    void check();
  }, [check]);

  // Nothing read for one session is shown to the next: the cache goes with the session.
  const ended = useCallback(() => {
    setCsrfToken(undefined);
    queryClient.clear();
    setSession({ kind: "signedOut", setupNeeded: false });
  }, []);

  // A call answered 401 under a page (the session expired or was revoked): back to sign-in.
  useEffect(() => {
    whenSignedOut(ended);
    return () => whenSignedOut(undefined);
  }, [ended]);

  const signOut = async () => {
    await unwrap(client.POST("/api/v1/auth/logout")).catch(() => undefined);
    navigate("/");
    ended();
  };

  if (fatal) return <p className="error">{errorMessage(fatal)}</p>;
  if (session.kind === "loading") return <p className="muted center">Loading…</p>;
  if (session.kind === "signedOut") return <SignIn setupNeeded={session.setupNeeded} onSignedIn={check} />;
  return (
    <Layout me={session.me} path={path} onSignOut={signOut}>
      <Page path={path} />
    </Layout>
  );
}
