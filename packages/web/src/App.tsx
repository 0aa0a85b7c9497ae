import { Link, Route, Switch } from "wouter";

import { useChainContext } from "./chain";
import { Notice } from "./components/Notice";
import { CredentialPage } from "./pages/CredentialPage";
import { Home } from "./pages/Home";
import { VerifyAddress } from "./pages/VerifyAddress";

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
        <span className="chain-pill" title={ctx.rpc}>
          {ctx.chain?.name ?? `Chain ${ctx.chainId}`}
        </span>
      </header>
      <main>
        <Switch>
          <Route path="/">
            <Home />
          </Route>
          <Route path="/verify/:address">{(p) => <VerifyAddress address={p.address} />}</Route>
          <Route path="/credential/:id">{(p) => <CredentialPage id={p.id} />}</Route>
          <Route>
            <Notice tone="error" title="There is no page here.">
              <Link href="/">Go to the search</Link>
            </Notice>
          </Route>
        </Switch>
      </main>
      <footer className="footer">
        Credentials are soulbound tokens on a public blockchain. This page only reads them; it never asks for a wallet.
      </footer>
    </div>
  );
}
