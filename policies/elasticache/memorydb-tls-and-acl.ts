import { expectFlag, unknownFinding, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asString, INVALID, read, UNKNOWN, type PlainObject } from "../lib/readers/values";
import { MEMORYDB_CLUSTER, MEMORYDB_USER } from "../lib/aws/types";

const CLUSTER = MEMORYDB_CLUSTER;
const USER = MEMORYDB_USER;

/** The built-in ACL that lets every connection in without authentication. */
const OPEN_ACCESS = "open-access";

function cluster(props: PlainObject): Finding[] {
    const findings = expectFlag(props, "tlsEnabled", {
        expected: true,
        defaultValue: true,
        fix: "Remove `tlsEnabled: false` (the default is true): without TLS MemoryDB forces the `open-access` ACL, so every client is unauthenticated and traffic is in clear.",
    });
    const acl = asString(read(props, "aclName"));
    if (acl === UNKNOWN) {
        // Computed from an aws.memorydb.Acl in the program: a custom ACL, which can never be the built-in open-access one.
        return findings;
    }
    if (acl === INVALID || acl === undefined || acl.trim() === "") {
        findings.push(violation("aclName", "`aclName` is missing or not a string. Set it to an aws.memorydb.Acl whose users authenticate with IAM or passwords."));
    } else if (acl.trim().toLowerCase() === OPEN_ACCESS) {
        findings.push(
            violation(
                "aclName",
                "`aclName` is `open-access`, so any client that reaches the cluster can read and write every key without authenticating. Create an aws.memorydb.Acl with users whose `authenticationMode.type` is `iam` (or `password`) and set `aclName` to it.",
            ),
        );
    }
    return findings;
}

function user(props: PlainObject): Finding[] {
    const type = asString(read(props, "authenticationMode.type"));
    if (type === UNKNOWN) {
        return [unknownFinding("authenticationMode.type", "`authenticationMode.type` must be `iam` or `password`.")];
    }
    if (typeof type === "string" && ["iam", "password"].includes(type.trim().toLowerCase())) {
        return [];
    }
    return [
        violation(
            "authenticationMode.type",
            "`authenticationMode.type` is missing or not `iam`/`password`, so the user could connect without a credential. Use `type: \"iam\"` (preferred: no password in the program or state) or `\"password\"`.",
        ),
    ];
}

export const memorydbTlsAndAcl = resourcePolicy({
    name: "memorydb-tls-and-acl",
    description: "MemoryDB clusters must keep TLS on and use an authenticating ACL (never open-access), and MemoryDB users must authenticate.",
    controls: [51],
    category: "authentication-mfa",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        pciDss: ["4.2.1"],
        nist: ["SC-8", "IA-2"],
        checkov: ["CKV_AWS_202"],
    },
    resourceTypes: [CLUSTER, USER],
    remediationSteps: [
        "1. Create aws.memorydb.User resources with `authenticationMode: { type: \"iam\" }` (or `\"password\"`) and an aws.memorydb.Acl listing them in `userNames`.",
        "2. Set `aclName` on the aws.memorydb.Cluster to that ACL's name, never `open-access`.",
        "3. Remove `tlsEnabled: false` (TLS is on by default); turning TLS off forces the open-access ACL. Changing TLS replaces the cluster: migrate through a snapshot.",
    ].join("\n"),
    check: ({ props, type }) => (type === USER ? user(props) : cluster(props)),
});
