// The HTML report without a browser: the exposure paths read from the compiled pack's model, and the page the
// generator writes (structure, escaping, what the filters read). html-report-browser.test.ts renders it.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { PolicyConfigEntry } from "../../scanner/engine/config";
import { defaultOptions, type Deployment, type ResourceState } from "../../scanner/engine/model";
import { loadPackModel, stackExposure, type PackModel, type StackExposure, type StoreExposure } from "../../scanner/exposure";
import { loadInput } from "../../scanner/inputs";
import { CONTENT_SECURITY_POLICY, escapeHtml, formatHtml } from "../../scanner/report-html";
import type { Finding, ScanResult } from "../../scanner/scan";
import { builtPackDir } from "../e2e/built-pack";
import { repoDir } from "./built-cli";

let model: PackModel;
const exportOf = (name: string) => loadInput(join(repoDir, "stacks", "exports", `${name}.json`));
const NO_CONFIG: Record<string, PolicyConfigEntry> = {};

beforeAll(() => {
    model = loadPackModel(builtPackDir());
});

function store(exposure: StackExposure, name: string): StoreExposure {
    const found = exposure.stores.find((s) => s.name === name);
    expect(found, `store ${name}`).toBeDefined();
    return found!;
}

function pathLabels(s: StoreExposure): string[] {
    const label = new Map(s.nodes.map((n) => [n.key, n.label]));
    return s.paths.map((p) => p.nodes.map((key, i) => (i === 0 ? label.get(key) : `-[${p.properties[i - 1]}]-> ${label.get(key)}`)).join(" "));
}

describe("exposure paths from the pack's model", () => {
    it("follows the wallet database through its security group and rules to the public CIDRs", () => {
        const exposure = stackExposure(model, exportOf("exposed-wallet-db"), NO_CONFIG, []);
        const paths = pathLabels(store(exposure, "wallet-db"));
        expect(paths).toContain("wallet-db -[vpcSecurityGroupIds]-> wallet-db-sg -[ingress[0]]-> wallet-db-sg.ingress[0] -[cidrBlocks[0]]-> 0.0.0.0/0");
        expect(paths).toContain("wallet-db -[vpcSecurityGroupIds]-> wallet-db-sg -[securityGroupId]-> wallet-db-admin-any -[cidrBlocks[0]]-> 0.0.0.0/0");
        expect(paths.some((p) => /^wallet-db -\[dbSubnetGroupName\]-> wallet-db-subnets -\[subnetIds\]-> wallet-public-1 -\[/.test(p))).toBe(true);
    });

    it("follows a key-material store's KMS key to the statement that lets anyone decrypt", () => {
        const exposure = stackExposure(model, exportOf("exposed-wallet-db"), NO_CONFIG, []);
        const keyPaths = exposure.stores.flatMap((s) => pathLabels(s).filter((p) => p.includes("wallet-kms")));
        expect(keyPaths.some((p) => /-\[policy\.Statement\[0\]\]-> Sid "AnyoneCanUseTheKey" -\[Principal\]-> any AWS principal \(\*\)$/.test(p))).toBe(true);
    });

    it("follows a secret to the identity policy that lets a group without MFA read it", () => {
        const exposure = stackExposure(model, exportOf("exposed-wallet-db"), NO_CONFIG, []);
        expect(pathLabels(store(exposure, "wallet-master-key"))).toContain("wallet-master-key -[Resource]-> Statement[0] -[policy]-> wallet-key-readers -[attached to]-> group wallet-operators");
        expect(store(exposure, "wallet-master-key").nodes.find((n) => n.label === "group wallet-operators")?.kind).toBe("principal");
        expect(loadPackModel("policies").StackGraph).toBe(model.StackGraph);
    });

    it("draws the store's own public endpoint and its public snapshots from the pack's findings", () => {
        const findings = [
            finding({ policy: "rds-instance-not-public", resourceName: "wallet-db", message: "[publiclyAccessible] `publiclyAccessible` is true." }),
            finding({ policy: "rds-snapshot-not-public", resourceName: "wallet-db-snapshot", message: '[sharedAccounts.0] `sharedAccounts.0` is "all".' }),
            // Undecided findings draw no path: they do not show the store exposed.
            finding({ policy: "redshift-not-public", resourceName: "wallet-db", message: "Cannot verify during preview: [publiclyAccessible] computed." }),
        ];
        const input = exportOf("exposed-wallet-db");
        const urn = (name: string) => input.deployment.resources.find((r) => r.name === name)!.urn;
        for (const f of findings) {
            f.resourceUrn = urn(f.resourceName);
            f.file = input.file;
        }
        const paths = pathLabels(store(stackExposure(model, input, NO_CONFIG, findings), "wallet-db"));
        expect(paths).toContain("wallet-db -[publiclyAccessible]-> the internet");
        expect(paths).toContain("wallet-db -[dbInstanceIdentifier]-> wallet-db-snapshot -[sharedAccounts.0]-> public or another account");
        expect(paths.filter((p) => p.startsWith("wallet-db -[publiclyAccessible]"))).toHaveLength(1);
    });

    it("follows a subnet through its route table association to the internet gateway, and names the default security group", () => {
        const resources: ResourceState[] = [];
        const add = (type: string, name: string, outputs: Record<string, unknown>): void => {
            resources.push({
                urn: `urn:pulumi:dev::p::${type}::${name}`,
                type,
                name,
                custom: true,
                id: String(outputs.id ?? name),
                parent: "",
                provider: "",
                dependencies: [],
                propertyDependencies: {},
                inputs: outputs as ResourceState["inputs"],
                outputs: outputs as ResourceState["outputs"],
                options: defaultOptions(),
            });
        };
        add("aws:ec2/vpc:Vpc", "vpc", { id: "vpc-1", cidrBlock: "10.0.0.0/16" });
        add("aws:ec2/internetGateway:InternetGateway", "igw", { id: "igw-1", vpcId: "vpc-1" });
        add("aws:ec2/subnet:Subnet", "app-subnet", { id: "subnet-1", vpcId: "vpc-1", cidrBlock: "10.0.1.0/24" });
        add("aws:ec2/routeTable:RouteTable", "public-rt", { id: "rtb-1", vpcId: "vpc-1", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }] });
        add("aws:ec2/routeTableAssociation:RouteTableAssociation", "app-assoc", { id: "rtbassoc-1", subnetId: "subnet-1", routeTableId: "rtb-1" });
        add("aws:rds/subnetGroup:SubnetGroup", "db-group", { id: "db-group", name: "db-group", subnetIds: ["subnet-1"] });
        add("aws:rds/instance:Instance", "wallet-x", { id: "wallet-x", identifier: "wallet-x", dbSubnetGroupName: "db-group" });
        const deployment: Deployment = { organization: "o", project: "p", stack: "dev", preview: false, resources };
        const exposure = stackExposure(model, { file: "x.json", deployment, secretsByUrn: new Map() }, NO_CONFIG, []);
        const paths = pathLabels(store(exposure, "wallet-x"));
        expect(paths).toEqual([
            "wallet-x -[vpcSecurityGroupIds (omitted)]-> VPC default security group",
            "wallet-x -[dbSubnetGroupName]-> db-group -[subnetIds]-> app-subnet -[route table association]-> public-rt -[routes[0].gatewayId]-> igw -[internet gateway]-> the internet",
        ]);
    });

    it("draws resource policies the pack finds open to anyone, and key-material buckets as stores", () => {
        const input = exportOf("exposed-wallet-db");
        const on = (name: string, policy: string, message: string) =>
            finding({ policy, file: input.file, resourceName: name, resourceUrn: input.deployment.resources.find((r) => r.name === name)!.urn, message });
        const findings = [
            on("wallet-backups-policy", "s3-policy-no-public-principal", '[policy] Statement[0] (Sid "RestoreFromAnywhere") allows any principal.'),
            on("wallet-master-key-policy", "secretsmanager-policy-not-public", "[policy] Statement[0] of `policy` allows every principal."),
            // A waived finding still draws its path (the exposure is accepted, not gone), marked; an undecided one does not.
            { ...on("wallet-backups-acl", "s3-no-public-acl", "Waived until 2099-01-01 (restore tests): [acl] public."), level: "advisory" as const, waiver: { expires: "2099-01-01", reason: "restore tests" } },
            on("wallet-ledger-policy", "dynamodb-resource-policy-not-public", "Cannot verify during preview: [policy] computed."),
        ];
        const exposure = stackExposure(model, input, NO_CONFIG, findings);
        const bucket = store(exposure, "wallet-backups");
        expect(bucket.label).toBe("S3 bucket");
        expect(pathLabels(bucket)).toEqual([
            "wallet-backups -[bucket]-> wallet-backups-policy -[policy]-> anyone (public grant)",
            "wallet-backups -[bucket]-> wallet-backups-acl -[acl (waived)]-> anyone (public grant)",
        ]);
        expect(pathLabels(store(exposure, "wallet-master-key"))).toContain("wallet-master-key -[secretArn]-> wallet-master-key-policy -[policy]-> anyone (public grant)");
        expect(pathLabels(store(exposure, "wallet-ledger")).filter((p) => p.includes("wallet-ledger-policy"))).toEqual([]);
    });

    it("shows every key-material store of the hardened stack closed", () => {
        const exposure = stackExposure(model, exportOf("hardened"), NO_CONFIG, []);
        expect(exposure.stores.length).toBeGreaterThan(5);
        expect(exposure.stores.filter((s) => s.paths.length > 0).map((s) => pathLabels(s))).toEqual([]);
    });

    it("lists only the stores the pack settings classify as key material", () => {
        const input = loadInput(join(repoDir, "test", "scanner", "fixtures", "secret-ingress.json"));
        expect(stackExposure(model, input, NO_CONFIG, []).stores).toEqual([]);
        const classified = stackExposure(model, input, { "pack-settings": { enforcementLevel: "advisory", properties: { keyMaterialNamePatterns: ["canary"] } } }, []);
        expect(classified.stores.map((s) => s.name)).toEqual(["canary-db"]);
    });

    it("prints a CIDR the input holds as a secret as [secret]", () => {
        const input = loadInput(join(repoDir, "test", "scanner", "fixtures", "secret-ingress.json"));
        const classified = stackExposure(model, input, { "pack-settings": { enforcementLevel: "advisory", properties: { keyMaterialNamePatterns: ["canary"] } } }, []);
        const labels = classified.stores[0]!.nodes.map((n) => n.label);
        expect(labels).toContain("[secret]");
        expect(JSON.stringify(classified)).not.toContain("52.94.76.0/22");
    });
});

// ---- The generator ----------------------------------------------------------------------------------------

const HOSTILE = `db"'><script>alert(1)</script><img src=x onerror=alert(2)>`;

function finding(overrides: Partial<Finding>): Finding {
    return {
        file: "a.json",
        policy: "db-sg-no-public-source",
        level: "mandatory",
        severity: "critical",
        resourceUrn: "urn:pulumi:dev::p::aws:rds/instance:Instance::db",
        resourceName: "db",
        resourceType: "aws:rds/instance:Instance",
        message: "[vpcSecurityGroupIds] db -> sg -> 0.0.0.0/0",
        description: "",
        fingerprint: "f",
        ...overrides,
    };
}

function result(findings: Finding[]): ScanResult {
    return {
        pack: {
            name: "aws-key-material-guard",
            version: "0.1.0",
            policies: [{ name: "db-sg-no-public-source", displayName: "", description: "", message: "", enforcementLevel: "mandatory", severity: "critical", policyType: "stack", tags: [], remediationSteps: "1. Close <the> rule.", url: "" }],
        } as unknown as ScanResult["pack"],
        config: {},
        inputs: [{ file: "a.json", format: "stack-export", project: "p", stack: "dev", resources: 3, skipped: 0, warnings: [], mandatory: 1, advisory: 2, durationMs: 1 }],
        findings,
        mandatory: findings.filter((f) => f.level === "mandatory").length,
        advisory: findings.filter((f) => f.level === "advisory").length,
        timings: { bootMs: 0, scanMs: 0 },
    };
}

const SG_URN = `urn:pulumi:dev::p::aws:ec2/securityGroup:SecurityGroup::${HOSTILE}`;
const exposed: StackExposure = {
    file: "a.json",
    project: "p",
    stack: "dev",
    stores: [
        {
            urn: "urn:pulumi:dev::p::aws:rds/instance:Instance::db",
            name: "db",
            type: "aws:rds/instance:Instance",
            label: "RDS instance",
            nodes: [
                { key: "urn:pulumi:dev::p::aws:rds/instance:Instance::db", label: "db", kind: "store", urn: "urn:pulumi:dev::p::aws:rds/instance:Instance::db", type: "aws:rds/instance:Instance" },
                { key: SG_URN, label: HOSTILE, kind: "resource", urn: SG_URN, type: "aws:ec2/securityGroup:SecurityGroup" },
                { key: "source:0.0.0.0/0", label: "0.0.0.0/0", kind: "public" },
            ],
            edges: [
                { from: "urn:pulumi:dev::p::aws:rds/instance:Instance::db", to: SG_URN, property: "vpcSecurityGroupIds" },
                { from: SG_URN, to: "source:0.0.0.0/0", property: "ingress[0].cidrBlocks[0]" },
            ],
            paths: [{ kind: "security group", nodes: ["urn:pulumi:dev::p::aws:rds/instance:Instance::db", SG_URN, "source:0.0.0.0/0"], properties: ["vpcSecurityGroupIds", "ingress[0].cidrBlocks[0]"] }],
        },
        { urn: "urn:pulumi:dev::p::aws:dynamodb/table:Table::ledger", name: "ledger", type: "aws:dynamodb/table:Table", label: "DynamoDB table", nodes: [{ key: "l", label: "ledger", kind: "store" }], edges: [], paths: [] },
    ],
};

function page(findings: Finding[], exposures: StackExposure[] = [exposed]): string {
    return formatHtml(result(findings), { tool: { name: "t", version: "1" }, exposures, locationOf: (f) => (f.source ? `index.ts:${f.source.line}` : undefined), failing: new Set(findings.filter((f) => f.level === "mandatory")) });
}

describe("formatHtml", () => {
    const findings = [
        finding({}),
        finding({ policy: "sg-no-public-db-port-ingress", severity: "high", resourceUrn: SG_URN, resourceName: HOSTILE, message: `[ingress] ${HOSTILE}`, source: { path: "index.ts", line: 42 } }),
        finding({ policy: "rds-log-exports", level: "advisory", severity: "medium", waiver: { expires: "2099-01-01", reason: `accepted <b>risk</b>` } }),
    ];
    const html = page(findings);

    it("is one self-contained document: a CSP that loads nothing, no external reference", () => {
        expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
        expect(html).toContain(`content="${escapeHtml(CONTENT_SECURITY_POLICY)}"`);
        expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none';/);
        expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
        expect(html).not.toMatch(/\b(?:src|href)="(?!#)/);
        expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg")/);
        expect(html.match(/<script\b/g)).toHaveLength(1);
    });

    it("escapes every text from the inputs: names, URNs, messages, waiver reasons, remediation", () => {
        expect(html).not.toContain("<script>alert");
        expect(html).not.toContain("<img");
        expect(html).not.toContain("<b>risk");
        expect(html).toContain(escapeHtml(HOSTILE));
        expect(html).toContain("1. Close &lt;the&gt; rule.");
        expect(escapeHtml(`<a href="x" title='y'>&`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;");
    });

    it("draws the store's graph: nodes, edges named by their property, links from nodes to their findings", () => {
        const section = html.slice(html.indexOf('data-store="db"'), html.indexOf('data-store="ledger"'));
        expect(section).toContain('data-closed="false"');
        expect(section).toContain('data-property="vpcSecurityGroupIds"');
        expect(section).toContain('data-property="ingress[0].cidrBlocks[0]"');
        const link = /<a href="#(s0-st0-r\d+)" class="node resource sev-high" data-label="([^"]*)"/.exec(section);
        expect(link?.[2]).toBe(escapeHtml(HOSTILE));
        expect(section).toContain(`<div class="resource-block" id="${link![1]}">`);
        expect(section).toMatch(/class="node public" data-label="0\.0\.0\.0\/0"/);
        expect(section).toContain("at index.ts:42");
    });

    it("draws a waived hop dashed", () => {
        const waived: StackExposure = { ...exposed, stores: [{ ...exposed.stores[0]!, edges: [{ from: exposed.stores[0]!.urn, to: SG_URN, property: "acl (waived)" }] }] };
        expect(page([], [waived])).toContain('<g class="edge waived" data-property="acl (waived)">');
        expect(html).not.toContain("edge waived");
    });

    it("shows a store without paths as closed", () => {
        const section = html.slice(html.indexOf('data-store="ledger"'));
        expect(section).toContain('data-closed="true"');
        expect(section).toContain("closed: no path");
    });

    it("gives the filters what they read: stack, severity and policy on every finding row; waived rows marked", () => {
        const rows = [...html.matchAll(/<tr class="([^"]*)" data-stack="(\d+)" data-severity="([^"]*)" data-policy="([^"]*)" data-level="([^"]*)"( data-count)?>/g)];
        const counted = rows.filter((r) => r[6] !== undefined).map((r) => `${r[1]} ${r[2]} ${r[3]} ${r[4]} ${r[5]}`);
        expect(counted).toEqual(["mandatory 0 critical db-sg-no-public-source mandatory", "mandatory 0 high sg-no-public-db-port-ingress mandatory", "waived 0 medium rds-log-exports waived"]);
        expect(html).toContain('<span class="waiver">WAIVED</span> until 2099-01-01: accepted &lt;b&gt;risk&lt;/b&gt;');
        for (const id of ["filter-stack", "filter-severity", "filter-policy"]) {
            expect(html).toContain(`id="${id}"`);
        }
        expect(html).toContain('<option value="high">high</option>');
        expect(html).toContain('<option value="sg-no-public-db-port-ingress">sg-no-public-db-port-ingress</option>');
    });

    it("summarizes by store and by severity", () => {
        expect(html).toMatch(/<tr data-summary-severity="critical"><td>.*?<\/td><td class="n">1<\/td><td class="n">0<\/td><td class="n">0<\/td><\/tr>/);
        expect(html).toMatch(/<tr data-summary-severity="medium"><td>.*?<\/td><td class="n">0<\/td><td class="n">0<\/td><td class="n">1<\/td><\/tr>/);
        expect(html).toMatch(/<a href="#s0-st0">db<\/a>.*?1 path/);
        expect(html).toMatch(/<a href="#s0-st1">ledger<\/a>.*?closed/);
    });

    it("says when no store of a stack is classified as key material", () => {
        expect(page([], [{ ...exposed, stores: [] }])).toContain("No store of this stack is classified as key material.");
    });
});
