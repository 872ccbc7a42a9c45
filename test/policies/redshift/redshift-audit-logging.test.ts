import { describe, expect, it } from "vitest";
import { redshiftAuditLogging as policy } from "../../../policies/redshift/redshift-audit-logging";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const LOGGING = "aws:redshift/logging:Logging";
const NAMESPACE = "aws:redshiftserverless/namespace:Namespace";
const ALL = ["connectionlog", "userlog", "useractivitylog"];

const logging = (props: Record<string, unknown>) => evaluateResource(policy, { type: LOGGING, props: { clusterIdentifier: "wh", ...props } });
const namespace = (props: Record<string, unknown>, config?: Record<string, unknown>) => evaluateResource(policy, { type: NAMESPACE, props: { namespaceName: "wh", ...props }, config });

describe("redshift-audit-logging", () => {
    it("passes CloudWatch delivery of every audit log and S3 delivery", () => {
        expect(logging({ logDestinationType: "cloudwatch", logExports: ALL }).diagnostics).toEqual([]);
        expect(logging({ logDestinationType: "s3", bucketName: "audit-logs" }).diagnostics).toEqual([]);
        expect(logging({ bucketName: "audit-logs" }).diagnostics).toEqual([]);
    });

    it("flags partial CloudWatch exports at advisory level", () => {
        const result = logging({ logDestinationType: "cloudwatch", logExports: ["connectionlog"] });
        expect(violatedProperties(result)).toEqual(["logExports"]);
        expect(result.violations[0]!.level).toBe("advisory");
        expect(violatedProperties(logging({ logDestinationType: "CloudWatch" }))).toEqual(["logExports"]);
    });

    it("flags a logging resource that delivers nowhere or to an unknown destination type", () => {
        expect(violatedProperties(logging({}))).toEqual(["bucketName"]);
        expect(violatedProperties(logging({ logDestinationType: "s3" }))).toEqual(["bucketName"]);
        expect(violatedProperties(logging({ logDestinationType: "kinesis", bucketName: "b" }))).toEqual(["logDestinationType"]);
    });

    it("requires the namespace to export every audit log type", () => {
        expect(namespace({ logExports: ["userlog", "ConnectionLog", "useractivitylog"] }).diagnostics).toEqual([]);
        expect(violatedProperties(namespace({}))).toEqual(["logExports"]);
        expect(violatedProperties(namespace({ logExports: ["userlog"] }))).toEqual(["logExports"]);
        expect(namespace({ logExports: ["userlog", "connectionlog"] }, { requiredLogExports: ["userlog", "connectionlog"] }).diagnostics).toEqual([]);
    });

    it("reports computed exports and destinations as undecided, and treats a computed bucket as set", () => {
        const exports = namespace({ logExports: UNKNOWN });
        expect(exports.cantRun).toBe(false);
        expect(exports.undecided.map((d) => d.property)).toEqual(["logExports"]);
        expect(namespace({ logExports: ["userlog", UNKNOWN] }).undecided.map((d) => d.property)).toEqual(["logExports"]);
        expect(logging({ logDestinationType: UNKNOWN }).undecided.map((d) => d.property)).toEqual(["logDestinationType"]);
        expect(logging({ logDestinationType: "s3", bucketName: UNKNOWN }).diagnostics).toEqual([]);
    });
});
