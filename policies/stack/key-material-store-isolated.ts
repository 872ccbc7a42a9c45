import { advice, classifyKey, undecided, violation } from "../lib/readers/checks";
import { StackGraph } from "../lib/aws/graph";
import { stackPolicy, type Finding, type StackResource } from "../lib/core/policy";
import { groupExposures, sourceGroups, storeGroups } from "../lib/aws/reachability";
import { KMS_KEY_TYPES, STORES, type StoreKind } from "../lib/aws/stores";
import { opensStorePort, storeListenPorts } from "../lib/aws/store-ports";

/** The in-stack keys a store uses, by input. */
function storeKeys(graph: StackGraph, store: StackResource, properties: readonly string[]): StackResource[] {
    const keys: StackResource[] = [];
    for (const property of properties) {
        for (const key of graph.referenced(store, property, KMS_KEY_TYPES).resources) {
            if (!keys.includes(key)) {
                keys.push(key);
            }
        }
    }
    return keys;
}

export const keyMaterialStoreIsolated = stackPolicy({
    name: "key-material-store-isolated",
    description: "Stores classified as key material use a KMS key not shared with other stores and are not reachable from any security group that is itself open to the internet.",
    controls: [3, 25],
    category: "key-management",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "defence-in-depth",
    refs: { nist: ["SC-12", "SC-7"] },
    resourceTypes: STORES.map((s) => s.type),
    remediationSteps: [
        "1. Create a dedicated aws.kms.Key for each key-material store; do not reuse it for other stores, so its key policy can be as narrow as the store's readers.",
        "2. Admit the store's clients only from security groups that are themselves closed to the internet (app tiers behind a load balancer, not the load balancer's group).",
        "3. Classify stores with the `data-class=key-material` tag (configurable in pack-settings) so this policy knows which stores hold keys.",
    ].join("\n"),
    check: ({ resources, isKeyMaterial }) => {
        const graph = StackGraph.of(resources);
        const findings: Finding[] = [];
        const keyUsers = new Map<StackResource, StackResource[]>();
        for (const kind of STORES) {
            for (const store of graph.ofType(kind.type)) {
                for (const key of storeKeys(graph, store, kind.keyProperties.filter((p) => !/secret|performance/i.test(p)))) {
                    keyUsers.set(key, [...(keyUsers.get(key) ?? []), store]);
                }
            }
        }
        // A store holds key material when it is classified so, or serves a resource that is (classifiedThrough).
        const holdsKeyMaterial = (kind: StoreKind, store: StackResource): boolean =>
            isKeyMaterial(store) ||
            (kind.classifiedThrough !== undefined && graph.referenced(store, kind.classifiedThrough.property, [kind.classifiedThrough.type]).resources.some(isKeyMaterial));
        for (const kind of STORES) {
            for (const store of graph.ofType(kind.type).filter((s) => holdsKeyMaterial(kind, s))) {
                const dataKeyProperties = kind.keyProperties.filter((p) => !/secret|performance/i.test(p));
                for (const property of dataKeyProperties) {
                    // A key ARN from outside the stack may be the AWS-managed key: getAlias("alias/aws/rds").targetKeyArn
                    // returns exactly such an ARN. Malformed and AWS-managed references are the CMK policies' findings.
                    const external = graph.referenced(store, property, KMS_KEY_TYPES).external.filter((value) => classifyKey(value) === "customer-managed");
                    if (external.length > 0) {
                        findings.push(advice(property, `Key-material ${kind.label} ${store.name} is encrypted with a KMS key defined outside this stack (\`${property}\`), so whether it is a customer-managed key with a narrow key policy, and not the AWS-managed key of the service (which a key ARN can also name), cannot be verified here. Define the key in this stack, or confirm it and waive this finding.`, store.urn));
                    }
                }
                for (const key of storeKeys(graph, store, dataKeyProperties)) {
                    // Sharing among key-material stores is one trust domain; sharing with other stores widens it.
                    const others = (keyUsers.get(key) ?? []).filter((r) => r !== store && !isKeyMaterial(r));
                    if (others.length > 0) {
                        findings.push(violation(dataKeyProperties[0]!, `Key-material ${kind.label} ${store.name} shares KMS key ${key.name} with ${others.map((o) => o.name).join(", ")}, which are not classified as key material; anyone allowed to decrypt for those stores can decrypt its data. Give the key-material stores a dedicated key.`, store.urn));
                    }
                }
                if (kind.securityGroupProperties.length === 0) {
                    continue;
                }
                const groups = storeGroups(graph, store, kind);
                // Only a rule that opens a port the store listens on is a path into it.
                const listen = storeListenPorts(store);
                for (const group of groups.groups) {
                    for (const source of sourceGroups(graph, group, (ports) => opensStorePort(ports, listen))) {
                        const exposures = groupExposures(graph, source, []);
                        const decided = exposures.find((e) => !e.undecided);
                        if (decided) {
                            findings.push(violation(kind.securityGroupProperties[0]!, `${store.name} -> ${group.name} admits ${source.name}, which is open to the internet (${decided.source}); one compromised internet-facing host reaches the key store. Admit only groups that are closed to the internet.`, store.urn));
                        } else if (exposures.length > 0) {
                            findings.push(undecided(kind.securityGroupProperties[0]!, `${store.name} -> ${group.name} admits ${source.name}, whose own sources are computed; it is checked once they are known.`, store.urn));
                        }
                    }
                }
            }
        }
        return findings;
    },
});
