// The researcher's import workers: one per core (navigator.hardwareConcurrency),
// each with the balans-open WebAssembly module (public/open-worker.js).
// public/boot.js starts them on /research before the page forbids
// connections; the import screen (src/ui/browser/use_workers.rs) then hands
// them the chosen files through window.balansOpenExports.

/** Starts the workers; resolves once every one has its module. */
export async function startPool() {
  const size = Math.max(1, Math.min(navigator.hardwareConcurrency || 1, 16));
  const workers = await Promise.all(
    Array.from({ length: size }, () =>
      new Promise((resolve, reject) => {
        const worker = new Worker("/open-worker.js");
        worker.onmessage = (event) => (event.data?.ready ? resolve(worker) : reject(new Error(event.data?.error)));
        worker.onerror = (event) => reject(new Error(event.message));
      }),
    ),
  );
  window.balansOpenExports = (files, key) => openAll(workers, files, key);
  return workers.length;
}

// Files per message to a worker: a message per file (10 000 of them) would
// keep the page busy.
const CHUNK = 32;
// Chunks each worker holds at once: while it decrypts one, the browser reads
// the next one's files for it.
const AHEAD = 2;

// The page reads each chunk's files itself and transfers the bytes to a
// worker. Handing a worker the File handles instead made Chromium look up
// every file's size with a synchronous request to the browser process (the
// structured clone of a File needs it), about 0.1 ms a file on an idle
// machine and several while the workers read: with 10 000 files that kept
// the page's thread, which feeds the workers, busy for seconds. Reading a
// chosen file asks the browser asynchronously. A file the browser cannot
// read (moved, a folder) comes back as null and is reported damaged.
function readChunk(chunk) {
  return Promise.all(chunk.map((file) => file.arrayBuffer().catch(() => null)));
}

/**
 * Decrypts `files` (an array of File) with the secret key's text. Returns
 * { workers, next() }: next() resolves with the results that are ready, in
 * the files' order, as [index, plaintext (Uint8Array) or null, error code
 * or null, checked] (at least one), or with null when every file is done.
 * `checked` says the worker found the plaintext a valid export
 * (core::research::read_decrypted), so the page need not check it again. A
 * file that cannot be read or decrypted gives its error code; the others go
 * on, also when a worker fails (its files are then "damaged").
 */
function openAll(workers, files, key) {
  const results = new Array(files.length);
  let delivered = 0;
  let nextFile = 0;
  let waiting = null;

  const wake = () => {
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      resolve();
    }
  };

  const feed = (worker, held) => {
    if (nextFile >= files.length) return;
    const start = nextFile;
    nextFile = Math.min(files.length, start + CHUNK);
    held.add(start);
    const chunk = files.slice(start, nextFile);
    readChunk(chunk).then((buffers) =>
      worker.postMessage({ start, buffers, key }, buffers.filter(Boolean)),
    );
  };

  for (const worker of workers) {
    const held = new Set();
    worker.onmessage = (event) => {
      const { start, results: done } = event.data;
      if (!held.delete(start)) return;
      done.forEach(([plain, error, checked], i) => {
        results[start + i] = [start + i, plain ?? null, plain ? null : error ?? "damaged", checked === true];
      });
      wake();
      feed(worker, held);
    };
    // A worker that dies (out of memory) leaves its files damaged rather
    // than the import waiting forever.
    worker.onerror = (event) => {
      event.preventDefault();
      for (const start of held) {
        for (let i = start; i < Math.min(files.length, start + CHUNK); i++) results[i] ??= [i, null, "damaged", false];
      }
      held.clear();
      wake();
      feed(worker, held);
    };
    for (let i = 0; i < AHEAD; i++) feed(worker, held);
  }

  const ready = () => {
    const batch = [];
    while (delivered < files.length && results[delivered]) {
      batch.push(results[delivered]);
      results[delivered] = true;
      delivered++;
    }
    return batch;
  };

  return {
    workers: workers.length,
    async next() {
      for (;;) {
        if (delivered >= files.length) return null;
        const batch = ready();
        if (batch.length) return batch;
        await new Promise((resolve) => (waiting = resolve));
      }
    },
  };
}
