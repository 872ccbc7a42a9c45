import { undecided, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { stackPolicy, type Finding, type StackResource } from "../lib/core/policy";
import {
    attached,
    BUCKET_TYPES,
    bucketInScope,
    notReported,
    bucketScopeConfig,
    hasUntraceableAttachment,
    OBJECT_LOCK_TYPES,
    objectLockOnBucket,
    objects,
    scoped,
    type BucketScope,
    type BucketScopeConfig,
} from "./lib/s3";
import { asNumber, asString, UNKNOWN, type PlainObject } from "../lib/readers/values";

const FIX =
    'Create the bucket with `objectLockEnabled: true` and attach an aws.s3.BucketObjectLockConfiguration with `rule: { defaultRetention: { mode: "COMPLIANCE", days: <recovery window> } }`.';

interface Retention {
    owner: StackResource;
    path: string;
    block: PlainObject | typeof UNKNOWN;
}

/** Default-retention blocks: `rule.defaultRetention` (current) or `rules[].defaultRetentions[]` (BucketV2 inline). */
function retentions(owner: StackResource, container: PlainObject | typeof UNKNOWN, base: string): Retention[] {
    if (container === UNKNOWN) {
        return [{ owner, path: base, block: UNKNOWN }];
    }
    const out: Retention[] = [];
    for (const rule of objects(container["rule"])) {
        if (rule === UNKNOWN) {
            out.push({ owner, path: `${base}rule`, block: UNKNOWN });
            continue;
        }
        objects(rule["defaultRetention"]).forEach((block) => out.push({ owner, path: `${base}rule.defaultRetention`, block }));
    }
    objects(container["rules"]).forEach((rule, i) => {
        if (rule === UNKNOWN) {
            out.push({ owner, path: `${base}rules.${i}`, block: UNKNOWN });
            return;
        }
        objects(rule["defaultRetentions"]).forEach((block, j) => out.push({ owner, path: `${base}rules.${i}.defaultRetentions.${j}`, block }));
    });
    return out;
}

/** Findings for one retention block; an empty list means COMPLIANCE with a positive period. */
function judge(retention: Retention, inScope: BucketScope): Finding[] {
    const { owner, path, block } = retention;
    if (block === UNKNOWN) {
        return scoped(undecided(path, `\`${path}\` is computed at update time. ${FIX}`, owner.urn), inScope);
    }
    const mode = asString(block["mode"]);
    if (mode === UNKNOWN) {
        return scoped(undecided(`${path}.mode`, `\`${path}.mode\` is computed at update time. ${FIX}`, owner.urn), inScope);
    }
    if (mode !== "COMPLIANCE") {
        return scoped(
            violation(`${path}.mode`, `\`${path}.mode\` is not "COMPLIANCE" (GOVERNANCE retention can be lifted by any principal with s3:BypassGovernanceRetention). ${FIX}`, owner.urn),
            inScope,
        );
    }
    const days = asNumber(block["days"]);
    const years = asNumber(block["years"]);
    if (days === UNKNOWN || years === UNKNOWN) {
        return [];
    }
    if (!((typeof days === "number" && days > 0) || (typeof years === "number" && years > 0))) {
        return scoped(violation(`${path}.days`, `\`${path}\` sets no positive \`days\` or \`years\`. ${FIX}`, owner.urn), inScope);
    }
    return [];
}

export const s3ObjectLock = stackPolicy<BucketScopeConfig>({
    name: "s3-object-lock",
    keyMaterialEscalation: false,
    description: "Key-material and backup S3 buckets should use Object Lock with a COMPLIANCE-mode default retention.",
    controls: [89],
    category: "resilience",
    severity: "medium",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    refs: {
        securityHub: ["S3.15"],
        checkov: ["CKV_AWS_143"],
        cdkNag: ["S3BucketDefaultLockEnabled"],
    },
    resourceTypes: [...BUCKET_TYPES, ...OBJECT_LOCK_TYPES],
    remediationSteps: [
        "1. Create the bucket with `objectLockEnabled: true` (existing buckets can enable it through the configuration resource once versioning is on).",
        '2. Attach an aws.s3.BucketObjectLockConfiguration with `rule: { defaultRetention: { mode: "COMPLIANCE", days: 30 } }` (choose the recovery window you need).',
        "3. COMPLIANCE retention cannot be shortened or removed by anyone, including root: test the period on a non-production bucket first.",
        '4. The policy applies only to buckets tagged or named as key material or backups (config `scope`: "key-material").',
    ].join("\n"),
    config: bucketScopeConfig("key-material"),
    check: ({ resources, config }) => {
        const graph = StackGraph.of(resources);
        const untraceable = hasUntraceableAttachment(graph, OBJECT_LOCK_TYPES);
        const findings: Finding[] = [];
        for (const bucket of graph.ofType(...BUCKET_TYPES)) {
            const inScope = bucketInScope(bucket, config, graph);
            if (notReported(inScope)) {
                continue;
            }
            const configurations = attached(graph, bucket, OBJECT_LOCK_TYPES);
            const onBucket = objectLockOnBucket(bucket);
            if (configurations.length === 0 && onBucket !== true) {
                if (onBucket === UNKNOWN || untraceable) {
                    findings.push(...scoped(undecided("objectLockEnabled", `Whether Object Lock is on depends on values computed at update time. ${FIX}`, bucket.urn), inScope));
                } else {
                    findings.push(
                        ...scoped(violation("objectLockEnabled", `Object Lock is not enabled on this bucket, so a compromised administrator or ransomware can delete every backup and key blob. ${FIX}`, bucket.urn), inScope),
                    );
                }
                continue;
            }
            const blocks: Retention[] = [
                ...configurations.flatMap((c) => retentions(c, c.props, "")),
                ...objects(bucket.props["objectLockConfiguration"]).flatMap((c) => retentions(bucket, c, "objectLockConfiguration.")),
            ];
            if (blocks.length === 0) {
                const owner = configurations[0] ?? bucket;
                const path = configurations[0] ? "rule.defaultRetention" : "objectLockConfiguration";
                findings.push(...scoped(violation(path, `Object Lock is on but no default retention is set, so new objects are not locked unless every writer sets a retention. ${FIX}`, owner.urn), inScope));
                continue;
            }
            const judged = blocks.map((b) => judge(b, inScope));
            if (judged.some((f) => f.length === 0)) {
                continue;
            }
            findings.push(...judged.flat());
        }
        return findings;
    },
});
