// A security reviewer's judgment of each realistic program under test/fixtures/programs, written from the
// programs' design (the comment at the top of each index.ts), not from the pack's output:
// - `exposures`: the distinct causes that expose key material or a data store, each with the policies allowed to
//   report it. Every one must be blocked (recall), by exactly one mandatory finding (one cause, one blocking
//   finding), and every mandatory finding must be one of them (precision).
// - `mustNotBlock`: resources that look dangerous to a naive check and are not; no mandatory finding on them.
// - `expected`: the pack's exact findings (mandatory and advisory), as for the bundled stacks, so any change in
//   what the pack says about a realistic program is a reviewed change; `modes` as in
//   test/e2e/exposed-wallet-db.expected.ts; an advisory the reviewer judges wrong or useless is marked "noise"
//   (counted against the overall precision that test/programs/precision.ts measures).

import type { Level } from "../harness/report";
import type { Modes } from "../e2e/exposed-wallet-db.expected";

export interface Exposure {
    resource: string;
    /** What is exposed and how, in the reviewer's words. */
    cause: string;
    /** The policies whose mandatory finding on `resource` reports this cause. */
    policies: readonly string[];
    /**
     * The program computes the whole property during a preview (a policy document built in `apply`, a map holding
     * an output), so no policy can see it: the preview must say so (an undecided advisory of one of `policies`)
     * and block at `pulumi up`.
     */
    previewUndecided?: true;
}

export interface ProgramJudgment {
    program: string;
    exposures: readonly Exposure[];
    mustNotBlock: readonly { resource: string; why: string }[];
    expected: readonly [policy: string, resource: string, level: Level, modes: Modes, verdict?: "noise"][];
}

export const JUDGMENTS: readonly ProgramJudgment[] = [
    {
        program: "webapp-rds",
        exposures: [
            {
                resource: "shop-db",
                cause: "PostgreSQL 14 on the engine's default parameter group, which does not force TLS: connections may be plaintext",
                policies: ["rds-default-parameter-group-tls"],
            },
        ],
        mustNotBlock: [
            { resource: "shop-alb-sg", why: "a load balancer open on 80/443 is its job" },
            { resource: "shop-web-sg", why: "SSH from one office range to web servers; no data store behind it" },
            { resource: "shop-web-0", why: "web server: no instance profile, no data, no database server in its user data" },
            { resource: "shop-web-1", why: "web server: no instance profile, no data, no database server in its user data" },
            { resource: "shop-alb-logs", why: "access logs of the load balancer (SSE-S3, public access blocked), not a data store" },
            { resource: "shop-alb-logs-policy", why: "grants the ELB log delivery service, not the public" },
            { resource: "shop-exports-reserved", why: "an empty bucket reserving a name" },
            { resource: "shop-alb", why: "a public load balancer" },
            { resource: "shop-db-sg", why: "admits the web servers' group only" },
        ],
        expected: [
            ["backup-plan-covers-key-stores", "shop-db", "advisory", "both"],
            ["ec2-db-host-encrypted-volumes", "shop-web-0", "advisory", "both"],
            ["ec2-db-host-encrypted-volumes", "shop-web-1", "advisory", "both"],
            ["ec2-db-host-imdsv2", "shop-web-0", "advisory", "both"],
            ["ec2-db-host-imdsv2", "shop-web-1", "advisory", "both"],
            ["kms-key-policy-least-privilege-linked", "shop-db-key", "advisory", "both"],
            ["rds-default-parameter-group-tls", "shop-db", "mandatory", "both"],
            ["s3-block-public-access-linked", "shop-exports-reserved", "advisory", "both"],
            ["s3-policy-no-public-principal", "shop-alb-logs-policy", "advisory", "preview"],
            ["s3-sse-kms-cmk-linked", "shop-exports-reserved", "advisory", "both"],
            ["s3-tls-only-policy", "shop-alb-logs", "advisory", "both"],
            ["s3-tls-only-policy", "shop-exports-reserved", "advisory", "both"],
        ],
    },
    {
        program: "etl-redshift",
        exposures: [
            {
                resource: "etl-warehouse",
                cause: "the warehouse is publicly accessible (a public endpoint)",
                policies: ["redshift-not-public"],
            },
            {
                resource: "etl-warehouse-subnets",
                cause: "the warehouse's subnets route to the internet gateway",
                policies: ["db-subnets-private"],
            },
            {
                resource: "etl-warehouse-jdbc",
                cause: "the Glue connection stores the warehouse password in clear (state and GetConnection)",
                policies: ["workload-env-no-plaintext-credentials"],
                previewUndecided: true,
            },
        ],
        mustNotBlock: [
            { resource: "etl-starter", why: "its environment names a job and a database, no credential" },
            { resource: "etl-glue-role", why: "trusted by the Glue service only" },
            { resource: "etl-glue-service", why: "the AWS-managed Glue service-role policy" },
            { resource: "etl-landing", why: "SSE-KMS with a CMK, public access blocked, TLS-only policy" },
            { resource: "etl-landing-policy", why: "grants one role and denies plaintext" },
            { resource: "etl-warehouse-sg", why: "admits the VPC's range only" },
        ],
        expected: [
            ["backup-plan-covers-key-stores", "etl-warehouse", "advisory", "both"],
            ["db-subnets-private", "etl-warehouse-subnets", "mandatory", "both"],
            ["iam-no-admin-policy", "etl-starter-glue", "advisory", "preview"],
            ["iam-no-wildcard-resource-key-actions", "etl-starter-glue", "advisory", "preview"],
            ["kms-key-policy-least-privilege-linked", "etl-key", "advisory", "both"],
            ["redshift-audit-logging-linked", "etl-warehouse", "advisory", "both"],
            ["redshift-managed-admin-password", "etl-warehouse", "advisory", "both"],
            ["redshift-not-public", "etl-warehouse", "mandatory", "both"],
            ["s3-policy-no-public-principal", "etl-landing-policy", "advisory", "preview"],
            ["s3-tls-only-policy", "etl-landing", "advisory", "preview"],
            ["workload-env-no-plaintext-credentials", "etl-warehouse-jdbc", "advisory", "preview"],
            ["workload-env-no-plaintext-credentials", "etl-warehouse-jdbc", "mandatory", "update"],
        ],
    },
    {
        program: "cache-service",
        exposures: [
            {
                resource: "sessions-task",
                cause: "the container environment holds a database URL with its password (task definition and state)",
                policies: ["workload-env-no-plaintext-credentials"],
                previewUndecided: true,
            },
            {
                resource: "sessions-signing-key",
                cause: "the signing key (key material) shares its KMS key with the session cache, so a grant for the cache's data decrypts it",
                policies: ["key-material-store-isolated"],
            },
        ],
        mustNotBlock: [
            { resource: "sessions-default-user", why: "the mandatory `default` user, switched off (access string `off`): it cannot log in" },
            { resource: "sessions-app-user", why: "IAM authentication" },
            { resource: "sessions-service-sg", why: "egress only" },
            { resource: "sessions-cache", why: "encrypted with a CMK, TLS, RBAC, private" },
            { resource: "sessions-events", why: "a work queue of events, SQS-managed encryption" },
            { resource: "sessions-execution-secret", why: "reads one secret; decrypts only through Secrets Manager" },
        ],
        expected: [
            ["elasticache-auth-required", "sessions-default-user", "advisory", "both"],
            ["iam-no-admin-policy", "sessions-execution-secret", "advisory", "preview"],
            ["iam-no-wildcard-resource-key-actions", "sessions-execution-secret", "advisory", "preview"],
            ["key-material-store-isolated", "sessions-signing-key", "mandatory", "both"],
            ["kms-key-policy-least-privilege-linked", "sessions-key", "advisory", "both"],
            ["storage-type-unchecked", "sessions-events", "advisory", "both"],
            ["workload-env-no-plaintext-credentials", "sessions-task", "advisory", "preview"],
            ["workload-env-no-plaintext-credentials", "sessions-task", "mandatory", "update"],
        ],
    },
    {
        program: "iam-account",
        exposures: [
            {
                resource: "legacy-ci-key",
                cause: "an access key created without a PGP key: its secret is in the state in clear",
                policies: ["iam-no-long-lived-access-keys"],
            },
            {
                resource: "wallet-support-read",
                cause: "anyone in the account can assume the support role without MFA and read the signing key",
                policies: ["iam-sensitive-actions-require-mfa"],
                previewUndecided: true,
            },
            {
                resource: "platform-admin-iam",
                cause: "iam:* on every resource: administrator by another spelling (can grant itself anything)",
                policies: ["iam-no-admin-policy"],
            },
            {
                resource: "wallet-signing-kms",
                cause: "the wallet key's policy lets every IAM policy of the account decrypt through Secrets Manager, not named roles",
                policies: ["kms-key-policy-least-privilege"],
            },
            {
                resource: "wallet-signing-key",
                cause: "the signing key shares its KMS key with the deploy token, so the deploy role's decrypt grant covers it",
                policies: ["key-material-store-isolated"],
            },
        ],
        mustNotBlock: [
            { resource: "github-deploy", why: "a web-identity role pinned to one repository and the STS audience" },
            { resource: "github-deploy-secret", why: "a machine role: MFA cannot be presented by a web identity" },
            { resource: "wallet-operators", why: "assumable only with MFA" },
            { resource: "wallet-operators-read", why: "the role requires MFA to be assumed" },
            { resource: "auditors-security-audit", why: "SecurityAudit reads configuration, not data" },
            { resource: "people-require-mfa", why: "the deny-without-MFA policy itself" },
            { resource: "alice-console", why: "in the group that denies everything without MFA" },
            { resource: "bob-console", why: "in the group that denies everything without MFA" },
            { resource: "deploy-registry-token", why: "a deploy token under a customer-managed key" },
        ],
        expected: [
            ["iam-no-admin-policy", "github-deploy-secret", "advisory", "preview"],
            ["iam-no-admin-policy", "platform-admin-iam", "mandatory", "both"],
            ["iam-no-admin-policy", "wallet-operators-read", "advisory", "preview"],
            ["iam-no-admin-policy", "wallet-support-read", "advisory", "preview"],
            ["iam-no-long-lived-access-keys", "legacy-ci-key", "mandatory", "both"],
            ["iam-no-public-principal", "github-deploy", "advisory", "preview"],
            ["iam-no-user-attached-policies", "legacy-ci-ecr", "advisory", "both"],
            ["iam-no-wildcard-resource-key-actions", "github-deploy-secret", "advisory", "preview"],
            ["iam-no-wildcard-resource-key-actions", "wallet-operators-read", "advisory", "preview"],
            ["iam-no-wildcard-resource-key-actions", "wallet-support-read", "advisory", "preview"],
            ["iam-sensitive-actions-require-mfa", "github-deploy-secret", "advisory", "preview"],
            ["iam-sensitive-actions-require-mfa", "wallet-support-read", "advisory", "preview"],
            ["iam-sensitive-actions-require-mfa", "wallet-support-read", "mandatory", "update"],
            ["key-material-store-isolated", "wallet-signing-key", "mandatory", "both"],
            ["kms-key-policy-least-privilege", "wallet-signing-kms", "mandatory", "both"],
        ],
    },
];
