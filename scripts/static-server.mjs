// A minimal static file server for the built app (dist/), used by the
// end-to-end tests and the benchmark. Unknown paths without a file extension
// get index.html, as the app's client-side routes need.
//
//   node scripts/static-server.mjs [dir] [port]
//
// Tests that must see every request the browser makes (also those a page
// cannot observe, such as a service worker update check) import `serve`.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// The headers a <meta> tag cannot send (README, "Deploying"): no other site
// may show the app inside its page (where it could lay its own buttons over
// the app's, or read what it shows through a look-alike frame), the browser
// never guesses a file's type, and no address leaves in a Referer.
export const SECURITY_HEADERS = {
  "content-security-policy": "frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=utf-8",
};

async function resolveFile(root, urlPath) {
  const clean = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, "");
  const candidate = join(root, clean);
  if (!candidate.startsWith(root)) return null;
  try {
    const info = await stat(candidate);
    if (info.isFile()) return candidate;
    if (info.isDirectory()) return join(candidate, "index.html");
  } catch {
    if (!extname(clean)) return join(root, "index.html");
  }
  return null;
}

/**
 * Serves `dir` on 127.0.0.1:`port` (0: any free port) and calls
 * `onRequest(method, url)` for every request. Resolves to the listening
 * server; `server.address().port` is its port.
 */
export function serve(dir, port, onRequest = () => {}) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    onRequest(req.method, req.url);
    answer(root, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain" });
      res.end("bad request");
    });
  });
  return new Promise((done) => server.listen(port, "127.0.0.1", () => done(server)));
}

async function answer(root, req, res) {
  const path = new URL(req.url, "http://localhost").pathname;
  const file = await resolveFile(root, path);
  if (!file) {
    res.writeHead(404, { "content-type": "text/plain", ...SECURITY_HEADERS }).end("not found");
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      "content-type": types[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-cache",
      ...SECURITY_HEADERS,
    });
    res.end(body);
  } catch {
    res.writeHead(404, { "content-type": "text/plain", ...SECURITY_HEADERS }).end("not found");
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? "dist";
  const port = Number(process.argv[3] ?? 8080);
  await serve(dir, port);
  console.log(`Serving ${resolve(dir)} at http://127.0.0.1:${port}/`);
}
