import { expectFlag } from "../lib/readers/checks";
import { resourcePolicy } from "../lib/core/policy";
import { RDS_PROXY } from "../lib/aws/types";

export const rdsProxyRequireTls = resourcePolicy({
    name: "rds-proxy-require-tls",
    description: "RDS proxies must require TLS for client connections.",
    controls: [19],
    category: "encryption-in-transit",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["RDS.43"],
        pciDss: ["4.2.1"],
        nist: ["SC-8"],
    },
    resourceTypes: [RDS_PROXY],
    remediationSteps: [
        "1. Set `requireTls: true` on the aws.rds.Proxy; it is updated in place.",
        "2. Make sure clients connect with TLS (e.g. `sslmode=verify-full`, `--ssl-mode=VERIFY_IDENTITY`) before rolling it out.",
    ].join("\n"),
    check: ({ props }) =>
        expectFlag(props, "requireTls", {
            expected: true,
            defaultValue: false,
            fix: "Set `requireTls: true`: without it, client-to-proxy traffic can carry credentials and key material in clear.",
        }),
});
