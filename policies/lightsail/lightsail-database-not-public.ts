import { expectFlag } from "../lib/readers/checks";
import { resourcePolicy } from "../lib/core/policy";
import { LIGHTSAIL_DATABASE } from "../lib/aws/types";

const FIX =
    "Set `publiclyAccessible: false` (or omit it): a Lightsail database has no security group of its own, so public mode opens its endpoint to every address on the internet, guarded only by the master password.";

export const lightsailDatabaseNotPublic = resourcePolicy({
    name: "lightsail-database-not-public",
    description: "Lightsail databases must not be in public mode.",
    controls: [107],
    category: "network-isolation",
    severity: "critical",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: { nist: ["SC-7", "AC-3"], pciDss: ["1.4.4"] },
    resourceTypes: [LIGHTSAIL_DATABASE],
    remediationSteps: [
        "1. Set `publiclyAccessible: false` on the aws.lightsail.Database (it changes in place; apply it with `applyImmediately: true` to close the endpoint now).",
        "2. Reach the database only from Lightsail instances in the same region; for access from a VPC, peer the Lightsail VPC or move the store to RDS, where security groups and private subnets apply.",
    ].join("\n"),
    // The provider's schema defaults `publicly_accessible` to false (terraform-provider-aws
    // internal/service/lightsail/database.go), so an omitted input is private.
    check: ({ props }) => expectFlag(props, "publiclyAccessible", { expected: false, defaultValue: false, fix: FIX }),
});
