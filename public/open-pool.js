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

// Files each worker has in hand at once: enough that none waits for the
// next file to be read, few enough that memory stays small.
const IN_FLIGHT = 6;

/**
 * Decrypts `files` (an array of File) with the secret key's text. Returns
 * { workers, next() }: next() resolves with the results that are ready, in
 * the files' order, as [index, plaintext (Uint8Array) or null, error code
 * or null] (at least one), or with null when every file is done. A file that
 * cannot be read or decrypted gives its error code; the others go on.
 */
function openAll(workers, files, key) {
  const results = new Array(files.length);
  let delivered = 0;
  let nextFile = 0;
  let waiting = null;
  let id = 0;
  const pending = new Map();

  const settle = (index, plain, error) => {
    results[index] = [index, plain, error];
    if (waiting) {
      const wake = waiting;
      waiting = null;
      wake();
    }
  };

  const feed = (worker) => {
    if (nextFile >= files.length) return;
    const index = nextFile++;
    files[index].arrayBuffer().then(
      (bytes) => {
        const job = id++;
        pending.set(job, index);
        worker.postMessage({ id: job, bytes, key }, [bytes]);
      },
      () => {
        settle(index, null, "damaged");
        feed(worker);
      },
    );
  };

  for (const worker of workers) {
    worker.onmessage = (event) => {
      const { id: job, plain, error } = event.data;
      const index = pending.get(job);
      if (index === undefined) return;
      pending.delete(job);
      settle(index, plain ?? null, plain ? null : error ?? "damaged");
      feed(worker);
    };
    for (let i = 0; i < IN_FLIGHT; i++) feed(worker);
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
