// One describe block per pinned CLI version, around a fresh EngineSession. In CI (CI=true) a missing CLI build
// fails the suite; elsewhere the block is skipped with the command that builds it.

import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, it } from "vitest";
import { CLI_VERSIONS, cliPath, EngineSession, LAUNCHERS, mustRun } from "./session";

export function describeEachCli(title: string, body: (session: () => EngineSession, version: string) => void): void {
    for (const version of CLI_VERSIONS) {
        const built = existsSync(cliPath(version));
        if (!built && !mustRun()) {
            process.stderr.write(`engine suite: ${cliPath(version)} is missing, skipping "${title}" for ${version}; build it with scripts/engine/build-cli.sh\n`);
            describe.skip(`${title} [pulumi ${version}: not built, run scripts/engine/build-cli.sh]`, () => {
                it("needs the CLI build", () => undefined);
            });
            continue;
        }
        describe(`${title} [pulumi ${version}, pack started by ${LAUNCHERS[version]}]`, () => {
            let session: EngineSession | undefined;
            beforeAll(async () => {
                if (!built) {
                    throw new Error(`CI is set and ${cliPath(version)} does not exist: run scripts/engine/build-cli.sh before npm run test:engine`);
                }
                session = await EngineSession.create(version);
            });
            afterAll(() => session?.dispose());
            body(() => {
                if (!session) {
                    throw new Error(`no engine session for ${version} (its setup failed)`);
                }
                return session;
            }, version);
        });
    }
}
