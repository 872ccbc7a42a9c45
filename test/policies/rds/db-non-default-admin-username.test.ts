import { describe, expect, it } from "vitest";
import { dbNonDefaultAdminUsername as policy } from "../../../policies/rds/db-non-default-admin-username";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const cases: [string, string][] = [
    ["aws:rds/instance:Instance", "username"],
    ["aws:rds/cluster:Cluster", "masterUsername"],
    ["aws:docdb/cluster:Cluster", "masterUsername"],
    ["aws:redshift/cluster:Cluster", "masterUsername"],
    ["aws:redshiftserverless/namespace:Namespace", "adminUsername"],
];
const run = (type: string, props: Record<string, unknown>, config?: Record<string, unknown>) => evaluateResource(policy, { type, props, config });

describe("db-non-default-admin-username", () => {
    it.each(cases)("passes %s with a non-default %s, or none (inherited)", (type, property) => {
        expect(run(type, { [property]: "wallet_owner_7f" }).diagnostics).toEqual([]);
        expect(run(type, {}).diagnostics).toEqual([]);
    });

    it.each(cases)("flags %s with a default name in %s (advisory)", (type, property) => {
        const result = run(type, { [property]: "admin" });
        expect(violatedProperties(result)).toEqual([property]);
        expect(result.violations[0]!.level).toBe("advisory");
    });

    it.each(["Admin", " postgres ", "ROOT", "awsuser", "master", "sa"])("flags %j case-insensitively", (name) => {
        expect(violatedProperties(run("aws:rds/instance:Instance", { username: name }))).toEqual(["username"]);
    });

    it("reads only the input each resource type has", () => {
        expect(run("aws:rds/instance:Instance", { masterUsername: "admin" }).diagnostics).toEqual([]);
        expect(run("aws:redshiftserverless/namespace:Namespace", { masterUsername: "admin" }).diagnostics).toEqual([]);
    });

    it("uses the configured list of defaults", () => {
        const config = { defaultUsernames: ["dba"] };
        expect(violatedProperties(run("aws:rds/cluster:Cluster", { masterUsername: "DBA" }, config))).toEqual(["masterUsername"]);
        expect(run("aws:rds/cluster:Cluster", { masterUsername: "admin" }, config).diagnostics).toEqual([]);
    });

    it("flags a user name of the wrong type", () => {
        expect(violatedProperties(run("aws:redshift/cluster:Cluster", { masterUsername: { name: "x" } }))).toEqual(["masterUsername"]);
    });

    it("reports an unknown user name as undecided during preview", () => {
        const result = run("aws:docdb/cluster:Cluster", { masterUsername: UNKNOWN });
        expect(result.cantRun).toBe(false);
        expect(result.violations).toEqual([]);
        expect(result.undecided.map((d) => [d.property, d.level])).toEqual([["masterUsername", "advisory"]]);
    });

    it("does not apply to other resource types", () => {
        const result = evaluateResource(policy, { type: "aws:neptune/cluster:Cluster", props: { masterUsername: "admin" } });
        expect(result.diagnostics).toEqual([]);
        expect(result.notApplicable).toBeDefined();
    });
});
