// What a report may quote from the inputs (README "What the output may quote").
//
// The pack's messages quote network facts that locate a hole: CIDRs and IP addresses, security-group and
// prefix-list ids (and other AWS resource ids), statement Sids, and short values in double quotes ("all", "*").
// Those are quoted even when the state holds them as secrets (a secret-wrapped ingress list): the policy SDK hands
// the pack plain values. The scanner knows which values each resource holds as secrets, and replaces a value the
// message quotes in one of those forms when it is a secret of the finding's resource or of a resource the
// message names. Nothing else is touched: a secret username "admin" does not turn the word "admin" in a message
// into "[secret]" (that would mangle the text and tell the reader what the secret is).

import { REDACTED } from "./inputs";

/** The forms in which the pack quotes a value; group 1 is the value. */
const QUOTED_FORMS: readonly RegExp[] = [
    // IPv4 addresses and CIDRs ("0.0.0.0/0:port 5432": a colon may follow).
    /(?<![\w.:/-])((?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?)(?![\w./])/g,
    // IPv6 addresses and CIDRs.
    /(?<![\w.:/-])((?:[0-9a-fA-F]{1,4})?(?::[0-9a-fA-F]{0,4}){2,7}(?:\/\d{1,3})?)(?![\w./]|:[0-9a-fA-F/])/g,
    // AWS resource ids: sg-, pl-, vpce-, vpc-, subnet-, eni-, igw-, nat-, rtb-, tgw-, pcx-.
    /(?<![\w-])((?:sg|pl|vpce|vpc|subnet|eni|igw|nat|rtb|tgw|pcx)-[0-9a-f]{8,17})(?![\w-])/g,
    // Statement Sids: Sid "<sid>".
    /\bSid "((?:[^"\\]|\\.)*)"/g,
    // A value in double quotes.
    /"((?:[^"\\]|\\.){1,200})"/g,
];

/** Secret values whose exposure a message about these resources may carry. */
export function secretsInScope(message: string, resourceUrn: string, secretsByUrn: ReadonlyMap<string, readonly string[]>, urnOfName: ReadonlyMap<string, string[]>): Set<string> {
    const scope = new Set<string>(secretsByUrn.get(resourceUrn) ?? []);
    if (secretsByUrn.size === 0) {
        return scope;
    }
    // Resources the message names (the pack names related resources by their Pulumi name).
    for (const token of message.split(/[^\w.-]+/)) {
        for (const candidate of [token, token.replace(/\.+$/, "")]) {
            for (const urn of urnOfName.get(candidate) ?? []) {
                for (const value of secretsByUrn.get(urn) ?? []) {
                    scope.add(value);
                }
            }
        }
    }
    return scope;
}

/** A secret value as the pack may have quoted it: whole, JSON-escaped, or cut to 60 characters. */
function isSecretValue(quoted: string, secrets: ReadonlySet<string>): boolean {
    if (secrets.has(quoted)) {
        return true;
    }
    let unescaped: string | undefined;
    try {
        unescaped = JSON.parse(`"${quoted}"`) as string;
    } catch {
        unescaped = undefined;
    }
    if (unescaped !== undefined && secrets.has(unescaped)) {
        return true;
    }
    if ((unescaped ?? quoted).length === 60) {
        for (const value of secrets) {
            if (value.length > 60 && value.startsWith(unescaped ?? quoted)) {
                return true;
            }
        }
    }
    return false;
}

/** The message with every quoted secret value replaced by "[secret]". */
export function redactQuotedSecrets(message: string, secrets: ReadonlySet<string>): string {
    if (secrets.size === 0) {
        return message;
    }
    let out = message;
    for (const form of QUOTED_FORMS) {
        out = out.replace(form, (whole: string, value: string) => {
            if (value === REDACTED || !isSecretValue(value, secrets)) {
                return whole;
            }
            const at = whole.indexOf(value);
            return `${whole.slice(0, at)}${REDACTED}${whole.slice(at + value.length)}`;
        });
    }
    return out;
}
