// One of the researcher's import workers (src/ui/browser/use_workers.rs):
// decrypts exports with the balans-open WebAssembly module, off the page's
// main thread. public/boot.js starts one per core on /research, before the
// page forbids connections, so an import makes no request.
//
// In: { id, bytes: ArrayBuffer (transferred), key }. Out: { id, plain:
// Uint8Array (transferred) } or { id, error: "<ImportError code>" }.
importScripts("/balans-open.js");

// eslint-disable-next-line no-undef
const ready = wasm_bindgen({ module_or_path: "/balans-open_bg.wasm" }).then(
  () => self.postMessage({ ready: true }),
  (error) => self.postMessage({ ready: false, error: String(error) }),
);

self.onmessage = async (event) => {
  await ready;
  const { id, bytes, key } = event.data;
  try {
    // eslint-disable-next-line no-undef
    const plain = wasm_bindgen.open(new Uint8Array(bytes), key);
    self.postMessage({ id, plain }, [plain.buffer]);
  } catch (code) {
    self.postMessage({ id, error: typeof code === "string" ? code : "damaged" });
  }
};
