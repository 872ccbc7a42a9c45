// What the pack models: the resource types its policies apply to, as the catalog lists them. The catalog registers
// them once (catalog.ts), so the policy that reports unmodelled storage types (storage-type-unchecked) compares
// against the policies themselves, never against a second, hand-kept list. A policy module cannot import the
// catalog (it would import itself), hence this registry in the core layer.

let modelled: ReadonlySet<string> = new Set<string>();

/** Records the resource types the pack's policies apply to. Called by catalog.ts with every policy's types. */
export function registerModelledTypes(types: Iterable<string>): void {
    modelled = new Set(types);
}

/** The resource types some policy of the pack applies to (empty until the catalog is loaded). */
export function modelledTypes(): ReadonlySet<string> {
    return modelled;
}
