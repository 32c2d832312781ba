// One of the researcher's import workers (src/ui/browser/use_workers.rs):
// decrypts exports with the balans-open WebAssembly module, and
// checks what they hold, off the page's main thread. public/boot.js starts
// one per core on /research, before the page forbids connections, so an
// import makes no request.
//
// In: { start, buffers: (ArrayBuffer or null)[], key }, the files' bytes
// (the page reads them: public/open-pool.js says why). Out: { start,
// results: [plain (Uint8Array, transferred) or null, "<ImportError code>" or
// null, checked] per file }, where checked says the plaintext is a valid
// export.
importScripts("/balans-open.js");

// eslint-disable-next-line no-undef
const ready = wasm_bindgen({ module_or_path: "/balans-open_bg.wasm" }).then(
  () => self.postMessage({ ready: true }),
  (error) => self.postMessage({ ready: false, error: String(error) }),
);

self.onmessage = async (event) => {
  await ready;
  const { start, buffers, key } = event.data;
  const results = [];
  const transfer = [];
  for (const buffer of buffers) {
    if (!buffer) {
      results.push([null, "damaged", false]);
      continue;
    }
    try {
      // eslint-disable-next-line no-undef
      const plain = wasm_bindgen.open(new Uint8Array(buffer), key);
      // eslint-disable-next-line no-undef
      results.push([plain, null, wasm_bindgen.check(plain)]);
      transfer.push(plain.buffer);
    } catch (code) {
      results.push([null, typeof code === "string" ? code : "damaged", false]);
    }
  }
  self.postMessage({ start, results }, transfer);
};
