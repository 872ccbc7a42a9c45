import { undecided, unknownFinding, violation } from "../lib/readers/checks";
import { grantDecryptOperations } from "../lib/aws/kms";
import type { Finding } from "../lib/core/policy";
import { resourcePolicy } from "../lib/core/policy";
import { asList, asString, INVALID, isObject, read, UNKNOWN, type PlainObject } from "../lib/readers/values";
import { KMS_GRANT } from "../lib/aws/types";

const CONSTRAINT_FIX =
    "Add `constraints: [{ encryptionContextEquals: {...} }]` (or `encryptionContextSubset`) so the grant only works for ciphertexts of the intended resource.";

function nonEmptyMap(value: unknown): boolean | typeof UNKNOWN {
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    return isObject(value) && Object.keys(value).length > 0;
}

function checkConstraints(props: PlainObject): Finding[] | typeof UNKNOWN {
    const list = asList(read(props, "constraints"));
    if (list === UNKNOWN) {
        return UNKNOWN;
    }
    if (list.length === 0) {
        return [violation("constraints", `\`constraints\` is not set, so the grantee can decrypt every ciphertext of the key without further review. ${CONSTRAINT_FIX}`)];
    }
    let unknown = false;
    const findings: Finding[] = [];
    list.forEach((item, i) => {
        if (item === UNKNOWN) {
            unknown = true;
            return;
        }
        if (!isObject(item)) {
            findings.push(violation(`constraints.${i}`, `\`constraints[${i}]\` is not a constraint object. ${CONSTRAINT_FIX}`));
            return;
        }
        const equals = nonEmptyMap(item.encryptionContextEquals);
        const subset = nonEmptyMap(item.encryptionContextSubset);
        if (equals === true || subset === true) {
            return;
        }
        if (equals === UNKNOWN || subset === UNKNOWN) {
            unknown = true;
            return;
        }
        findings.push(violation(`constraints.${i}`, `\`constraints[${i}]\` names no encryption context, so it constrains nothing. ${CONSTRAINT_FIX}`));
    });
    return findings.length === 0 && unknown ? UNKNOWN : findings;
}

function checkGrantee(props: PlainObject): Finding[] {
    const fix = "Set `granteePrincipal` to the ARN of the one role that needs the grant.";
    const value = asString(read(props, "granteePrincipal"));
    if (value === UNKNOWN) {
        // A computed principal is a role or user ARN from the program: specific.
        return [];
    }
    if (value === undefined || value === INVALID || value.trim() === "") {
        return [violation("granteePrincipal", `\`granteePrincipal\` is not a principal ARN. ${fix}`)];
    }
    const principal = value.trim();
    if (principal.includes("*")) {
        return [violation("granteePrincipal", `\`granteePrincipal\` contains a wildcard. ${fix}`)];
    }
    if (/^\d{12}$/.test(principal) || /^arn:aws[a-z-]*:iam::\d{12}:root$/i.test(principal)) {
        return [violation("granteePrincipal", `\`granteePrincipal\` is an account root, so the grant extends to every principal that account's IAM policies allow. ${fix}`)];
    }
    return [];
}

export const kmsGrantConstrained = resourcePolicy({
    name: "kms-grant-constrained",
    description: "KMS grants that allow decryption or further grants must name one specific grantee and carry an encryption-context constraint.",
    controls: [74],
    category: "key-management",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        pciDss: ["3.6.1"],
        nist: ["AC-6"],
    },
    resourceTypes: [KMS_GRANT],
    remediationSteps: [
        "1. Limit `operations` on the aws.kms.Grant to what the grantee needs; avoid CreateGrant unless it must delegate.",
        "2. Set `granteePrincipal` to one role ARN (not an account root or wildcard).",
        "3. Add `constraints: [{ encryptionContextEquals: { ... } }]` (or `encryptionContextSubset`) matching the encryption context the application uses.",
        "4. Set `retiringPrincipal` so the grant can be retired when the workload goes away.",
    ].join("\n"),
    check: ({ props }) => {
        const { operations, unknown } = grantDecryptOperations(props);
        if (operations.length === 0) {
            return unknown ? [unknownFinding("operations", "grants with Decrypt, ReEncryptFrom, CreateGrant or GenerateDataKey* need `constraints` and a specific `granteePrincipal`.")] : [];
        }
        const findings = checkGrantee(props);
        const constraints = checkConstraints(props);
        if (constraints === UNKNOWN) {
            findings.push(undecided("constraints", `\`constraints\` is computed, so it is only known at update time; the policy re-checks it then. ${CONSTRAINT_FIX}`));
        } else {
            findings.push(...constraints);
        }
        return findings;
    },
});
