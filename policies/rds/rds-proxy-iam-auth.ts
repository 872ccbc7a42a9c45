import { unknownFinding, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asList, asString, INVALID, isObject, read, UNKNOWN } from "../lib/readers/values";
import { RDS_PROXY } from "../lib/aws/types";

const FIX =
    'Set `defaultAuthScheme: "IAM_AUTH"`, or `iamAuth: "REQUIRED"` on every `auths` entry, so clients connect with IAM tokens (whose issuance can require MFA and is logged) instead of database passwords.';

export const rdsProxyIamAuth = resourcePolicy({
    name: "rds-proxy-iam-auth",
    description: "RDS proxies must require IAM authentication for client connections.",
    controls: [20],
    category: "authentication-mfa",
    severity: "high",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: { nist: ["IA-2"] },
    resourceTypes: [RDS_PROXY],
    remediationSteps: [
        '1. Set `defaultAuthScheme: "IAM_AUTH"` on the aws.rds.Proxy (end-to-end IAM authentication), or set `iamAuth: "REQUIRED"` on every entry of `auths` (IAM from client to proxy, Secrets Manager secret from proxy to database).',
        "2. Grant `rds-db:connect` on the proxy's `dbuser` ARNs only to the application roles, with an MFA condition for human roles.",
        "3. Switch clients to IAM tokens (`rds generate-db-auth-token` against the proxy endpoint) with TLS, which IAM authentication requires.",
    ].join("\n"),
    check: ({ props }): Finding[] => {
        const scheme = asString(read(props, "defaultAuthScheme"));
        if (typeof scheme === "string" && scheme.trim().toUpperCase() === "IAM_AUTH") {
            return [];
        }
        const auths = asList(read(props, "auths"));
        if (auths === UNKNOWN) {
            return [unknownFinding("auths", FIX)];
        }
        const findings: Finding[] = [];
        let undecidedAt: string | undefined;
        auths.forEach((auth, index) => {
            const property = `auths.${index}.iamAuth`;
            if (auth === UNKNOWN) {
                undecidedAt ??= `auths.${index}`;
                return;
            }
            const iamAuth = isObject(auth) ? asString(read(auth, "iamAuth")) : INVALID;
            if (iamAuth === UNKNOWN) {
                undecidedAt ??= property;
            } else if (typeof iamAuth !== "string" || iamAuth.trim().toUpperCase() !== "REQUIRED") {
                const state = iamAuth === undefined ? "is not set (disabled)" : "is not REQUIRED";
                findings.push(violation(property, `\`${property}\` ${state}, so clients can log in through the proxy with a database password. ${FIX}`));
            }
        });
        if (findings.length > 0) {
            return findings;
        }
        if (undecidedAt !== undefined) {
            return [unknownFinding(undecidedAt, FIX)];
        }
        if (scheme === UNKNOWN) {
            return auths.length > 0 ? [] : [unknownFinding("defaultAuthScheme", FIX)];
        }
        if (auths.length === 0) {
            const state = scheme === undefined ? "is not set (NONE)" : "is not IAM_AUTH";
            return [violation("defaultAuthScheme", `\`defaultAuthScheme\` ${state} and no \`auths\` entry requires IAM. ${FIX}`)];
        }
        return [];
    },
});
