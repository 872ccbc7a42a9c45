import { unknownFinding, violation } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { ACL_TYPES, BUCKET_TYPES, isPublicGroupUri, objects, PUBLIC_CANNED_ACLS } from "./lib/s3";
import { asList, asString, INVALID, isObject, UNKNOWN, type Plain } from "../lib/readers/values";
import { S3_BUCKET_OBJECT, S3_BUCKET_OBJECT_V2, S3_OBJECT_COPY } from "../lib/aws/types";

const OBJECT_TYPES = [S3_BUCKET_OBJECT, S3_BUCKET_OBJECT_V2, S3_OBJECT_COPY];
const FIX = 'Use a private ACL (or none) and an aws.s3.BucketOwnershipControls with `objectOwnership: "BucketOwnerEnforced"`, which disables ACLs; grant access through IAM and the bucket policy instead.';

function cannedAcl(value: Plain, property: string): Finding[] {
    const acl = asString(value);
    if (acl === UNKNOWN) {
        return [unknownFinding(property, FIX)];
    }
    if (acl === INVALID) {
        return [violation(property, `\`${property}\` is not a canned ACL name. ${FIX}`)];
    }
    if (acl !== undefined && PUBLIC_CANNED_ACLS.includes(acl.trim().toLowerCase())) {
        return [violation(property, `\`${property}\` is a public canned ACL (public-read, public-read-write or authenticated-read), which lets anyone (or any AWS account) read or list the data. ${FIX}`)];
    }
    return [];
}

/** Grant entries with a grantee group URI: `grants[].uri` (Bucket) or `grants[].grantee.uri` (BucketAcl). */
function grantFindings(grants: Plain, path: string, nested: boolean): Finding[] {
    const list = asList(grants);
    if (list === UNKNOWN) {
        return [unknownFinding(path, FIX)];
    }
    const findings: Finding[] = [];
    list.forEach((grant, i) => {
        const grantPath = `${path}.${i}`;
        if (grant === UNKNOWN) {
            findings.push(unknownFinding(grantPath, FIX));
            return;
        }
        if (!isObject(grant)) {
            findings.push(violation(grantPath, `\`${grantPath}\` is not a grant object. ${FIX}`));
            return;
        }
        const grantee = nested ? grant["grantee"] : grant;
        if (grantee === UNKNOWN) {
            findings.push(unknownFinding(`${grantPath}.grantee`, FIX));
            return;
        }
        if (!isObject(grantee)) {
            return;
        }
        const uri = grantee["uri"];
        const uriPath = nested ? `${grantPath}.grantee.uri` : `${grantPath}.uri`;
        if (uri === UNKNOWN) {
            findings.push(unknownFinding(uriPath, FIX));
        } else if (typeof uri === "string" && isPublicGroupUri(uri)) {
            findings.push(violation(uriPath, `\`${uriPath}\` grants access to the AllUsers or AuthenticatedUsers group, i.e. to anyone on the Internet or any AWS account. ${FIX}`));
        }
    });
    return findings;
}

export const s3NoPublicAcl = resourcePolicy({
    name: "s3-no-public-acl",
    description: "S3 bucket and object ACLs must not grant access to AllUsers or AuthenticatedUsers, by canned ACL or by grant.",
    controls: [86],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["S3.2", "S3.3", "S3.12"],
        pciDss: ["1.4.4"],
        nist: ["AC-3"],
        checkov: ["CKV_AWS_20", "CKV_AWS_57", "CKV2_AWS_65"],
        trivy: ["AVD-AWS-0092"],
    },
    resourceTypes: [...ACL_TYPES, ...BUCKET_TYPES, ...OBJECT_TYPES],
    remediationSteps: [
        '1. Remove `acl: "public-read"`, `"public-read-write"` and `"authenticated-read"` and every grant to the AllUsers / AuthenticatedUsers groups (aws.s3.BucketAcl, the deprecated inline Bucket `acl`/`grants`, and object `acl`).',
        '2. Add an aws.s3.BucketOwnershipControls with `rule: { objectOwnership: "BucketOwnerEnforced" }` so ACLs are disabled and cannot be turned public again.',
        "3. Keep an aws.s3.BucketPublicAccessBlock with `blockPublicAcls` and `ignorePublicAcls` true.",
    ].join("\n"),
    check: ({ props, type }) => {
        const findings: Finding[] = [...cannedAcl(props["acl"], "acl")];
        if (ACL_TYPES.includes(type)) {
            for (const policy of objects(props["accessControlPolicy"])) {
                if (policy === UNKNOWN) {
                    findings.push(unknownFinding("accessControlPolicy", FIX));
                } else {
                    findings.push(...grantFindings(policy["grants"], "accessControlPolicy.grants", true));
                }
            }
        } else {
            // Bucket / BucketV2 inline grants and ObjectCopy grants name the grantee directly.
            findings.push(...grantFindings(props["grants"], "grants", false));
        }
        return findings;
    },
});
