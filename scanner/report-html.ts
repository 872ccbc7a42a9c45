// `--format html`: one self-contained page a person can look at. For every key-material store of every scanned
// stack, the paths that expose it (scanner/exposure.ts, from the pack's own model) drawn as an SVG graph whose
// edges name the property that creates them and whose nodes link to their findings; above the graphs a summary by
// store and by severity, and filters by stack, severity and policy.
//
// Self-contained and inert: inline CSS, one inline script allowed by its hash in the page's Content-Security-Policy
// (`default-src 'none'`: the page can load nothing, and an injected script could not run), no fonts, images or
// links out of the file. Every text from the inputs (names, URNs, messages, waiver reasons) is escaped; ids and
// anchors are made from indexes, never from names.

import { createHash } from "node:crypto";
import type { PolicyInfo } from "./engine/pack";
import type { ExposureEdge, ExposureNode, StackExposure, StoreExposure } from "./exposure";
import type { Finding, ScanResult } from "./scan";

export interface HtmlReportContext {
    tool: { name: string; version: string };
    /** The exposure graphs of each input, in the order of `result.inputs`. */
    exposures: readonly StackExposure[];
    /** "infra/db.ts:42" of a finding, when known. */
    locationOf(finding: Finding): string | undefined;
    failing: ReadonlySet<Finding>;
}

export const SEVERITY_ORDER = ["critical", "high", "medium", "low"] as const;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text safe in element content and in double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function severityRank(severity: string): number {
    const index = (SEVERITY_ORDER as readonly string[]).indexOf(severity);
    return index === -1 ? SEVERITY_ORDER.length : index;
}

/** Cut to `max` characters for a box; the full text stays in the node's tooltip and the findings list. */
function fit(text: string, max: number): string {
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

// ---- The graph --------------------------------------------------------------------------------------------

const NODE_WIDTH = 190;
const NODE_HEIGHT = 40;
const COLUMN_GAP = 150;
const ROW_GAP = 26;
const MARGIN = 12;

interface Placed {
    node: ExposureNode;
    x: number;
    y: number;
}

/** Columns by the hop at which a node first appears on a path; rows in order of appearance. */
function layout(store: StoreExposure): { placed: Map<string, Placed>; width: number; height: number } {
    const column = new Map<string, number>();
    column.set(store.urn, 0);
    for (const path of store.paths) {
        path.nodes.forEach((key, index) => column.set(key, Math.min(column.get(key) ?? index, index)));
    }
    // The ends (the internet, anyone, another account, a user without MFA) line up in the last column, so every
    // arrow points right and no edge runs through an end.
    const inner = new Set(store.paths.flatMap((p) => p.nodes.slice(0, -1)));
    const isEnd = (n: ExposureNode) => n.kind === "public" || (n.key !== store.urn && !inner.has(n.key));
    const last = Math.max(0, ...store.nodes.filter((n) => !isEnd(n)).map((n) => column.get(n.key) ?? 0)) + 1;
    for (const node of store.nodes.filter(isEnd)) {
        column.set(node.key, last);
    }
    const rows = new Map<number, string[]>();
    for (const node of store.nodes) {
        const c = column.get(node.key) ?? 0;
        rows.set(c, [...(rows.get(c) ?? []), node.key]);
    }
    const tallest = Math.max(1, ...[...rows.values()].map((r) => r.length));
    const height = MARGIN * 2 + tallest * NODE_HEIGHT + (tallest - 1) * ROW_GAP;
    const placed = new Map<string, Placed>();
    const byKey = new Map(store.nodes.map((n) => [n.key, n]));
    // Fewer crossings: each column ordered by the mean row of the nodes that lead to it (column by column).
    const rowOf = new Map<string, number>();
    for (const c of [...rows.keys()].sort((a, b) => a - b)) {
        const keys = rows.get(c)!;
        const weight = (key: string): number => {
            const from = store.edges.filter((e) => e.to === key && rowOf.has(e.from)).map((e) => rowOf.get(e.from)!);
            return from.length === 0 ? Number.MAX_SAFE_INTEGER : from.reduce((a, b) => a + b, 0) / from.length;
        };
        const weights = new Map(keys.map((key) => [key, weight(key)]));
        keys.sort((a, b) => weights.get(a)! - weights.get(b)!);
        keys.forEach((key, i) => rowOf.set(key, i));
    }
    for (const [c, keys] of rows) {
        const columnHeight = keys.length * NODE_HEIGHT + (keys.length - 1) * ROW_GAP;
        const top = (height - columnHeight) / 2;
        keys.forEach((key, i) => {
            placed.set(key, { node: byKey.get(key)!, x: MARGIN + c * (NODE_WIDTH + COLUMN_GAP), y: top + i * (NODE_HEIGHT + ROW_GAP) });
        });
    }
    const columns = Math.max(1, ...[...rows.keys()].map((c) => c + 1));
    return { placed, width: MARGIN * 2 + columns * NODE_WIDTH + (columns - 1) * COLUMN_GAP, height };
}

/** Where edge labels go: moved down (then up) a line at a time until they overlap no label placed before. */
class LabelPlacer {
    private readonly boxes: { x: number; y: number; width: number }[] = [];

    place(x: number, y: number, text: string): { x: number; y: number } {
        const width = text.length * 6.7 + 8;
        const overlaps = (cy: number) => this.boxes.some((b) => Math.abs(b.x - x) < (b.width + width) / 2 && Math.abs(b.y - cy) < 13);
        for (let step = 0; step < 12; step++) {
            const cy = y + (step % 2 === 0 ? 1 : -1) * Math.ceil(step / 2) * 13;
            if (!overlaps(cy)) {
                this.boxes.push({ x, y: cy, width });
                return { x, y: cy };
            }
        }
        this.boxes.push({ x, y, width });
        return { x, y };
    }
}

function edgeSvg(edge: ExposureEdge, placed: Map<string, Placed>, marker: string, labels: LabelPlacer): string {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    if (!from || !to) {
        return "";
    }
    const x1 = from.x + NODE_WIDTH;
    const y1 = from.y + NODE_HEIGHT / 2;
    const x2 = to.x;
    const y2 = to.y + NODE_HEIGHT / 2;
    const backwards = x2 <= x1;
    const d = backwards
        ? `M${from.x + NODE_WIDTH / 2},${from.y + NODE_HEIGHT} C${from.x + NODE_WIDTH / 2},${y2 + 60} ${to.x + NODE_WIDTH / 2},${y2 + 60} ${to.x + NODE_WIDTH / 2},${to.y + NODE_HEIGHT}`
        : `M${x1},${y1} C${x1 + COLUMN_GAP / 2},${y1} ${x2 - COLUMN_GAP / 2},${y2} ${x2},${y2}`;
    const text = fit(edge.property, 24);
    // On a long edge (over other columns) the label stays in the first gap, next to where the edge starts.
    const span = x2 - x1 > COLUMN_GAP + 1 && !backwards;
    const at = labels.place(
        backwards ? (from.x + to.x + NODE_WIDTH) / 2 : span ? x1 + COLUMN_GAP / 2 : (x1 + x2) / 2,
        backwards ? y2 + 52 : span ? y1 + (y2 - y1) * 0.1 - 4 : (y1 + y2) / 2 - 4,
        text,
    );
    const waived = edge.property.endsWith("(waived)");
    return `<g class="edge${waived ? " waived" : ""}" data-property="${escapeHtml(edge.property)}"><path d="${d}" marker-end="url(#${marker})"/><text x="${at.x}" y="${at.y}" text-anchor="middle"><title>${escapeHtml(edge.property)}</title>${escapeHtml(text)}</text></g>`;
}

function nodeSvg(item: Placed, anchor: string | undefined, findings: readonly Finding[]): string {
    const { node, x, y } = item;
    const worst = findings.filter((f) => !f.waiver).sort((a, b) => severityRank(a.severity) - severityRank(b.severity))[0];
    const badge = findings.length > 0 ? `${findings.length} finding${findings.length === 1 ? "" : "s"}${worst ? `, worst ${worst.severity}` : ", waived"}` : node.type ? "no finding" : "";
    const tooltip = [node.label, node.type, node.urn].filter((t): t is string => t !== undefined).join("\n");
    const body =
        `<rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6"/>` +
        `<text class="label" x="${x + 8}" y="${y + 16}">${escapeHtml(fit(node.label, 27))}</text>` +
        `<text class="sub" x="${x + 8}" y="${y + 31}">${escapeHtml(fit(node.kind === "public" ? "outside the account" : node.kind === "principal" ? `no MFA${badge && findings.length ? `; ${badge}` : ""}` : badge, 32))}</text>` +
        `<title>${escapeHtml(tooltip)}</title>`;
    const attributes = `class="node ${node.kind}${worst ? ` sev-${escapeHtml(worst.severity)}` : ""}" data-label="${escapeHtml(node.label)}" data-kind="${node.kind}"`;
    return anchor ? `<a href="#${anchor}" ${attributes}>${body}</a>` : `<g ${attributes}>${body}</g>`;
}

/** The SVG of a store's paths; `anchors` maps a node's URN to the id of its findings. */
export function storeGraphSvg(store: StoreExposure, id: string, anchors: ReadonlyMap<string, string>, findingsOf: (urn: string) => readonly Finding[]): string {
    const { placed, width, height } = layout(store);
    const marker = `${id}-arrow`;
    const labels = new LabelPlacer();
    const edges = store.edges.map((edge) => edgeSvg(edge, placed, marker, labels)).join("");
    const nodes = [...placed.values()].map((item) => nodeSvg(item, item.node.urn ? anchors.get(item.node.urn) : undefined, item.node.urn ? findingsOf(item.node.urn) : [])).join("");
    return (
        `<svg class="graph" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + 40}" viewBox="0 0 ${width} ${height + 40}" role="img" aria-label="${escapeHtml(`exposure paths of ${store.name}`)}">` +
        `<defs><marker id="${marker}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>` +
        `${edges}${nodes}</svg>`
    );
}

// ---- The page ---------------------------------------------------------------------------------------------

const STYLE = `
:root { color-scheme: light; --crit: #b3261e; --high: #d2691e; --med: #b8860b; --low: #5f6b7a; --ok: #2e7d32; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d232b; background: #f6f7f9; }
header { background: #1d232b; color: #fff; padding: 14px 24px; }
header h1 { font-size: 19px; margin: 0 0 2px; }
header p { margin: 0; color: #c9d1db; }
main { padding: 16px 24px 40px; }
h2 { font-size: 16px; margin: 22px 0 8px; }
h3 { font-size: 15px; margin: 0; }
table { border-collapse: collapse; background: #fff; }
th, td { border: 1px solid #d9dee5; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f5; font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.summary { display: flex; gap: 24px; flex-wrap: wrap; align-items: flex-start; }
.filters { position: sticky; top: 0; z-index: 2; background: #f6f7f9; padding: 8px 0; border-bottom: 1px solid #d9dee5; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
.filters label { font-weight: 600; }
.filters select { margin-left: 4px; }
.store { background: #fff; border: 1px solid #d9dee5; border-radius: 8px; margin: 14px 0; padding: 12px 14px; }
.store.closed { border-left: 6px solid var(--ok); }
.store.exposed { border-left: 6px solid var(--crit); }
.status { display: inline-block; font-size: 12px; font-weight: 700; padding: 1px 8px; border-radius: 10px; margin-left: 8px; color: #fff; }
.status.closed { background: var(--ok); }
.status.exposed { background: var(--crit); }
.meta { color: #5f6b7a; font-size: 12px; word-break: break-all; }
.scroll { overflow-x: auto; margin: 8px 0; }
svg.graph { display: block; font: 12px system-ui, sans-serif; }
svg.graph .edge path { fill: none; stroke: #7a8696; stroke-width: 1.6; }
svg.graph marker path { fill: #7a8696; }
svg.graph .edge.waived path { stroke: #5b3fc4; stroke-dasharray: 6 4; }
svg.graph .edge text { font: 11px ui-monospace, SFMono-Regular, Menlo, monospace; fill: #394452; paint-order: stroke; stroke: #fff; stroke-width: 4px; }
svg.graph .node rect { fill: #fff; stroke: #7a8696; stroke-width: 1.4; }
svg.graph .node.store rect { fill: #e8f0fe; stroke: #1a56c4; stroke-width: 2; }
svg.graph .node.public rect { fill: #fdecea; stroke: var(--crit); stroke-width: 2; }
svg.graph .node.default-group rect { fill: #fff4e5; stroke: var(--high); }
svg.graph .node.sev-critical rect { stroke: var(--crit); stroke-width: 2.2; }
svg.graph .node.sev-high rect { stroke: var(--high); stroke-width: 2; }
svg.graph .node .label { font-weight: 600; fill: #1d232b; }
svg.graph .node .sub { font-size: 11px; fill: #5f6b7a; }
svg.graph a.node:hover rect, svg.graph a.node:focus rect { fill: #fff8c5; }
.sev { font-weight: 700; text-transform: uppercase; font-size: 11px; }
.sev.critical { color: var(--crit); } .sev.high { color: var(--high); } .sev.medium { color: var(--med); } .sev.low { color: var(--low); }
tr.waived td { background: #f3f0ff; }
.waiver { display: inline-block; background: #5b3fc4; color: #fff; font-size: 11px; font-weight: 700; padding: 0 6px; border-radius: 8px; }
.findings td.msg { max-width: 760px; }
.findings details { margin-top: 2px; }
.findings pre { white-space: pre-wrap; margin: 4px 0 0; font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
.resource-block { margin-top: 10px; }
.resource-block:target h4 { background: #fff8c5; }
h4 { font-size: 13px; margin: 8px 0 4px; }
[hidden] { display: none !important; }
`;

/** Filters: which stack, the lowest severity shown, one policy. Hides finding rows and whole stacks. */
const SCRIPT = `
(function () {
  var order = { critical: 0, high: 1, medium: 2, low: 3 };
  var stack = document.getElementById("filter-stack");
  var severity = document.getElementById("filter-severity");
  var policy = document.getElementById("filter-policy");
  var count = document.getElementById("shown-count");
  function apply() {
    var minimum = severity.value === "" ? 99 : order[severity.value];
    Array.prototype.forEach.call(document.querySelectorAll("[data-stack-section]"), function (section) {
      section.hidden = stack.value !== "" && section.getAttribute("data-stack-section") !== stack.value;
    });
    Array.prototype.forEach.call(document.querySelectorAll("tr[data-stack-row]"), function (row) {
      row.hidden = stack.value !== "" && row.getAttribute("data-stack-row") !== stack.value;
    });
    var shown = 0;
    Array.prototype.forEach.call(document.querySelectorAll("tr[data-severity]"), function (row) {
      var rank = order[row.getAttribute("data-severity")];
      var hide = (rank === undefined ? 4 : rank) > minimum ||
        (policy.value !== "" && row.getAttribute("data-policy") !== policy.value) ||
        (stack.value !== "" && row.getAttribute("data-stack") !== stack.value);
      row.hidden = hide;
      if (!hide && row.hasAttribute("data-count")) { shown++; }
    });
    Array.prototype.forEach.call(document.querySelectorAll(".resource-block"), function (block) {
      block.hidden = block.querySelectorAll("tr[data-severity]:not([hidden])").length === 0;
    });
    count.textContent = shown + " finding" + (shown === 1 ? "" : "s") + " shown";
  }
  [stack, severity, policy].forEach(function (select) { select.addEventListener("change", apply); });
  apply();
})();
`;

const SCRIPT_HASH = createHash("sha256").update(SCRIPT).digest("base64");

/** The page's Content-Security-Policy: nothing may be loaded; only the report's own script may run. */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'`;

function severityCell(severity: string): string {
    return `<span class="sev ${escapeHtml(severity || "none")}">${escapeHtml(severity || "-")}</span>`;
}

function findingRow(f: Finding, stackIndex: number, context: HtmlReportContext, policies: ReadonlyMap<string, PolicyInfo>, counted: boolean): string {
    const location = context.locationOf(f);
    const remediation = policies.get(f.policy)?.remediationSteps ?? "";
    const level = f.waiver ? "waived" : f.level;
    return (
        `<tr class="${f.waiver ? "waived" : escapeHtml(f.level)}" data-stack="${stackIndex}" data-severity="${escapeHtml(f.severity)}" data-policy="${escapeHtml(f.policy)}" data-level="${level}"${counted ? " data-count" : ""}>` +
        `<td>${severityCell(f.severity)}</td>` +
        `<td>${f.waiver ? `<span class="waiver">WAIVED</span> until ${escapeHtml(f.waiver.expires)}: ${escapeHtml(f.waiver.reason)}` : escapeHtml(f.level)}${context.failing.has(f) ? " (fails the run)" : ""}</td>` +
        `<td><code>${escapeHtml(f.policy)}</code></td>` +
        `<td>${escapeHtml(f.resourceName)}${location ? `<br><span class="meta">at ${escapeHtml(location)}</span>` : ""}</td>` +
        `<td class="msg">${escapeHtml(f.message)}${remediation ? `<details><summary>Remediation</summary><pre>${escapeHtml(remediation)}</pre></details>` : ""}</td>` +
        `</tr>`
    );
}

const FINDING_HEAD = "<tr><th>Severity</th><th>Level</th><th>Policy</th><th>Resource</th><th>Finding</th></tr>";

function storeSection(
    store: StoreExposure,
    ids: { stack: number; store: number },
    findings: readonly Finding[],
    context: HtmlReportContext,
    policies: ReadonlyMap<string, PolicyInfo>,
): string {
    const id = `s${ids.stack}-st${ids.store}`;
    const byUrn = new Map<string, Finding[]>();
    for (const f of findings) {
        byUrn.set(f.resourceUrn, [...(byUrn.get(f.resourceUrn) ?? []), f]);
    }
    const nodesWithUrn = store.nodes.filter((n) => n.urn !== undefined && (byUrn.get(n.urn) ?? []).length > 0);
    const urns = [...new Set(nodesWithUrn.map((n) => n.urn!))];
    const anchors = new Map(urns.map((urn, i) => [urn, `${id}-r${i}`]));
    const closed = store.paths.length === 0;
    const kinds = [...new Set(store.paths.map((p) => p.kind))];
    const status = closed ? `<span class="status closed">closed: no path</span>` : `<span class="status exposed">exposed: ${store.paths.length} path${store.paths.length === 1 ? "" : "s"}</span>`;
    const graph = storeGraphSvg(store, id, anchors, (urn) => byUrn.get(urn) ?? []);
    const blocks = urns
        .map((urn) => {
            const own = sortBySeverity(byUrn.get(urn) ?? []);
            const node = store.nodes.find((n) => n.urn === urn)!;
            return (
                `<div class="resource-block" id="${anchors.get(urn)}"><h4>${escapeHtml(node.type === undefined ? node.label : (findings.find((f) => f.resourceUrn === urn)?.resourceName ?? node.label))} <span class="meta">${escapeHtml(node.type ?? "")}</span></h4>` +
                `<table class="findings">${FINDING_HEAD}${own.map((f) => findingRow(f, ids.stack, context, policies, false)).join("")}</table></div>`
            );
        })
        .join("");
    return (
        `<section class="store ${closed ? "closed" : "exposed"}" id="${id}" data-store="${escapeHtml(store.name)}" data-closed="${closed}">` +
        `<div class="graph-block"><h3>${escapeHtml(store.name)} ${status}</h3>` +
        `<div class="meta">${escapeHtml(store.label)} · ${escapeHtml(store.urn)}${kinds.length ? ` · through ${escapeHtml(kinds.join(", "))}` : ""}</div>` +
        `<div class="scroll">${graph}</div></div>` +
        (closed ? `<p>No path from this store to the internet, another account or an identity without MFA was found in the stack.</p>` : "") +
        blocks +
        `</section>`
    );
}

function sortBySeverity(findings: readonly Finding[]): Finding[] {
    return [...findings].sort(
        (a, b) => (a.level === b.level ? 0 : a.level === "mandatory" ? -1 : 1) || severityRank(a.severity) - severityRank(b.severity) || a.policy.localeCompare(b.policy) || a.message.localeCompare(b.message),
    );
}

function severitySummary(findings: readonly Finding[]): string {
    const rows = SEVERITY_ORDER.map((severity) => {
        const own = findings.filter((f) => f.severity === severity);
        const mandatory = own.filter((f) => f.level === "mandatory").length;
        const waived = own.filter((f) => f.waiver).length;
        return `<tr data-summary-severity="${severity}"><td>${severityCell(severity)}</td><td class="n">${mandatory}</td><td class="n">${own.length - mandatory - waived}</td><td class="n">${waived}</td></tr>`;
    }).join("");
    return `<table class="by-severity"><caption><h2>By severity</h2></caption><tr><th>Severity</th><th>Mandatory</th><th>Advisory</th><th>Waived</th></tr>${rows}</table>`;
}

function storeSummary(result: ScanResult, context: HtmlReportContext): string {
    const rows: string[] = [];
    context.exposures.forEach((stack, s) => {
        stack.stores.forEach((store, i) => {
            const urns = new Set(store.nodes.flatMap((n) => (n.urn ? [n.urn] : [])));
            const own = result.findings.filter((f) => f.file === stack.file && urns.has(f.resourceUrn));
            const counts = SEVERITY_ORDER.map((severity) => `<td class="n">${own.filter((f) => f.severity === severity && !f.waiver).length}</td>`).join("");
            const closed = store.paths.length === 0;
            rows.push(
                `<tr data-stack-row="${s}"><td><a href="#s${s}-st${i}">${escapeHtml(store.name)}</a></td><td>${escapeHtml(`${stack.project}/${stack.stack}`)}</td><td>${escapeHtml(store.label)}</td>` +
                    `<td>${closed ? '<span class="status closed">closed</span>' : `<span class="status exposed">${store.paths.length} path${store.paths.length === 1 ? "" : "s"}</span>`}</td>${counts}</tr>`,
            );
        });
    });
    const head = `<tr><th>Store</th><th>Stack</th><th>Kind</th><th>Exposure</th>${SEVERITY_ORDER.map((s) => `<th>${s}</th>`).join("")}</tr>`;
    return `<table class="by-store"><caption><h2>By key-material store</h2></caption>${head}${rows.join("") || `<tr><td colspan="8">No store is classified as key material (see pack-settings).</td></tr>`}</table>`;
}

/** The HTML report. */
export function formatHtml(result: ScanResult, context: HtmlReportContext): string {
    const policies = new Map(result.pack.policies.map((p) => [p.name, p]));
    const policyNames = [...new Set(result.findings.map((f) => f.policy))].sort();
    const stackOptions = result.inputs.map((input, i) => `<option value="${i}">${escapeHtml(`${input.stack} (${input.file})`)}</option>`).join("");
    const sections = result.inputs
        .map((input, s) => {
            const exposure = context.exposures[s];
            const findings = result.findings.filter((f) => f.file === input.file);
            const stores = exposure?.stores.map((store, i) => storeSection(store, { stack: s, store: i }, findings, context, policies)).join("") ?? "";
            const all = sortBySeverity(findings)
                .map((f) => findingRow(f, s, context, policies, true))
                .join("");
            return (
                `<section class="stack" data-stack-section="${s}" id="s${s}">` +
                `<h2>Stack ${escapeHtml(input.stack)} <span class="meta">project ${escapeHtml(input.project)} · ${escapeHtml(input.file)} · ${input.resources} resources · ${input.mandatory} mandatory, ${input.advisory} advisory</span></h2>` +
                (stores || `<p>No store of this stack is classified as key material.</p>`) +
                `<details class="all-findings"${findings.length <= 60 ? " open" : ""}><summary>All ${findings.length} findings of this stack</summary>` +
                `<table class="findings">${FINDING_HEAD}${all}</table></details>` +
                `</section>`
            );
        })
        .join("");
    const failing = context.failing.size;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(`Key-material exposure: ${result.inputs.map((i) => `${i.project}/${i.stack}`).join(", ")}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>Key-material exposure</h1><p>${escapeHtml(
        `${result.inputs.length} stack(s), ${result.inputs.reduce((n, i) => n + i.resources, 0)} resources, ${result.mandatory} mandatory and ${result.advisory} advisory findings (${failing} fail the run); ${result.pack.name} ${result.pack.version}, ${context.tool.name} ${context.tool.version}`,
    )}</p></header>
<main>
<div class="summary">${storeSummary(result, context)}${severitySummary(result.findings)}</div>
<div class="filters" role="group" aria-label="Filters">
<label>Stack<select id="filter-stack"><option value="">all</option>${stackOptions}</select></label>
<label>Severity at least<select id="filter-severity"><option value="">low (all)</option>${SEVERITY_ORDER.slice(0, 3)
        .map((s) => `<option value="${s}">${s}</option>`)
        .join("")}</select></label>
<label>Policy<select id="filter-policy"><option value="">all</option>${policyNames.map((p) => `<option value="${escapeHtml(p)}">${escapeHtml(p)}</option>`).join("")}</select></label>
<span id="shown-count" class="meta"></span>
</div>
${sections}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
