import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const serverOrigin = `http://localhost:${process.env.PORT ?? 3000}`;

/** The client build and dev server. `pnpm dev` proxies the API and the sync socket to the Node server. */
export default defineConfig({
  root: "client",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    proxy: {
      "/api": serverOrigin,
      "/ws": { target: serverOrigin.replace("http", "ws"), ws: true },
    },
  },
});
