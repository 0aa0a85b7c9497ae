import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// Unit tests of components, hooks and the error decoder, in jsdom. Browser flows are in e2e/.
export default defineConfig({
  plugins: [react()],
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
    reporters: ["default"],
  },
});
