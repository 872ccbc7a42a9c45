import { advice } from "../lib/readers/checks";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { modelledTypes } from "../lib/core/coverage";
import { isStorageType, parseTypeToken } from "../lib/aws/storage-modules";

type Config = { reviewedTypes: string[] };

export const storageTypeUnchecked = resourcePolicy<Config>({
    name: "storage-type-unchecked",
    description: "Every resource of a storage service that this pack does not check is named, so a new kind of store never passes unseen.",
    controls: [119],
    category: "monitoring",
    severity: "low",
    enforcementLevel: "advisory",
    scope: "defence-in-depth",
    // A review item: the pack cannot say what is wrong with a type it does not model, so it never blocks.
    keyMaterialEscalation: false,
    refs: { nist: ["CM-8", "RA-5"] },
    resourceTypes: [],
    // Every resource of a storage module whose type no policy of the catalog lists (and that holds data).
    appliesTo: (type) => {
        const token = parseTypeToken(type);
        return token !== undefined && isStorageType(token) && !modelledTypes().has(type);
    },
    remediationSteps: [
        "1. Review the resource by hand: encryption at rest with a customer-managed key, no public access or public network path, no credential in its inputs, backups.",
        "2. Once reviewed, list its type token in this policy's `reviewedTypes` config (or waive the resource in pack-settings with a reason and an expiry).",
        "3. Ask for the type to be modelled: once a policy of the pack applies to it, this advisory stops by itself.",
    ].join("\n"),
    config: {
        reviewedTypes: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Resource type tokens (e.g. aws:fsx/lustreFileSystem:LustreFileSystem) reviewed by hand and no longer reported.",
        },
    },
    check: ({ type, config }): Finding[] => {
        const token = parseTypeToken(type);
        if (!token || config.reviewedTypes.includes(type)) {
            return [];
        }
        return [
            advice(
                "type",
                `\`${type}\` is a ${token.module} resource that this pack does not check: its encryption, network exposure, access policies and credentials are not verified. Review it by hand, then list the type in \`reviewedTypes\`, or ask for it to be modelled.`,
            ),
        ];
    },
});
