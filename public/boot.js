// Starts the Balans WebAssembly app. Kept as a file (not inline) so the
// Content-Security-Policy can forbid inline scripts.
import init from "/balans.js";

init({ module_or_path: "/balans_bg.wasm" }).catch((error) => {
  // The app could not start (old browser, broken download): say so plainly.
  const message = document.createElement("p");
  message.setAttribute("role", "alert");
  message.textContent =
    "Balans kon niet starten. Vernieuw de pagina of probeer een andere browser. " +
    "(Balans could not start. Reload the page or try another browser.)";
  document.body.append(message);
  console.error(error);
});
