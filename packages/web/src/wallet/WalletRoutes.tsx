import "@rainbow-me/rainbowkit/styles.css";
import type { ReactNode } from "react";
import { ConnectButton, RainbowKitProvider, darkTheme, lightTheme } from "@rainbow-me/rainbowkit";
import { Route, Switch } from "wouter";
import { WagmiProvider, useAccount, useSwitchChain } from "wagmi";

import { useChainContext } from "../chain";
import { Notice } from "../components/Notice";
import { AdminPage } from "./AdminPage";
import { BulkIssuePage } from "./bulk/BulkIssuePage";
import { ClaimPage } from "./ClaimPage";
import { IssuePage } from "./IssuePage";
import { IssuedPage } from "./IssuedPage";
import { MePage } from "./MePage";
import { ProvePage } from "./ProvePage";
import { SponsorPage } from "./SponsorPage";
import { TypesPage } from "./TypesPage";
import { WalletNav } from "./WalletNav";
import { walletConfig } from "./walletConfig";
import { usePageTitle } from "../usePageTitle";

/**
 * RainbowKit in the dApp's accent: its default blue under white text is 4.2:1, below WCAG AA's
 * 4.5:1 (the dApp's accent is 6.1:1 with white; in dark mode, 6.3:1 with dark text).
 */
const THEME = {
  lightMode: lightTheme({ accentColor: "#3b4fe4" }),
  darkMode: darkTheme({ accentColor: "#7b8cff", accentColorForeground: "#0b1020" }),
};

/** Everything that needs a wallet, loaded only when one of these routes is opened. */
export default function WalletRoutes() {
  return (
    <WagmiProvider config={walletConfig}>
      <RainbowKitProvider theme={THEME}>
        <div className="wallet-bar">
          <ConnectButton showBalance={false} />
        </div>
        <WalletNav />
        <Switch>
          <Route path="/claim">
            <ClaimPage />
          </Route>
          <Route path="/claim/:code">{(p) => <ClaimPage code={p.code} />}</Route>
          <Route path="/prove">
            <ProvePage />
          </Route>
          <Route path="/me">
            <RequireWallet title="My credentials" what="see and manage your credentials">
              <MePage />
            </RequireWallet>
          </Route>
          <Route path="/admin">
            <RequireWallet title="Admin: issuers" what="register and suspend issuers">
              <AdminPage />
            </RequireWallet>
          </Route>
          <Route path="/issue">
            <RequireWallet title="Issue credentials" what="issue, renew and revoke credentials">
              <IssuePage />
            </RequireWallet>
          </Route>
          <Route path="/issued">
            <RequireWallet title="Issued credentials" what="see what your organisation issued">
              <IssuedPage />
            </RequireWallet>
          </Route>
          <Route path="/issue/bulk">
            <RequireWallet title="Issue from a CSV" what="issue credentials from a CSV">
              <BulkIssuePage />
            </RequireWallet>
          </Route>
          <Route path="/sponsor">
            <RequireWallet title="Pay for claims" what="pay for other people's claims">
              <SponsorPage />
            </RequireWallet>
          </Route>
          <Route path="/issue/types">
            <RequireWallet title="Credential types" what="create and manage credential types">
              <TypesPage />
            </RequireWallet>
          </Route>
        </Switch>
      </RainbowKitProvider>
    </WagmiProvider>
  );
}

function RequireWallet({ title, what, children }: { title: string; what: string; children: ReactNode }) {
  usePageTitle(title);
  const { isConnected, chainId } = useAccount();
  const ctx = useChainContext();
  const { switchChain, isPending } = useSwitchChain();
  if (!isConnected)
    return (
      <Notice page title={`Connect a wallet to ${what}.`}>
        Use the Connect Wallet button above.
      </Notice>
    );
  if (ctx.problem) return <Notice page tone="error" title={ctx.problem} />;
  if (chainId !== ctx.chainId) {
    return (
      <Notice
        page
        tone="error"
        title={`Your wallet is on another network. This page works on ${ctx.chain?.name} (chain ${ctx.chainId}).`}
      >
        <button type="button" disabled={isPending} onClick={() => switchChain({ chainId: ctx.chainId })}>
          Switch to {ctx.chain?.name}
        </button>
      </Notice>
    );
  }
  return <>{children}</>;
}
