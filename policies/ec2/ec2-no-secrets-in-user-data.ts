import { unknownFinding, violation } from "../lib/readers/checks";
import { INSTANCE, LAUNCH_CONFIGURATION, LAUNCH_TEMPLATE, SPOT_INSTANCE_REQUEST } from "./lib/ec2";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { containsUnknown, UNKNOWN } from "../lib/readers/values";
import { userDataLayers } from "../lib/aws/user-data";

const FIX =
    "Keep secrets out of user data: store them in Secrets Manager or SSM Parameter Store (SecureString, CMK) and have the instance fetch them at boot with its role (e.g. `aws secretsmanager get-secret-value`), then rotate the exposed secret.";

/** Words of English prose that are not in the BIP-39 English word list: a run containing one is not a mnemonic. */
const STOPWORDS = new Set(["the", "and", "for", "with", "this", "that", "from", "are", "was", "were", "has", "have", "will", "not", "but", "its", "our", "your", "been", "into", "than", "should", "would", "could", "which", "when", "what", "where", "then", "there", "these", "those"]);

const IGNORED_NAME_SUFFIX = /(_|-)?(arn|id|name|file|path|dir|region|url|uri|ttl|type|length|enabled|version|prefix|seconds|header|location|ref|key_id|keyid|name_prefix)$/i;
const PLACEHOLDER = /^(true|false|yes|no|none|null|nil|required|optional|enabled|disabled|\*+|x+|\.\.\.|<[^>]*>)$/i;

/** A literal value, as opposed to a shell/template reference or a pointer to a secret store. */
function isLiteralSecret(raw: string): boolean {
    const value = raw.trim().replace(/^["'`]|["'`;,]$/g, "").replace(/["'`]$/g, "");
    if (value.length < 4 || PLACEHOLDER.test(value)) {
        return false;
    }
    if (/^[$%`]|\$\(|\$\{|\{\{|<%|^!|^\(|^\[/.test(value)) {
        return false;
    }
    if (/^(arn:|\/|ssm:|resolve:|secretsmanager:|file:|s3:\/\/)/i.test(value)) {
        return false;
    }
    if (/^\d{1,5}$/.test(value)) {
        return false;
    }
    return true;
}

const ASSIGNMENT =
    /(?:^|[^A-Za-z0-9])([A-Za-z0-9_.-]*(?:password|passwd|passphrase|secret|token|api[_-]?key|private[_-]?key|mnemonic|seed[_-]?phrase|auth[_-]?key|access[_-]?key)[A-Za-z0-9_]*)["']?[ \t]*[:=][ \t]*("[^"\n]*"|'[^'\n]*'|[^\s;&|]+)/gim;
const FLAG = /(?:^|\s)--?[A-Za-z-]*(?:password|passwd|secret|token)[ \t]+("[^"\n]*"|'[^'\n]*'|[^\s;&|-][^\s;&|]*)/gim;

type Kind = string;

function mnemonicIn(text: string): boolean {
    const candidates: string[] = [];
    for (const line of text.split(/\r?\n/)) {
        candidates.push(line.trim());
        for (const match of line.matchAll(/["'=:]\s*([a-z ]{30,})["']?/g)) {
            candidates.push((match[1] ?? "").trim());
        }
    }
    for (const candidate of candidates) {
        if (!/^[a-z]{3,8}( [a-z]{3,8})+$/.test(candidate)) {
            continue;
        }
        const words = candidate.split(" ");
        if ([12, 15, 18, 21, 24].includes(words.length) && !words.some((w) => STOPWORDS.has(w))) {
            return true;
        }
    }
    return false;
}

/** The kinds of secret found in one text (never the secret itself). */
function secretKinds(text: string): Set<Kind> {
    const kinds = new Set<Kind>();
    for (const match of text.matchAll(/(?<![A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g)) {
        if (!match[0].endsWith("EXAMPLE")) {
            kinds.add("an AWS access key id");
        }
    }
    if (/aws_?secret_?access_?key["']?\s*[:=]\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/i.test(text)) {
        kinds.add("an AWS secret access key");
    }
    if (/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/.test(text)) {
        kinds.add("a PEM/PGP private key");
    }
    if (mnemonicIn(text)) {
        kinds.add("a BIP-39-style mnemonic (seed phrase)");
    }
    for (const match of text.matchAll(ASSIGNMENT)) {
        const name = match[1] ?? "";
        if (!IGNORED_NAME_SUFFIX.test(name) && isLiteralSecret(match[2] ?? "")) {
            kinds.add("a password/secret/token assigned a literal value");
        }
    }
    for (const match of text.matchAll(FLAG)) {
        if (isLiteralSecret(match[1] ?? "")) {
            kinds.add("a password/secret passed as a literal command-line argument");
        }
    }
    for (const match of text.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^\s:/@"']+:([^\s@/"']+)@/gi)) {
        if (isLiteralSecret(match[1] ?? "")) {
            kinds.add("credentials embedded in a connection URL");
        }
    }
    return kinds;
}

function scan(value: unknown, property: string): Finding[] {
    if (value === undefined || value === null) {
        return [];
    }
    if (value === UNKNOWN || containsUnknown(value)) {
        return [unknownFinding(property, FIX)];
    }
    if (typeof value !== "string") {
        return [];
    }
    const kinds = new Set<Kind>();
    for (const layer of userDataLayers(value)) {
        secretKinds(layer).forEach((k) => kinds.add(k));
    }
    if (kinds.size === 0) {
        return [];
    }
    return [
        violation(
            property,
            `\`${property}\` contains what looks like ${[...kinds].sort().join(", ")}. User data is readable by anyone with ec2:DescribeInstanceAttribute / launch-template read access and from the instance metadata service (SSRF), and it is kept in Pulumi state. ${FIX}`,
        ),
    ];
}

export const ec2NoSecretsInUserData = resourcePolicy({
    name: "ec2-no-secrets-in-user-data",
    description: "EC2 user data must not contain credentials, private keys, seed phrases or literal passwords.",
    controls: [30],
    category: "secrets-handling",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        pciDss: ["8.6.2"],
        nist: ["IA-5(7)"],
        checkov: ["CKV_AWS_46"],
        trivy: ["AVD-AWS-0029", "AVD-AWS-0129"],
    },
    resourceTypes: [INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION],
    remediationSteps: [
        "1. Remove the secret from `userData` / `userDataBase64` (plain, base64 or gzip-compressed, the policy decodes all of them).",
        "2. Store it in AWS Secrets Manager or SSM Parameter Store (SecureString with a customer-managed key) and read it at boot through the instance role, e.g. `DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id ... --query SecretString --output text)`.",
        "3. Treat the exposed value as compromised: rotate the password/key, and for a leaked seed phrase or private key move the funds/identity to new key material.",
        "4. Also purge old launch-template versions that still carry the secret.",
    ].join("\n"),
    check: ({ props }) => [...scan(props["userData"], "userData"), ...scan(props["userDataBase64"], "userDataBase64")],
});
