// Builds ui/ into ui/dist, which the desktop app embeds (src-tauri/tauri.conf.json,
// `frontendDist`). `npm run dev` serves it on the port tauri.conf.json's `devUrl` names,
// for `cargo run -p boardpack-desktop` without `tauri/custom-protocol`.
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    // WebKitGTK 2.40+ (Debian 12) and current WebView2/WKWebView.
    target: "safari16",
    // No inline scripts or styles: the app's CSP allows only 'self'.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
