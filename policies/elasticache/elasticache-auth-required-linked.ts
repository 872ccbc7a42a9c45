import { undecided, violation } from "../lib/readers/checks";
import { userWithoutCredential } from "./lib/elasticache";
import { StackGraph, referenceValues } from "../lib/aws/graph";
import { linkedMetadata, stackPolicy, type Finding, type StackResource } from "../lib/core/policy";
import { read, UNKNOWN } from "../lib/readers/values";
import { ELASTICACHE_REPLICATION_GROUP, ELASTICACHE_SERVERLESS_CACHE, ELASTICACHE_USER, ELASTICACHE_USER_GROUP, ELASTICACHE_USER_GROUP_ASSOCIATION } from "../lib/aws/types";
import { elasticacheAuthRequired } from "./elasticache-auth-required";

const RG = ELASTICACHE_REPLICATION_GROUP;
const SERVERLESS = ELASTICACHE_SERVERLESS_CACHE;
const USER = ELASTICACHE_USER;
const USER_GROUP = ELASTICACHE_USER_GROUP;
const ASSOCIATION = ELASTICACHE_USER_GROUP_ASSOCIATION;

/** The built-in user ElastiCache creates itself: no password, full access. */
const BUILT_IN_DEFAULT_USER = "default";

interface Members {
    users: StackResource[];
    builtInDefault: boolean;
}

/**
 * Users named by an input (`userIds` of a group, `userId` of an association), by dependency, id or `userId` (the
 * graph indexes both: during a preview of a new stack a user's id is unknown, but its `userId` input is the id it
 * will get), each value resolved to the copy of the user that belongs with the resource.
 */
function usersOf(graph: StackGraph, resource: StackResource, property: string, into: Members): void {
    graph.referenced(resource, property, [USER]).resources.forEach((u) => into.users.push(u));
    for (const value of referenceValues(read(resource.props, property))) {
        if (value !== UNKNOWN && value.toLowerCase() === BUILT_IN_DEFAULT_USER && graph.find(value, [USER]).length === 0) {
            into.builtInDefault = true;
        }
    }
}

function membersOf(graph: StackGraph, group: StackResource): Members {
    const members: Members = { users: [], builtInDefault: false };
    usersOf(graph, group, "userIds", members);
    for (const association of graph.referencing(group, [ASSOCIATION], "userGroupId")) {
        usersOf(graph, association, "userId", members);
    }
    members.users = [...new Set(members.users)];
    return members;
}

function groupsOf(graph: StackGraph, cache: StackResource, property: string): StackResource[] {
    // By dependency, id or the group's `userGroupId` input (its id to be, known even in a preview).
    return graph.referenced(cache, property, [USER_GROUP]).resources;
}

export const elasticacheAuthRequiredLinked = stackPolicy({
    name: "elasticache-auth-required-linked",
    description: "No user in an RBAC user group attached to an ElastiCache cache may log in without a credential.",
    ...linkedMetadata(elasticacheAuthRequired),
    // A tool checks the linked resource under another rule id.
    refs: { ...elasticacheAuthRequired.refs, securityHub: [] },
    resourceTypes: [RG, SERVERLESS, USER_GROUP, USER, ASSOCIATION],
    remediationSteps: [
        "1. Give every user of the attached aws.elasticache.UserGroup a credential: `authenticationMode: { type: \"iam\" }` or passwords through `passwordsWo`.",
        "2. Replace the built-in `default` user in the group by your own user with `userName: \"default\"` and access string `off -@all`.",
        "3. Remove `noPasswordRequired`, `type: \"no-password-required\"` and `nopass` rules from users that stay enabled.",
    ].join("\n"),
    check: ({ resources }) => {
        const graph = StackGraph.of(resources);
        const findings: Finding[] = [];
        const caches: [StackResource, string][] = [
            ...graph.ofType(RG).map((r): [StackResource, string] => [r, "userGroupIds"]),
            ...graph.ofType(SERVERLESS).map((r): [StackResource, string] => [r, "userGroupId"]),
        ];
        for (const [cache, property] of caches) {
            for (const group of groupsOf(graph, cache, property)) {
                const members = membersOf(graph, group);
                if (members.builtInDefault) {
                    findings.push(
                        violation(
                            property,
                            `The attached user group \`${group.name}\` contains the built-in \`default\` user, which needs no password and may run every command, so anyone who reaches the cache is authenticated. Replace it by your own user named "default" with access string \`off -@all\`.`,
                            cache.urn,
                        ),
                    );
                }
                for (const user of members.users) {
                    const open = userWithoutCredential(user.props);
                    if (open === true) {
                        findings.push(
                            violation(
                                property,
                                `The attached user group \`${group.name}\` contains the user \`${user.name}\`, which logs in without any credential, so the cache is effectively unauthenticated. Give that user IAM or password authentication, or disable it (\`off\`).`,
                                cache.urn,
                            ),
                        );
                    } else if (open === UNKNOWN) {
                        findings.push(
                            undecided(property, `Whether the user \`${user.name}\` of the attached group \`${group.name}\` needs a credential is computed; the policy re-checks at update time.`, cache.urn),
                        );
                    }
                }
            }
        }
        return findings;
    },
});
