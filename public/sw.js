// The Balans service worker: keeps every file of one version of the app in a
// cache of its own, so that after one visit the whole app works without a
// network, and serves every address of the app (/, /q/…) from it.
//
// Updates never mix versions:
// - each version has its own cache, named after the hash of all its files;
// - a new worker fills its cache only with files whose SHA-256 equals what
//   this version was built with (a server half-way through a deploy makes the
//   install fail, to be retried at the next visit, instead of caching a mix);
// - the new worker waits until every window of the old version is closed, or
//   until the person presses "update now" (boot.js sends "activate"); the page
//   then reloads and runs the new version as a whole. A questionnaire that is
//   open keeps running the version it started with.
//
// The staff app's files (BUILD.lazy) are not fetched at install: they are
// checked the same way and cached the first time the staff app loads, so a
// citizen's phone never downloads them.
//
// BUILD is written by scripts/sw-build.mjs (a Trunk post_build hook): the
// version, every file's SHA-256 and the lazy files. Without it the worker
// stays out of the way.
const BUILD = /* BUILD */ null;

const PREFIX = "balans-";
const CACHE = BUILD ? PREFIX + BUILD.version : null;

self.addEventListener("install", (event) => {
  if (BUILD) event.waitUntil(fill());
});

self.addEventListener("activate", (event) => {
  if (BUILD) event.waitUntil(dropOtherVersions());
});

self.addEventListener("message", (event) => {
  // waitUntil keeps the worker alive until it has taken over; without it a
  // busy browser may stop the worker before skipWaiting completes.
  // The page is told each step, so a stalled update can be diagnosed.
  if (event.data === "activate") {
    event.source?.postMessage("activate: asked");
    event.waitUntil(self.skipWaiting().then(() => event.source?.postMessage("activate: skipped waiting")));
  }
});

self.addEventListener("fetch", (event) => {
  const path = appFile(event.request);
  if (path) event.respondWith(fromCache(path, event.request));
});

/** Fetches every file of this version, checks it, and caches it. */
async function fill() {
  const cache = await caches.open(CACHE);
  try {
    // A window on a staff address (a first visit to /pro, say) needs the
    // staff app offline too; a citizen's window does not.
    const staff = await staffWindowOpen();
    for (const path of Object.keys(BUILD.files)) {
      if (staff || !BUILD.lazy.includes(path)) await fetchChecked(cache, path);
    }
  } catch (error) {
    await caches.delete(CACHE);
    throw error;
  }
}

/** Whether a window of this origin shows a staff address (as boot.js decides). */
async function staffWindowOpen() {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  return windows.some((w) => {
    const url = new URL(w.url);
    return /^\/(pro|research)(\/|$)/.test(url.pathname) || url.hash.startsWith("#s");
  });
}

async function dropOtherVersions() {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
  }
}

/** The cached file that answers `request`, or null to leave it alone. */
function appFile(request) {
  if (!BUILD || request.method !== "GET") return null;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return null;
  if (url.pathname in BUILD.files) return url.pathname;
  // Every other address within the app is a screen of the app: its page.
  if (request.mode === "navigate" || url.pathname === "/") return "/index.html";
  return null;
}

/**
 * Fetches one file of this version, checks its SHA-256 and caches it. A copy
 * of another version (a deploy under way) is refused, never cached.
 */
async function fetchChecked(cache, path) {
  // `reload`: the server's copy, never an older one from the HTTP cache.
  const response = await fetch(path, { cache: "reload" });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const found = await sha256(await response.clone().arrayBuffer());
  if (found !== BUILD.files[path]) throw new Error(`${path}: not the file this version was built with`);
  await cache.put(path, response.clone());
  return response;
}

async function fromCache(path, request) {
  const cached = await caches.match(path, { cacheName: CACHE });
  if (cached) return cached;
  // A staff file on its first use; otherwise only when the cache was emptied
  // behind the worker's back.
  if (BUILD.lazy.includes(path)) return fetchChecked(await caches.open(CACHE), path);
  return fetch(request);
}

async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
