import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** Dashboard build: `vite build web` writes web/dist; `vite web` proxies the API to a local hub. */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true },
  server: {
    proxy: { "/api": `http://127.0.0.1:${process.env.STOCKWIRE_API_PORT ?? "3000"}` },
  },
});
