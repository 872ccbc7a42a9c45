// What a check returns. Its own module so that every layer (readers, AWS models, core) can name it without
// importing the policy definition.

import type { Unknown } from "./values";

/** What a check found on one resource. */
export interface Finding {
    /** The property path the finding is about (`storageEncrypted`, `ingress[0].cidrBlocks`). */
    property: string;
    /** What is wrong and how to fix it, in one or two sentences. Never echo property values: they may be secrets. */
    message: string;
    /**
     * True when the outcome depends on a value only known after `pulumi up` (an unknown during preview).
     * Reported as advisory, in the policy's own words; the same policy decides at update time.
     */
    undecided?: boolean;
    /**
     * True for a finding that is advice whatever the policy's level: a weaker-but-acceptable setting (write-only
     * password inputs) or something IaC cannot prove (encryption inherited from a snapshot outside the stack).
     */
    advisory?: boolean;
    /**
     * For a defence-in-depth policy: whether the resource is a data store or key-material store, when the check
     * decided it with its own configuration or the stack graph (policies/lib/aws/scope.ts). Omitted: the report
     * decides it from the resource (lib/core/report.ts).
     */
    inScope?: boolean | Unknown;
    /** For stack policies: the resource the finding belongs to. */
    urn?: string;
}
