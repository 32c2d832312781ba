// One of the researcher's import workers (src/ui/browser/use_workers.rs):
// reads and decrypts exports with the balans-open WebAssembly module, and
// checks what they hold, off the page's main thread. public/boot.js starts
// one per core on /research, before the page forbids connections, so an
// import makes no request.
//
// In: { start, files: File[], key }. Out: { start, results: [plain
// (Uint8Array, transferred) or null, "<ImportError code>" or null, checked]
// per file }, where checked says the plaintext is a valid export.
importScripts("/balans-open.js");

// eslint-disable-next-line no-undef
const ready = wasm_bindgen({ module_or_path: "/balans-open_bg.wasm" }).then(
  () => self.postMessage({ ready: true }),
  (error) => self.postMessage({ ready: false, error: String(error) }),
);

self.onmessage = async (event) => {
  await ready;
  const { start, files, key } = event.data;
  const read = await readAll(files);
  const results = [];
  const transfer = [];
  for (const bytes of read) {
    if (!bytes) {
      results.push([null, "damaged", false]);
      continue;
    }
    try {
      // eslint-disable-next-line no-undef
      const plain = wasm_bindgen.open(bytes, key);
      // eslint-disable-next-line no-undef
      results.push([plain, null, wasm_bindgen.check(plain)]);
      transfer.push(plain.buffer);
    } catch (code) {
      results.push([null, typeof code === "string" ? code : "damaged", false]);
    }
  }
  self.postMessage({ start, results }, transfer);
};

// The files of a chunk in one read (one request to the browser instead of
// one per file; the page already knows their sizes), split by size. Should
// that fail, each file is read on its own: a file the browser cannot read
// (moved, a folder) is then reported like a damaged one and the rest go on.
async function readAll(files) {
  try {
    const all = await new Blob(files).arrayBuffer();
    let at = 0;
    const parts = files.map((file) => {
      const part = new Uint8Array(all, at, file.size);
      at += file.size;
      return part;
    });
    if (at === all.byteLength) return parts;
    // A file changed size since the page looked: read one by one.
  } catch {
    // read one by one below
  }
  return Promise.all(files.map((file) => file.arrayBuffer().then((bytes) => new Uint8Array(bytes), () => null)));
}
