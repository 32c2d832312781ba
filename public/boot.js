// Starts the Balans WebAssembly app and its service worker. Kept as a file
// (not inline) so the Content-Security-Policy can forbid inline scripts.
//
// The citizen's first download is only what the first question needs. What
// comes later — the age encryption, a WebAssembly module of its own
// (src/bin/balans-seal.rs) — loads in idle time once the first question is
// shown: at once on any screen but an invitation's steps, which hold it back
// (<html data-defer="question">) until they are done ("balans-deferred").
//
// The screens after the first question are chunks of the citizen app
// (issue 15), preloaded at the same moment.
//
// When everything is done, <html data-boot="ready"> marks the app as loaded
// (the end-to-end tests wait for it): the app is running, the deferred
// module and the chunks have loaded, the page's `load` event has fired, the
// service worker has finished installing (which fetches every app file
// once, the deferred module too, so sending works offline), and connections
// are forbidden.
// After that the page makes no request at all.
const root = document.documentElement;

// Two apps share this page. Citizens get the small one; the staff app (the
// professional's and researcher's screens besides the citizen's) loads only
// for its own addresses and for study links. src/ui/pages/mod.rs
// (is_staff_path) routes the same way.
const STAFF_PATH = /^\/(pro|research)(\/|$)/;

const RESEARCH_PATH = /^\/research(\/|$)/;

// The researcher's import workers, one per core (public/open-pool.js), in
// idle time after the first screen and before connections close: an import
// then makes no request. Without them the import runs in the page.
async function startImportWorkers() {
  await idle();
  try {
    const { startPool } = await import("/open-pool.js");
    await startPool();
  } catch (error) {
    console.warn("Balans: no import workers; importing in the page", error);
  }
}

// A professional's device with a passphrase (issue 17): its questionnaires
// (the professional's own forms, those filled in together) are sealed, so
// every address opens the staff app, which shows the lock screen first.
function lockedDevice() {
  try {
    return localStorage.getItem("balans.lock.pro") !== null;
  } catch {
    return false;
  }
}

function wantsStaffApp() {
  return STAFF_PATH.test(location.pathname) || location.hash.startsWith("#s") || lockedDevice();
}

// The WebAssembly's download starts together with its glue's, not after the
// glue has loaded: one round trip less before the first screen (issue 15, P2).
function fetchWasm(name) {
  const response = fetch(`/${name}_bg.wasm`);
  // Awaited by the glue's init; this only keeps a failed download from being
  // reported twice when the glue itself failed to load first.
  response.catch(() => {});
  return response;
}

// The citizen app's module, for its preloadScreens() (loadDeferred).
let citizenApp;

async function startCitizenApp() {
  citizenApp = await loadModuleBundle("balans");
}

// A bundle with ES module glue (the citizen app's sealing module, the main
// bundle of Trunk's build), started; resolves with its exports.
async function loadModuleBundle(name) {
  const wasm = fetchWasm(name);
  const bundle = await import(`/${name}.js`);
  await bundle.default({ module_or_path: wasm });
  return bundle;
}

// The staff screens' styles, which citizens never download.
function linkStaffStyles() {
  return Promise.all(
    ["/professional.css", "/research.css"].map(
      (href) =>
        new Promise((resolve) => {
          const link = document.createElement("link");
          link.rel = "stylesheet";
          link.href = href;
          // A missing style sheet leaves the screens plain, not broken.
          link.onload = link.onerror = resolve;
          document.head.append(link);
        }),
    ),
  );
}

// The staff app's module, for its preloadResearch() (start).
let staffApp;

async function startStaffAppModule() {
  staffApp = await loadModuleBundle("balans-staff");
}

function startStaffApp() {
  return Promise.all([linkStaffStyles(), startStaffAppModule()]);
}

// Runs one of an app's preloads of its WebAssembly chunks
// (src/ui/pages/lazy.rs). A failure is only logged: the screen tries again
// when it opens and, should that fail too, says so and offers a reload.
async function preload(load, what) {
  try {
    await load?.();
  } catch (error) {
    console.warn(`Balans: ${what} did not preload`, error);
  }
}

// The staff screens after the professional's first are chunks of the staff
// app (issue 15): fetched in idle time after the first screen, while
// connections are still allowed.
async function preloadStaffScreens() {
  await firstScreenShown();
  await idle();
  await preload(staffApp?.preloadScreens, "a staff screen");
}

// The research screens are a chunk of the staff app (issue 15), fetched only
// on /research and before connections close; the staff app loads the page
// again when a professional's screen leads to /research.
function preloadResearch() {
  return preload(staffApp?.preloadResearch, "the research screens");
}

// window.balansSeal(plaintext, recipients): the armored age file, as a
// promise (src/ui/browser/use_seal.rs). It waits for the module, which
// loadDeferred() starts; a failed load rejects it (the send screen says so).
let sealModule;
const sealReady = new Promise((resolve, reject) => {
  sealModule = { resolve, reject };
});
sealReady.catch(() => {});
window.balansSeal = async (plaintext, recipients) => (await sealReady).seal(plaintext, recipients);

/** Resolves once the invitation's steps (if showing) let deferred loads go. */
function deferredAllowed() {
  if (root.dataset.defer !== "question") return Promise.resolve();
  return new Promise((resolve) => window.addEventListener("balans-deferred", resolve, { once: true }));
}

// Resolves once the app has drawn its first screen (its <main>): the staff
// app opens its database before it draws, and chunks fetched meanwhile would
// compete with the first screen for the line (issue 15, P6).
function firstScreenShown() {
  return new Promise((resolve) => {
    if (document.querySelector("main")) return resolve();
    const observer = new MutationObserver(() => {
      if (!document.querySelector("main")) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
}

function idle() {
  return new Promise((resolve) =>
    "requestIdleCallback" in window ? requestIdleCallback(resolve, { timeout: 2000 }) : setTimeout(resolve, 200),
  );
}

async function loadDeferred() {
  await deferredAllowed();
  // The moment deferred loads may start: the privacy test compares the
  // requests' start times with it (tests/e2e/privacy.spec.mjs).
  performance.mark("balans-deferred");
  await idle();
  try {
    sealModule.resolve(await loadModuleBundle("balans-seal"));
  } catch (error) {
    // Sending then says it could not encrypt; everything else works.
    console.warn("Balans: the encryption module did not load", error);
    sealModule.reject(error);
  }
  // The screens after the first question (review, summary, send, the
  // device's overview) are WebAssembly chunks of their own
  // (src/ui/pages/lazy.rs, scripts/wasm-split.mjs): fetched now, while
  // connections are still allowed, so that they open later without a
  // request, offline too.
  await preload(citizenApp?.preloadScreens, "a screen");
}

// Inside a frame of another site the app does not start: that site could
// lay its own buttons over the app's, or make a citizen believe its page is
// Balans. The server's `frame-ancestors 'none'` header already stops this
// where it is sent; this covers hosts that cannot send headers. A frame of
// Balans' own origin may run it (nothing is gained by refusing that).
function framedByAnotherSite() {
  if (window.top === window.self) return false;
  try {
    return window.top.location.origin !== location.origin;
  } catch {
    // Reading another origin's location throws: that is the answer.
    return true;
  }
}

function refuseFrame() {
  const message = document.createElement("p");
  message.setAttribute("role", "alert");
  message.dataset.testid = "framed";
  message.textContent =
    "Balans werkt alleen in een eigen venster, niet binnen een andere website. " +
    "(Balans only works in its own window, not inside another website.) ";
  const open = document.createElement("a");
  open.href = location.href;
  open.target = "_blank";
  open.rel = "noopener noreferrer";
  open.textContent = "Open Balans in een eigen venster (Open Balans in its own window)";
  message.append(open);
  document.body.append(message);
  root.dataset.boot = "framed";
}

async function start() {
  if (framedByAnotherSite()) {
    refuseFrame();
    return;
  }
  const staff = wantsStaffApp();
  try {
    await (staff ? startStaffApp() : startCitizenApp());
  } catch (error) {
    // The app could not start (old browser, broken download): say so plainly.
    const message = document.createElement("p");
    message.setAttribute("role", "alert");
    message.textContent =
      "Balans kon niet starten. Vernieuw de pagina of probeer een andere browser. " +
      "(Balans could not start. Reload the page or try another browser.)";
    document.body.append(message);
    console.error(error);
    return;
  }
  // The staff app links age itself (it decrypts): it needs no sealing
  // module. The researcher's screens get their import workers instead.
  if (!staff) await loadDeferred();
  else {
    await Promise.all([
      preloadStaffScreens(),
      RESEARCH_PATH.test(location.pathname) ? Promise.all([preloadResearch(), startImportWorkers()]) : null,
    ]);
  }
  forbidConnections();
  await Promise.all([pageLoaded(), startServiceWorker()]);
  root.dataset.boot = "ready";
}

// The static policy in index.html needs `connect-src 'self'` for the fetches
// of the WebAssembly above (the app's, then the deferred module's). Now that
// they are done, a second policy forbids every
// connection (fetch, XHR, WebSocket, beacon) for the rest of the page's life.
// A page obeys every policy it has, so this can only narrow, never widen.
function forbidConnections() {
  const meta = document.createElement("meta");
  meta.httpEquiv = "Content-Security-Policy";
  meta.content = "connect-src 'none'";
  document.head.append(meta);
}

function pageLoaded() {
  if (document.readyState === "complete") return Promise.resolve();
  return new Promise((resolve) => window.addEventListener("load", resolve, { once: true }));
}

async function startServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  let registration;
  try {
    registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  } catch (error) {
    // No offline use (e.g. a private window that forbids workers); the app
    // itself works as before.
    console.warn("Balans: no offline use", error);
    return;
  }
  // A browser that blocks workers may resolve without a registration (a
  // test browser with service workers blocked does).
  if (!registration) return;
  watchForUpdates(registration);
  await installed(registration);
}

// Resolves once the worker being installed (if any) is done: on the first
// visit when it is active (the next visit works offline), on an update when
// it is installed and waits.
function installed(registration) {
  const worker = registration.installing;
  if (!worker) return Promise.resolve();
  const done = registration.active
    ? ["installed", "activating", "activated", "redundant"]
    : ["activated", "redundant"];
  return new Promise((resolve) => {
    const check = () => {
      if (done.includes(worker.state)) {
        worker.removeEventListener("statechange", check);
        resolve();
      }
    };
    worker.addEventListener("statechange", check);
    check();
  });
}

// A new version installed while an older one runs this page waits. The app
// shows a banner (it listens for the event) whose button calls
// balansStartUpdate: the new worker takes over and this page reloads.
function watchForUpdates(registration) {
  const announce = () => {
    root.dataset.update = "waiting";
    window.dispatchEvent(new Event("balans-update"));
  };
  if (registration.waiting && navigator.serviceWorker.controller) announce();
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) announce();
    });
  });
  window.balansStartUpdate = () => {
    let reloading = false;
    const reload = () => {
      if (reloading) return;
      reloading = true;
      location.reload();
    };
    const waiting = registration.waiting;
    // Already taken over (another window pressed the button): just reload.
    if (!waiting) return reload();
    // The page changes controller when the new worker takes over; the
    // worker's own "activated" is a second signal, in case that event is
    // missed on a busy device.
    navigator.serviceWorker.addEventListener("message", (event) => console.info("Balans update:", event.data));
    navigator.serviceWorker.addEventListener("controllerchange", reload, { once: true });
    waiting.addEventListener("statechange", () => {
      if (waiting.state === "activated") reload();
    });
    // Asked again every two seconds until it has taken over: a message to a
    // worker that the browser stopped or was just starting can get lost.
    const ask = () => {
      if (reloading || waiting.state === "redundant") return;
      waiting.postMessage("activate");
      setTimeout(ask, 2000);
    };
    ask();
    // Some browsers hold the new version back while the old one is busy.
    // Then the app says how to start it: close every window and reopen.
    setTimeout(() => {
      if (!reloading) window.dispatchEvent(new Event("balans-update-stalled"));
    }, 8000);
  };
}

start();
