import { describe, expect, it } from "vitest";
import { elasticacheInTransitEncryption as policy } from "../../../policies/elasticache/elasticache-in-transit-encryption";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const CLUSTER = "aws:elasticache/cluster:Cluster";

const rg = (props: Record<string, unknown>) => evaluateResource(policy, { type: RG, props: { description: "keys", ...props } });
const cluster = (props: Record<string, unknown>) => evaluateResource(policy, { type: CLUSTER, props });

describe("elasticache-in-transit-encryption", () => {
    it("passes TLS with the mode omitted or required", () => {
        expect(rg({ transitEncryptionEnabled: true }).diagnostics).toEqual([]);
        expect(rg({ transitEncryptionEnabled: "true", transitEncryptionMode: "required" }).diagnostics).toEqual([]);
        expect(rg({ transitEncryptionEnabled: true, transitEncryptionMode: "Required" }).diagnostics).toEqual([]);
    });

    it("flags TLS omitted (default false) at mandatory level", () => {
        const result = rg({});
        expect(violatedProperties(result)).toEqual(["transitEncryptionEnabled"]);
        expect(result.violations[0]!.level).toBe("mandatory");
    });

    it.each([false, "false", 1, "on"])("flags transitEncryptionEnabled = %j", (value) => {
        expect(violatedProperties(rg({ transitEncryptionEnabled: value }))).toEqual(["transitEncryptionEnabled"]);
    });

    it("flags the preferred mode, which still accepts plaintext, and invalid modes", () => {
        expect(violatedProperties(rg({ transitEncryptionEnabled: true, transitEncryptionMode: "preferred" }))).toEqual(["transitEncryptionMode"]);
        expect(violatedProperties(rg({ transitEncryptionEnabled: true, transitEncryptionMode: " PREFERRED " }))).toEqual(["transitEncryptionMode"]);
        expect(violatedProperties(rg({ transitEncryptionEnabled: true, transitEncryptionMode: "optional" }))).toEqual(["transitEncryptionMode"]);
        expect(violatedProperties(rg({ transitEncryptionEnabled: true, transitEncryptionMode: 7 }))).toEqual(["transitEncryptionMode"]);
    });

    it("lets a global-datastore secondary inherit the primary's TLS, unless it turns it off itself", () => {
        expect(rg({ globalReplicationGroupId: "ldgnf-global" }).diagnostics).toEqual([]);
        expect(violatedProperties(rg({ globalReplicationGroupId: "ldgnf-global", transitEncryptionEnabled: false }))).toEqual(["transitEncryptionEnabled"]);
    });

    describe("standalone cache clusters", () => {
        it("flags standalone Redis/Valkey clusters, which cannot use TLS", () => {
            expect(violatedProperties(cluster({ engine: "redis" }))).toEqual(["replicationGroupId"]);
            expect(violatedProperties(cluster({ engine: "valkey", transitEncryptionEnabled: true }))).toEqual(["replicationGroupId"]);
            expect(violatedProperties(cluster({}))).toEqual(["replicationGroupId"]);
        });

        it("requires transitEncryptionEnabled on Memcached", () => {
            expect(cluster({ engine: "memcached", transitEncryptionEnabled: true }).diagnostics).toEqual([]);
            expect(violatedProperties(cluster({ engine: "memcached" }))).toEqual(["transitEncryptionEnabled"]);
            expect(violatedProperties(cluster({ engine: "MEMCACHED", transitEncryptionEnabled: "false" }))).toEqual(["transitEncryptionEnabled"]);
        });

        it("passes members of a replication group (the group is checked)", () => {
            expect(cluster({ replicationGroupId: "keys" }).diagnostics).toEqual([]);
        });
    });

    describe("preview (unknown values)", () => {
        it("reports unknown flags and modes as undecided", () => {
            const flag = rg({ transitEncryptionEnabled: UNKNOWN });
            expect(flag.cantRun).toBe(false);
            expect(flag.undecided.map((d) => d.property)).toEqual(["transitEncryptionEnabled"]);
            const mode = rg({ transitEncryptionEnabled: true, transitEncryptionMode: UNKNOWN });
            expect(mode.undecided.map((d) => d.property)).toEqual(["transitEncryptionMode"]);
            expect(mode.violations).toEqual([]);
        });

        it("still decides a missing flag when the mode is unknown", () => {
            const result = rg({ transitEncryptionMode: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(violatedProperties(result)).toEqual(["transitEncryptionEnabled"]);
        });

        it("treats a computed replicationGroupId as membership and a computed engine as undecided", () => {
            expect(cluster({ replicationGroupId: UNKNOWN }).diagnostics).toEqual([]);
            const result = cluster({ engine: UNKNOWN });
            expect(result.cantRun).toBe(false);
            expect(result.undecided.map((d) => d.property)).toEqual(["engine"]);
        });
    });
});
