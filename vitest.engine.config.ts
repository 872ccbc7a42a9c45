// The real-CLI suite (npm run test:engine): the pinned Pulumi builds (scripts/engine/build-cli.sh) run the
// bundled stacks with the pack. Slow (minutes) and sequential, so `npm test` (vitest.config.ts) leaves it out.
import { defineConfig } from "vitest/config";

export default defineConfig({
    test: {
        include: ["test/engine/**/*.spec.ts"],
        testTimeout: 600_000,
        hookTimeout: 900_000,
        pool: "forks",
        fileParallelism: false,
    },
});
