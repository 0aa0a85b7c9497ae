/**
 * An EIP-1193 wallet for browser tests, injected before the page's scripts. It answers account,
 * chain and permission requests itself (no account until the site asks, as MetaMask on a first visit) and forwards everything else (eth_sendTransaction too)
 * to the Hardhat node, whose accounts are unlocked. It announces itself over EIP-6963 so
 * RainbowKit lists it as an installed wallet, as it would MetaMask.
 */
export function walletScript(rpcUrl: string, account: string, chainId = 31337): string {
  // The script runs in the page, so it is plain JavaScript in a string.
  return `(() => {
  const RPC = ${JSON.stringify(rpcUrl)};
  const account = ${JSON.stringify(account)};
  let chainId = ${chainId};
  // Like MetaMask on a first visit: no account until the site asks for one.
  let authorised = false;
  const listeners = {};
  const emit = (event, value) => (listeners[event] || []).forEach((fn) => fn(value));
  let id = 0;
  async function rpc(method, params) {
    const response = await fetch(RPC, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params: params || [] }) });
    const json = await response.json();
    if (json.error) { const e = new Error(json.error.message); e.code = json.error.code; e.data = json.error.data; throw e; }
    return json.result;
  }
  window.__sentTransactions = 0;
  const provider = {
    async request({ method, params }) {
      switch (method) {
        case "eth_accounts": return authorised ? [account] : [];
        case "eth_requestAccounts": authorised = true; emit("accountsChanged", [account]); return [account];
        case "eth_chainId": return "0x" + chainId.toString(16);
        case "net_version": return String(chainId);
        case "wallet_switchEthereumChain": chainId = Number(params[0].chainId); emit("chainChanged", "0x" + chainId.toString(16)); return null;
        case "wallet_addEthereumChain": return null;
        case "wallet_watchAsset": window.__watched = (window.__watched || []).concat([params]); return true;
        case "wallet_requestPermissions": case "wallet_getPermissions": return [{ parentCapability: "eth_accounts" }];
        case "wallet_revokePermissions": return null;
        case "eth_sendTransaction":
          window.__sendRequests = (window.__sendRequests || 0) + 1;
          // A test can make the wallet refuse the n-th signature request, as a person clicking Reject.
          if (window.__e2eRejectSend === window.__sendRequests) { const e = new Error("User rejected the request."); e.code = 4001; throw e; }
          window.__sentTransactions++;
          return rpc(method, [{ ...params[0], from: account }]);
        default: return rpc(method, params);
      }
    },
    on(event, fn) { (listeners[event] = listeners[event] || []).push(fn); return provider; },
    removeListener(event, fn) { listeners[event] = (listeners[event] || []).filter((f) => f !== fn); return provider; },
  };
  window.ethereum = provider;
  // Lets a test switch networks "in the wallet", as a user would in MetaMask.
  window.__e2eSetChain = (id) => { chainId = id; emit("chainChanged", "0x" + id.toString(16)); };
  const info = { uuid: "3b0e2a3e-0000-4000-8000-000000000001", name: "E2E Wallet", rdns: "dev.onchaincert.e2e",
    icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='32' height='32'%3E%3Crect width='32' height='32' fill='%233b4fe4'/%3E%3C/svg%3E" };
  const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
  window.addEventListener("eip6963:requestProvider", announce);
  announce();
})();`;
}
