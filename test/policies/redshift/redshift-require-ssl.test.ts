import { describe, expect, it } from "vitest";
import { redshiftRequireSsl as policy } from "../../../policies/redshift/redshift-require-ssl";
import { evaluateResource, UNKNOWN, violatedProperties } from "../../support/evaluate";

const GROUP = "aws:redshift/parameterGroup:ParameterGroup";
const WORKGROUP = "aws:redshiftserverless/workgroup:Workgroup";

const group = (parameters: unknown) => evaluateResource(policy, { type: GROUP, props: { family: "redshift-1.0", parameters } });
const workgroup = (configParameters: unknown) => evaluateResource(policy, { type: WORKGROUP, props: { namespaceName: "wh", workgroupName: "wh", configParameters } });

describe("redshift-require-ssl", () => {
    it("passes parameter groups and workgroups that require SSL", () => {
        expect(group([{ name: "require_ssl", value: "true" }, { name: "enable_user_activity_logging", value: "true" }]).diagnostics).toEqual([]);
        expect(group([{ name: "REQUIRE_SSL", value: "TRUE" }]).diagnostics).toEqual([]);
        expect(workgroup([{ parameterKey: "require_ssl", parameterValue: "true" }]).diagnostics).toEqual([]);
        expect(workgroup([{ parameterKey: "requireSsl", parameterValue: "true" }]).diagnostics).toEqual([]);
    });

    it("flags groups without require_ssl (default false) at mandatory level", () => {
        const result = group(undefined);
        expect(violatedProperties(result)).toEqual(["parameters"]);
        expect(result.violations[0]!.level).toBe("mandatory");
        expect(violatedProperties(group([{ name: "enable_user_activity_logging", value: "true" }]))).toEqual(["parameters"]);
        expect(violatedProperties(workgroup(undefined))).toEqual(["configParameters"]);
    });

    it.each(["false", "0", "off", "", "yes"])("flags require_ssl = %j", (value) => {
        expect(violatedProperties(group([{ name: "require_ssl", value }]))).toEqual(["parameters"]);
        expect(violatedProperties(workgroup([{ parameterKey: "require_ssl", parameterValue: value }]))).toEqual(["configParameters"]);
    });

    it("flags a list that sets require_ssl twice with a false entry", () => {
        expect(violatedProperties(group([{ name: "require_ssl", value: "true" }, { name: "require_ssl", value: "false" }]))).toEqual(["parameters"]);
    });

    it("reports computed parameters as undecided, but decides a known false entry", () => {
        const unknown = group([{ name: "require_ssl", value: UNKNOWN }]);
        expect(unknown.cantRun).toBe(false);
        expect(unknown.undecided.map((d) => d.property)).toEqual(["parameters"]);
        expect(workgroup(UNKNOWN).undecided.map((d) => d.property)).toEqual(["configParameters"]);
        expect(violatedProperties(group([UNKNOWN, { name: "require_ssl", value: "false" }]))).toEqual(["parameters"]);
    });
});
