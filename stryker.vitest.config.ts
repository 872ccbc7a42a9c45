// The unit tests Stryker runs against each mutant: policy and lib tests in process. The end-to-end and harness
// tests run the compiled pack (policies/bin), which a mutant of the TypeScript sources does not change.
// STRYKER_TESTS (comma-separated globs) narrows the set for a sampled run on a small machine.
import { defineConfig } from "vitest/config";

const DEFAULT = ["test/lib/**/*.test.ts", "test/policies/**/*.test.ts", "test/evasion.test.ts", "test/settings.test.ts"];

export default defineConfig({
    test: {
        include: process.env.STRYKER_TESTS ? process.env.STRYKER_TESTS.split(",") : DEFAULT,
        testTimeout: 120_000,
        pool: "forks",
    },
});
