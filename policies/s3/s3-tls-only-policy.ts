import { undecided, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { coversAction, hasWildcardPrincipal, parsePolicyDocument, globMatch, type Statement } from "../lib/aws/iam";
import { stackPolicy, type Finding, type StackResource } from "../lib/core/policy";
import {
    attached,
    BUCKET_POLICY,
    BUCKET_TYPES,
    bucketInScope,
    bucketName,
    bucketScopeConfig,
    hasUntraceableAttachment,
    inlinePolicy,
    scoped,
    type BucketScopeConfig,
} from "./lib/s3";
import { and, isAbsent, UNKNOWN, type Plain, type Tri } from "../lib/readers/values";

/** Does a Resource pattern cover every object of the bucket? */
function coversObjects(pattern: string, name: string | undefined): boolean {
    const p = pattern.trim();
    if (p === "*") {
        return true;
    }
    if (name !== undefined) {
        return ["aws", "aws-cn", "aws-us-gov"].some((partition) => globMatch(p, `arn:${partition}:s3:::${name}/any/object-key`));
    }
    // An attached bucket policy can only name its own bucket, so any "<bucket>/*" (or s3:::*) pattern covers it.
    return /^arn:[^:]*:s3:::([^/]*\/\*|\*)$/i.test(p);
}

function resourcesCoverObjects(statement: Statement, name: string | undefined): Tri {
    if (statement.resources === UNKNOWN) {
        return UNKNOWN;
    }
    if (statement.notResource) {
        return false;
    }
    let unknown = false;
    for (const resource of statement.resources) {
        if (resource === UNKNOWN) {
            unknown = true;
        } else if (coversObjects(resource, name)) {
            return true;
        }
    }
    return unknown ? UNKNOWN : false;
}

/**
 * Does every condition hold for a plaintext (HTTP) request, so the Deny applies to it? `Bool`/`BoolIfExists`
 * `aws:SecureTransport` "false" does; `NumericLessThanIfExists s3:TlsVersion` does (the key is absent over HTTP);
 * a plain `NumericLessThan s3:TlsVersion` does NOT (absent key -> no match), and any other key narrows the Deny.
 */
function conditionsMatchPlaintext(statement: Statement): Tri {
    if (statement.conditions === UNKNOWN) {
        return UNKNOWN;
    }
    if (statement.conditions.length === 0) {
        return false;
    }
    const results: Tri[] = statement.conditions.map((condition) => {
        const operator = condition.operator.toLowerCase();
        if (condition.values.length === 0) {
            return false;
        }
        if (condition.values.some((v) => v === UNKNOWN)) {
            return UNKNOWN;
        }
        const values = condition.values as string[];
        if (condition.key === "aws:securetransport" && (operator === "bool" || operator === "boolifexists")) {
            return values.every((v) => v.trim().toLowerCase() === "false");
        }
        if (condition.key === "s3:tlsversion" && (operator === "numericlessthanifexists" || operator === "numericlessthanequalsifexists")) {
            return values.every((v) => Number.isFinite(Number(v)) && Number(v) > 0);
        }
        return false;
    });
    return and(...results);
}

function deniesPlaintext(statement: Statement, name: string | undefined): Tri {
    if (statement.effect === UNKNOWN) {
        return UNKNOWN;
    }
    if (statement.effect !== "Deny" || statement.notPrincipal) {
        return false;
    }
    return and(hasWildcardPrincipal(statement), coversAction(statement, "s3:GetObject"), resourcesCoverObjects(statement, name), conditionsMatchPlaintext(statement));
}

type Verdict = "enforced" | "unknown" | "missing";

function documentVerdict(document: Plain, name: string | undefined): Verdict | "malformed" {
    const parsed = parsePolicyDocument(document);
    if (parsed.kind === "unknown") {
        return "unknown";
    }
    if (parsed.kind === "malformed") {
        return "malformed";
    }
    if (parsed.kind === "absent") {
        return "missing";
    }
    let unknown = false;
    for (const statement of parsed.statements) {
        const denies = deniesPlaintext(statement, name);
        if (denies === true) {
            return "enforced";
        }
        unknown ||= denies === UNKNOWN;
    }
    return unknown ? "unknown" : "missing";
}

function bucketVerdict(graph: StackGraph, bucket: StackResource): { verdict: Verdict; malformed: boolean; hasPolicy: boolean } {
    const documents: Plain[] = attached(graph, bucket, [BUCKET_POLICY]).map((p) => p.props["policy"]);
    const inline = inlinePolicy(bucket);
    if (!isAbsent(inline) && !(typeof inline === "string" && inline.trim() === "")) {
        documents.push(inline);
    }
    const name = bucketName(bucket);
    let unknown = false;
    let malformed = false;
    for (const document of documents) {
        const verdict = documentVerdict(document, name);
        if (verdict === "enforced") {
            return { verdict, malformed: false, hasPolicy: true };
        }
        unknown ||= verdict === "unknown";
        malformed ||= verdict === "malformed";
    }
    return { verdict: unknown ? "unknown" : "missing", malformed, hasPolicy: documents.length > 0 };
}

export const s3TlsOnlyPolicy = stackPolicy<BucketScopeConfig>({
    name: "s3-tls-only-policy",
    description: "Every S3 bucket must have a bucket policy that denies requests made without TLS (aws:SecureTransport false).",
    controls: [84],
    category: "encryption-in-transit",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["S3.5"],
        cis: ["2.1.1"],
        pciDss: ["4.2.1"],
        nist: ["SC-8"],
        checkov: ["CKV_AWS_379"],
        cdkNag: ["AwsSolutions-S10", "S3BucketSSLRequestsOnly"],
    },
    resourceTypes: [...BUCKET_TYPES, BUCKET_POLICY],
    remediationSteps: [
        "1. Attach an aws.s3.BucketPolicy with a statement:",
        '   `{ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket.arn, `${bucket.arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }`.',
        "2. Keep the Deny unconditional otherwise: extra condition keys (account, VPC, IP) narrow it so plaintext requests from elsewhere are allowed.",
        '3. To require TLS 1.2+, add a second Deny with `NumericLessThan: { "s3:TlsVersion": "1.2" }`; on its own that form does not block plain HTTP (the key is absent there), unless written as `NumericLessThanIfExists`.',
    ].join("\n"),
    config: bucketScopeConfig("all-buckets"),
    check: ({ resources, config }) => {
        const graph = StackGraph.of(resources);
        const untraceable = hasUntraceableAttachment(graph, [BUCKET_POLICY]);
        const findings: Finding[] = [];
        for (const bucket of graph.ofType(...BUCKET_TYPES)) {
            const { verdict, malformed, hasPolicy } = bucketVerdict(graph, bucket);
            if (verdict === "enforced") {
                continue;
            }
            const inScope = bucketInScope(bucket, config, graph);
            if (verdict === "unknown" || untraceable) {
                findings.push(...scoped(undecided("policy", "Whether this bucket's policy denies non-TLS requests depends on values computed at update time; the policy re-checks then.", bucket.urn), inScope));
                continue;
            }
            const why = !hasPolicy
                ? "No bucket policy is attached to this bucket"
                : malformed
                  ? "This bucket's policy cannot be parsed and no parsable statement"
                  : "No statement of this bucket's policy";
            const tail = hasPolicy && !malformed ? " denies s3:GetObject on its objects to every principal when `aws:SecureTransport` is false" : hasPolicy ? " denies non-TLS requests" : "";
            findings.push(
                ...scoped(
                    violation(
                        "policy",
                        `${why}${tail}, so its objects can be read over plain HTTP. Add a Deny for \`s3:*\` on the bucket and \`bucket/*\` with \`Bool: { "aws:SecureTransport": "false" }\`.`,
                        bucket.urn,
                    ),
                    inScope,
                ),
            );
        }
        return findings;
    },
});
