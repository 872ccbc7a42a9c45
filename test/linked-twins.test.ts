// A `-linked` twin checks the same control as its parent through the resources a reference points at; it takes
// its metadata from the parent (policies/lib/core/policy.ts linkedMetadata), so the two cannot drift apart.

import { describe, expect, it } from "vitest";
import { allPolicies } from "../policies/catalog";

const twins = allPolicies.filter((p) => p.name.endsWith("-linked"));

describe("-linked twins", () => {
    it("exist, each with a parent", () => {
        expect(twins.length).toBeGreaterThanOrEqual(9);
        for (const twin of twins) {
            expect(allPolicies.map((p) => p.name)).toContain(twin.name.replace(/-linked$/, ""));
        }
    });

    it.each(twins.map((t) => [t.name, t] as const))("%s has its parent's rows, category, severity, level, scope and escalation", (name, twin) => {
        const parent = allPolicies.find((p) => p.name === name.replace(/-linked$/, ""))!;
        expect({ controls: twin.controls, category: twin.category, severity: twin.severity, level: twin.enforcementLevel, scope: twin.scope, escalation: twin.keyMaterialEscalation }).toEqual({
            controls: parent.controls,
            category: parent.category,
            severity: parent.severity,
            level: parent.enforcementLevel,
            scope: parent.scope,
            escalation: parent.keyMaterialEscalation,
        });
        // Refs may differ only where a tool checks the linked resource under another rule; NIST and PCI map the control.
        expect(twin.refs.nist).toEqual(parent.refs.nist);
        expect(twin.refs.pciDss).toEqual(parent.refs.pciDss);
        expect(twin.refs.cis).toEqual(parent.refs.cis);
    });
});
