import { lazy, Suspense } from "react";
import { Link, Route, Switch } from "wouter";

import { useChainContext, type ChainContext } from "./chain";
import { Notice } from "./components/Notice";
import { ChainSwitcher, WayOn } from "./components/WayOn";
import { Home } from "./pages/Home";
import { VerifyAddress } from "./pages/VerifyAddress";
import { usePageTitle } from "./usePageTitle";

// Wallet pages (and RainbowKit with its connectors) load only when opened; so do the credential
// and issuer pages (a QR code library, event readers), keeping /verify/<address> within its JS budget.
const WalletRoutes = lazy(() => import("./wallet/WalletRoutes"));
const CredentialPage = lazy(() => import("./pages/verifierPages").then((m) => ({ default: m.CredentialPage })));
const IssuerPage = lazy(() => import("./pages/verifierPages").then((m) => ({ default: m.IssuerPage })));
const VerifyFilePage = lazy(() => import("./pages/verifierPages").then((m) => ({ default: m.VerifyFilePage })));
const CheckPage = lazy(() => import("./pages/employerPages").then((m) => ({ default: m.CheckPage })));
const TeamPage = lazy(() => import("./pages/employerPages").then((m) => ({ default: m.TeamPage })));
const TypePage = lazy(() => import("./pages/verifierPages").then((m) => ({ default: m.TypePage })));
const WALLET_PATHS = [
  "/me",
  "/issue",
  "/issue/bulk",
  "/issue/types",
  "/issued",
  "/admin",
  "/claim",
  "/claim/:code",
  "/prove",
  "/sponsor",
];

export function App() {
  const ctx = useChainContext();
  return (
    <div className="app">
      <header className="topbar">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{" "}
          OnChainCert
        </Link>
        <nav className="nav" aria-label="Main">
          <Link href="/">Verify</Link>
          <Link href="/me">My credentials</Link>
          {/* On a phone, "Employers" and "Issuers": the menu stays on one row. */}
          <Link href="/check">
            <span className="wide-only">For employers</span>
            <span className="narrow-only">Employers</span>
          </Link>
          <Link href="/issue">
            <span className="wide-only">For issuers</span>
            <span className="narrow-only">Issuers</span>
          </Link>
          <ChainSwitcher ctx={ctx} />
        </nav>
      </header>
      <main>
        <Switch>
          <Route path="/">
            <Home />
          </Route>
          <Route path="/verify/:address">{(p) => <VerifyAddress address={p.address} />}</Route>
          <Route path="/credential/:id">
            {(p) => (
              <Suspense fallback={<p className="loading">Loading the credential…</p>}>
                <CredentialPage id={p.id} />
              </Suspense>
            )}
          </Route>
          <Route path="/issuer/:address">
            {(p) => (
              <Suspense fallback={<p className="loading">Loading the issuer…</p>}>
                <IssuerPage address={p.address} />
              </Suspense>
            )}
          </Route>
          <Route path="/verify-file">
            <Suspense fallback={<p className="loading">Loading…</p>}>
              <VerifyFilePage />
            </Suspense>
          </Route>
          <Route path="/check">
            <Suspense fallback={<p className="loading">Loading…</p>}>
              <CheckPage />
            </Suspense>
          </Route>
          <Route path="/team">
            <Suspense fallback={<p className="loading">Loading…</p>}>
              <TeamPage />
            </Suspense>
          </Route>
          <Route path="/type/:id">
            {(p) => (
              <Suspense fallback={<p className="loading">Loading the credential type…</p>}>
                <TypePage id={p.id} />
              </Suspense>
            )}
          </Route>
          {WALLET_PATHS.map((path) => (
            <Route key={path} path={path}>
              <Suspense fallback={<p className="loading">Loading the wallet…</p>}>
                <WalletRoutes />
              </Suspense>
            </Route>
          ))}
          <Route>
            <NotFound ctx={ctx} />
          </Route>
        </Switch>
      </main>
      <footer className="footer">
        Credentials are soulbound tokens on a public blockchain. Verifying needs no wallet.
      </footer>
    </div>
  );
}

function NotFound({ ctx }: { ctx: ChainContext }) {
  usePageTitle("Page not found");
  return (
    <Notice page tone="error" title="There is no page here.">
      <WayOn ctx={ctx} />
    </Notice>
  );
}
