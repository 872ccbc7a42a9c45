// Where a finding is in the program: the engine records, for each resource, where the program registered it
// (`sourcePosition` in the state: `project:///infra/db.ts#42,5`, the path relative to the Pulumi project root).

import { isAbsolute, relative, resolve, sep } from "node:path";

export interface SourceLocation {
    /** The program file, relative to the project root (posix separators). */
    path: string;
    line: number;
    column?: number;
}

/** A `project:///<path>#line[,column]` position; undefined for anything else (a `file://` URI outside the project). */
export function parseSourcePosition(position: string | undefined): SourceLocation | undefined {
    if (!position) {
        return undefined;
    }
    const match = /^project:\/\/\/([^#]+)#(\d+)(?:,(\d+))?$/.exec(position);
    if (!match) {
        return undefined;
    }
    let path: string;
    try {
        path = match[1]!.split("/").map(decodeURIComponent).join("/");
    } catch {
        return undefined;
    }
    if (path.split("/").some((part) => part === ".." || part === "") || isAbsolute(path)) {
        return undefined;
    }
    const line = Number(match[2]);
    const column = match[3] === undefined ? undefined : Number(match[3]);
    return line > 0 ? { path, line, ...(column ? { column } : {}) } : undefined;
}

/**
 * The program file as a path relative to `cwd` (the checkout), given where the Pulumi project lives in it
 * (`--source-root`, default the checkout itself). Undefined when the project root is outside the checkout.
 */
export function programPath(location: SourceLocation, sourceRoot: string, cwd: string): string | undefined {
    const rel = relative(cwd, resolve(cwd, sourceRoot, ...location.path.split("/")));
    if (!rel || rel.startsWith("..") || isAbsolute(rel)) {
        return undefined;
    }
    return rel.split(sep).join("/");
}

/** "infra/db.ts:42" for the table and JSON. */
export function describeLocation(path: string, location: SourceLocation): string {
    return `${path}:${location.line}`;
}
