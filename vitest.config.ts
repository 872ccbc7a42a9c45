import { defineConfig } from "vitest/config";

export default defineConfig({
    test: {
        include: ["test/**/*.test.ts"],
        // test/engine/*.spec.ts need the real CLI: npm run test:engine (vitest.engine.config.ts).
        exclude: ["test/engine/**", "**/node_modules/**"],
        testTimeout: 120_000,
        hookTimeout: 180_000,
        pool: "forks",
    },
});
