import { unknownFinding, violation } from "../lib/readers/checks";
import { resourcePolicy } from "../lib/core/policy";
import { groupParameter, workgroupParameter } from "./lib/redshift";
import { REDSHIFTSERVERLESS_WORKGROUP, REDSHIFT_PARAMETER_GROUP } from "../lib/aws/types";

const WORKGROUP = REDSHIFTSERVERLESS_WORKGROUP;

export const redshiftRequireSsl = resourcePolicy({
    name: "redshift-require-ssl",
    description: "Redshift parameter groups and Redshift Serverless workgroups must set require_ssl to true so plaintext connections are refused.",
    controls: [55],
    category: "encryption-in-transit",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["Redshift.2", "RedshiftServerless.2"],
        pciDss: ["4.2.1"],
        nist: ["SC-8"],
        checkov: ["CKV_AWS_105"],
        cdkNag: ["AwsSolutions-RS1", "RedshiftRequireTlsSSL"],
    },
    resourceTypes: [REDSHIFT_PARAMETER_GROUP, WORKGROUP],
    remediationSteps: [
        "1. On the aws.redshift.ParameterGroup add `{ name: \"require_ssl\", value: \"true\" }` to `parameters` (remove any entry with another value).",
        "2. On the aws.redshiftserverless.Workgroup add `{ parameterKey: \"require_ssl\", parameterValue: \"true\" }` to `configParameters`.",
        "3. Make sure every client connects with sslmode=verify-full before applying; the change takes effect after a reboot of provisioned clusters.",
    ].join("\n"),
    check: ({ props, type }) => {
        const property = type === WORKGROUP ? "configParameters" : "parameters";
        const setting = type === WORKGROUP ? workgroupParameter(props, "require_ssl") : groupParameter(props, "require_ssl");
        switch (setting) {
            case "true":
                return [];
            case "unknown":
                return [unknownFinding(property, '`require_ssl` must be "true".')];
            case "false":
                return [violation(property, `\`${property}\` sets \`require_ssl\` to something other than "true", so clients may connect without TLS and send credentials and query results in clear. Set it to "true".`)];
            case "absent":
                return [
                    violation(
                        property,
                        `\`${property}\` does not set \`require_ssl\`, so it stays at its default (false) and clients may connect without TLS. Add \`require_ssl\` = "true".`,
                    ),
                ];
        }
    },
});
