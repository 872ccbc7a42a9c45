import { describe, expect, it } from "vitest";
import { dataShareNotExternal as policy } from "../../../policies/stack/data-share-not-external";
import { evaluateStack, UNKNOWN, urnOf, violatedProperties, type Evaluation, type StackInputResource } from "../../support/evaluate";

const OWN = "111122223333";
const PARTNER = "444455556666";
const OTHER = "999988887777";
const NAMESPACE = "6c0f6a2e-6d5b-4c1a-9f6e-3b2a1c0d9e8f";
const CLUSTER = "aws:redshift/cluster:Cluster";
const AUTH = "aws:redshift/dataShareAuthorization:DataShareAuthorization";
const PLAN = "aws:backup/plan:Plan";
const VAULT = "aws:backup/vault:Vault";
const SELECTION = "aws:backup/selection:Selection";
const SHARE = "aws:ram/resourceShare:ResourceShare";
const MEMBER = "aws:ram/resourceAssociation:ResourceAssociation";
const PRINCIPAL = "aws:ram/principalAssociation:PrincipalAssociation";
const RDS_CLUSTER = "aws:rds/cluster:Cluster";

const levels = (r: Evaluation) => r.violations.map((d) => [d.property, d.level]);

function datashare(cluster: string, consumerIdentifier: unknown, preview = false): StackInputResource[] {
    const namespaceArn = `arn:aws:redshift:eu-west-1:${OWN}:namespace:${NAMESPACE}`;
    return [
        { type: CLUSTER, name: cluster, props: { clusterIdentifier: cluster, arn: preview ? UNKNOWN : `arn:aws:redshift:eu-west-1:${OWN}:cluster:${cluster}`, clusterNamespaceArn: preview ? UNKNOWN : namespaceArn } },
        { type: AUTH, name: `${cluster}-share`, props: { dataShareArn: `arn:aws:redshift:eu-west-1:${OWN}:datashare:${NAMESPACE}/ledger`, consumerIdentifier } },
    ];
}

function backupPlan(vault: string, destinationVaultArn: unknown, preview = false): StackInputResource[] {
    return [
        { type: VAULT, name: vault, props: { name: vault, arn: preview ? UNKNOWN : `arn:aws:backup:eu-west-1:${OWN}:backup-vault:${vault}` } },
        {
            type: PLAN,
            name: `${vault}-plan`,
            props: { arn: preview ? UNKNOWN : `arn:aws:backup:eu-west-1:${OWN}:backup-plan:p-1`, rules: [{ ruleName: "daily", targetVaultName: vault, copyActions: [{ destinationVaultArn }] }] },
            propertyDependencies: { rules: [vault] },
        },
        { type: SELECTION, name: `${vault}-selection`, props: { planId: preview ? UNKNOWN : "p-1", resources: ["arn:aws:rds:eu-west-1:111122223333:db:orders"] }, propertyDependencies: { planId: [`${vault}-plan`] } },
    ];
}

function ramShare(cluster: string, principal: unknown, preview = false, allowExternalPrincipals = true): StackInputResource[] {
    const shareArn = preview ? UNKNOWN : `arn:aws:ram:eu-west-1:${OWN}:resource-share/8f7e6d5c`;
    return [
        { type: RDS_CLUSTER, name: cluster, props: { clusterIdentifier: cluster, arn: preview ? UNKNOWN : `arn:aws:rds:eu-west-1:${OWN}:cluster:${cluster}` } },
        { type: SHARE, name: "clone-share", props: { name: "clone-share", arn: shareArn, id: shareArn, allowExternalPrincipals } },
        { type: MEMBER, name: "clone-share-cluster", props: { resourceArn: preview ? UNKNOWN : `arn:aws:rds:eu-west-1:${OWN}:cluster:${cluster}`, resourceShareArn: shareArn }, propertyDependencies: { resourceArn: [cluster], resourceShareArn: ["clone-share"] } },
        { type: PRINCIPAL, name: "clone-share-principal", props: { principal, resourceShareArn: shareArn }, propertyDependencies: { resourceShareArn: ["clone-share"] } },
    ];
}

describe("data-share-not-external", () => {
    it.each([false, true])("passes shares and copies that stay in your accounts (preview=%s)", (preview) => {
        const config = { allowedAccountIds: [PARTNER] };
        const stacks = [
            datashare("wallet-warehouse", PARTNER, preview),
            datashare("wallet-warehouse", OWN, preview),
            backupPlan("wallet-vault", `arn:aws:backup:eu-central-1:${PARTNER}:backup-vault:dr`, preview),
            ramShare("wallet-cluster", PARTNER, preview, false),
            ramShare("wallet-cluster", `arn:aws:organizations::${PARTNER}:organization/o-abc123`, preview, false),
        ];
        for (const resources of stacks) {
            const result = evaluateStack(policy, resources, config);
            expect(result.cantRun).toBe(false);
            expect(result.diagnostics).toEqual([]);
        }
    });

    it.each([false, true])("passes a copy action into another vault of the stack (preview=%s)", (preview) => {
        const resources = [
            ...backupPlan("wallet-vault", preview ? UNKNOWN : `arn:aws:backup:eu-central-1:${OWN}:backup-vault:wallet-dr`, preview),
            { type: VAULT, name: "wallet-dr", props: { name: "wallet-dr", arn: preview ? UNKNOWN : `arn:aws:backup:eu-central-1:${OWN}:backup-vault:wallet-dr` } },
        ];
        resources[1]!.propertyDependencies = { rules: ["wallet-vault", "wallet-dr"] };
        expect(evaluateStack(policy, resources).diagnostics).toEqual([]);
    });

    it("blocks a key-material datashare authorized for another account, advises on other data", () => {
        const result = evaluateStack(policy, datashare("wallet-warehouse", OTHER));
        expect(levels(result)).toEqual([["consumerIdentifier", "mandatory"]]);
        expect(result.violations[0]!.urn).toBe(urnOf(AUTH, "wallet-warehouse-share"));
        expect(result.violations[0]!.message).toMatch(/query the shared tables.*key material/);
        expect(levels(evaluateStack(policy, datashare("analytics", OTHER)))).toEqual([["consumerIdentifier", "advisory"]]);
    });

    it("treats AWS Data Exchange (ADX) as outside your accounts", () => {
        const result = evaluateStack(policy, datashare("wallet-warehouse", "ADX"));
        expect(levels(result)).toEqual([["consumerIdentifier", "mandatory"]]);
        expect(result.violations[0]!.message).toContain("AWS Data Exchange");
    });

    it("blocks backup copies of key material to a vault of another account", () => {
        const result = evaluateStack(policy, backupPlan("wallet-vault", `arn:aws:backup:eu-central-1:${OTHER}:backup-vault:dr`));
        expect(violatedProperties(result)).toEqual(["rules.0.copyActions.0.destinationVaultArn"]);
        expect(levels(result)).toEqual([["rules.0.copyActions.0.destinationVaultArn", "mandatory"]]);
        expect(result.violations[0]!.message).toContain("restorable copy");
        // A plan whose vault and selections show no key material: advice.
        expect(levels(evaluateStack(policy, backupPlan("orders-vault", `arn:aws:backup:eu-central-1:${OTHER}:backup-vault:dr`)))).toEqual([
            ["rules.0.copyActions.0.destinationVaultArn", "advisory"],
        ]);
    });

    it("blocks a RAM share of a key-material cluster with another account", () => {
        const result = evaluateStack(policy, ramShare("wallet-cluster", OTHER, false, false));
        expect(levels(result)).toEqual([["principal", "mandatory"]]);
        expect(result.violations[0]!.urn).toBe(urnOf(PRINCIPAL, "clone-share-principal"));
        expect(levels(evaluateStack(policy, ramShare("wallet-cluster", `arn:aws:iam::${OTHER}:role/reader`, false, false)))).toEqual([["principal", "mandatory"]]);
        expect(evaluateStack(policy, ramShare("wallet-cluster", "rds.amazonaws.com", false, false)).diagnostics).toEqual([]);
    });

    it("advises against allowExternalPrincipals on a share that carries key material", () => {
        const result = evaluateStack(policy, ramShare("wallet-cluster", PARTNER), { allowedAccountIds: [PARTNER] });
        expect(result.violations.map((d) => [d.urn, d.property, d.level])).toEqual([[urnOf(SHARE, "clone-share"), "allowExternalPrincipals", "advisory"]]);
        expect(evaluateStack(policy, ramShare("orders", PARTNER), { allowedAccountIds: [PARTNER] }).diagnostics).toEqual([]);
    });

    it("is undecided while the recipient or the data's account is computed", () => {
        const computedConsumer = evaluateStack(policy, datashare("wallet-warehouse", UNKNOWN));
        expect(computedConsumer.violations).toEqual([]);
        expect(computedConsumer.undecided.map((d) => d.property)).toEqual(["consumerIdentifier"]);
        const computedShare = evaluateStack(policy, ramShare("wallet-cluster", OTHER, true, false));
        expect(computedShare.cantRun).toBe(false);
        expect(computedShare.violations).toEqual([]);
        expect(computedShare.undecided.map((d) => d.property)).toEqual(["principal"]);
        const computedDestination = evaluateStack(policy, backupPlan("wallet-vault", UNKNOWN).map((r) => (r.type === PLAN ? { ...r, propertyDependencies: {} } : r)));
        expect(computedDestination.undecided.map((d) => d.property)).toEqual(["rules.0.copyActions.0.destinationVaultArn"]);
    });

    it("is undecided when the rules or copy actions themselves are computed", () => {
        const plan = (rules: unknown): StackInputResource[] =>
            backupPlan("wallet-vault", "unused").map((r) => (r.type === PLAN ? { ...r, props: { ...r.props, rules } } : r));
        expect(evaluateStack(policy, plan(UNKNOWN)).undecided.map((d) => d.property)).toEqual(["rules"]);
        expect(evaluateStack(policy, plan([{ ruleName: "daily", targetVaultName: "wallet-vault", copyActions: UNKNOWN }])).undecided.map((d) => d.property)).toEqual(["rules.0.copyActions"]);
        expect(evaluateStack(policy, plan([{ ruleName: "daily", targetVaultName: "wallet-vault", copyActions: [UNKNOWN] }])).undecided.map((d) => d.property)).toEqual([
            "rules.0.copyActions.0.destinationVaultArn",
        ]);
        // No copy action at all: nothing leaves the account.
        expect(evaluateStack(policy, plan([{ ruleName: "daily", targetVaultName: "wallet-vault" }])).diagnostics).toEqual([]);
    });

    describe("Redshift Serverless snapshot policies", () => {
        const RS_POLICY = "aws:redshiftserverless/resourcePolicy:ResourcePolicy";
        const policyOn = (namespace: string, statement: Record<string, unknown> | string, preview = false): StackInputResource[] => {
            const snapshotArn = preview ? UNKNOWN : `arn:aws:redshift-serverless:eu-west-1:${OWN}:snapshot/5a1b2c3d`;
            return [
                { type: "aws:redshiftserverless/namespace:Namespace", name: namespace, props: { namespaceName: namespace, arn: preview ? UNKNOWN : `arn:aws:redshift-serverless:eu-west-1:${OWN}:namespace/9f8e` } },
                { type: "aws:redshiftserverless/snapshot:Snapshot", name: `${namespace}-snap`, props: { namespaceName: namespace, snapshotName: "nightly", arn: snapshotArn, id: snapshotArn } },
                {
                    type: RS_POLICY,
                    name: `${namespace}-snap-policy`,
                    props: {
                        resourceArn: snapshotArn,
                        policy: typeof statement === "string" ? statement : JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["redshift-serverless:RestoreFromSnapshot"], ...statement }] }),
                    },
                    propertyDependencies: { resourceArn: [`${namespace}-snap`] },
                },
            ];
        };

        it.each([false, true])("passes restore access for your own or allowed accounts (preview=%s)", (preview) => {
            expect(evaluateStack(policy, policyOn("wallet-ns", { Principal: { AWS: [PARTNER] } }, preview), { allowedAccountIds: [PARTNER] }).diagnostics).toEqual([]);
            expect(evaluateStack(policy, policyOn("wallet-ns", { Principal: { AWS: `arn:aws:iam::${OWN}:root` } })).diagnostics).toEqual([]);
        });

        it("blocks a public snapshot policy whatever the data, and a foreign account for key material", () => {
            const open = evaluateStack(policy, policyOn("analytics-ns", { Principal: "*" }));
            expect(levels(open)).toEqual([["policy", "mandatory"]]);
            expect(open.violations[0]!.message).toContain("anyone can restore the snapshot");
            const pinned = evaluateStack(policy, policyOn("analytics-ns", { Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }));
            expect(pinned.diagnostics).toEqual([]);
            const foreign = evaluateStack(policy, policyOn("wallet-ns", { Principal: { AWS: [`arn:aws:iam::${OTHER}:root`] } }));
            expect(levels(foreign)).toEqual([["policy", "mandatory"]]);
            expect(foreign.violations[0]!.message).toContain("restore the snapshot");
            expect(levels(evaluateStack(policy, policyOn("analytics-ns", { Principal: { AWS: OTHER } })))).toEqual([["policy", "advisory"]]);
        });

        it("is undecided on computed documents and principals, and flags unreadable ones", () => {
            expect(evaluateStack(policy, policyOn("wallet-ns", { Principal: { AWS: OTHER } }, true)).undecided.map((d) => d.property)).toEqual(["policy"]);
            const computed = policyOn("wallet-ns", "{}").map((r) => (r.type === RS_POLICY ? { ...r, props: { ...r.props, policy: UNKNOWN } } : r));
            expect(evaluateStack(policy, computed).undecided.map((d) => d.property)).toEqual(["policy"]);
            expect(violatedProperties(evaluateStack(policy, policyOn("wallet-ns", "{not json")))).toEqual(["policy"]);
            expect(violatedProperties(evaluateStack(policy, policyOn("wallet-ns", { Principal: { AWS: ["12345678901"] } })))).toEqual(["policy"]);
        });
    });

    it("flags recipients that are not accounts", () => {
        expect(violatedProperties(evaluateStack(policy, datashare("analytics", "everyone")))).toEqual(["consumerIdentifier"]);
        const principal = evaluateStack(policy, ramShare("orders", "o-abc123"));
        expect(violatedProperties(principal)).toEqual(["principal"]);
        expect(principal.violations[0]!.message).toContain("not an AWS account id, an IAM ARN or an AWS Organizations ARN");
        expect(violatedProperties(evaluateStack(policy, backupPlan("orders-vault", "dr-vault")))).toEqual(["rules.0.copyActions.0.destinationVaultArn"]);
    });
});
