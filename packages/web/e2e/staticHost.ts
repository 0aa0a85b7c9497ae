/**
 * The production build served the way a plain static host serves it: a file for every path that
 * names one; for any other path, the first rule of the build's `_redirects` whose pattern matches
 * (`/* /index.html 200` answers with the app, as Netlify and Cloudflare Pages do), else its
 * `404.html` with status 404, as GitHub Pages does. Deep links (/credential/<id>,
 * /verify/<address>) must work through the files the build ships, not a development server.
 */
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** Serves `root` on 127.0.0.1:`port`; resolves once it listens. */
export function serveStatic(root: string, port: number): Promise<Server> {
  const fallback = path.join(root, "404.html");
  if (!existsSync(fallback)) throw new Error(`${root} has no 404.html: the build must write one`);
  // `_redirects` rules: "<from> <to> [status]", where <from> may end in a `*` splat.
  const redirects = existsSync(path.join(root, "_redirects"))
    ? readFileSync(path.join(root, "_redirects"), "utf8")
        .split("\n")
        .map((line) => line.trim().split(/\s+/))
        .filter((parts) => parts.length >= 2 && !parts[0]!.startsWith("#"))
        .map(([from, to, status]) => ({ from: from!, to: to!, status: Number(status ?? 301) }))
    : [];
  const matches = (pattern: string, pathname: string) =>
    pattern.endsWith("*") ? pathname.startsWith(pattern.slice(0, -1)) : pattern === pathname;
  const server = createServer((req, res) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? "/", "http://host").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(root, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
    let status = 200;
    if (!file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      const rule = redirects.find((r) => matches(r.from, pathname));
      if (rule && rule.status === 200) file = path.join(root, rule.to);
      else {
        file = fallback;
        status = 404;
      }
    }
    res.writeHead(status, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}
