import { undecided, violation } from "../lib/readers/checks";
import { DB_HOST_CONFIG, INSTANCE, isDbHost, LAUNCH_TEMPLATE, SPOT_INSTANCE_REQUEST, type DbHostConfig } from "./lib/ec2";
import { resourcePolicy, type Finding } from "../lib/core/policy";
import { asBool, INVALID, isObject, UNKNOWN, type Plain } from "../lib/readers/values";

const FIX = "Set `associatePublicIpAddress: false`, launch the host in a private subnet and reach it through SSM Session Manager or a bastion.";

function judge(value: Plain, property: string): Finding[] {
    const reading = asBool(value);
    if (reading === UNKNOWN) {
        return [undecided(property, `\`${property}\` is computed, so it is only known at update time. ${FIX}`)];
    }
    if (reading === true) {
        return [violation(property, `\`${property}\` is true, so this database/key host gets a public IP and is one security-group rule away from the internet. ${FIX}`)];
    }
    if (reading === INVALID) {
        return [violation(property, `\`${property}\` is not a boolean. ${FIX}`)];
    }
    return [];
}

export const ec2DbHostNoPublicIp = resourcePolicy<DbHostConfig>({
    name: "ec2-db-host-no-public-ip",
    description: "EC2 instances and launch templates of database or key-material hosts (by tags, names, or user data that installs or runs a database server) must not get a public IP address.",
    controls: [27],
    category: "network-isolation",
    severity: "high",
    enforcementLevel: "mandatory",
    scope: "exposure",
    refs: {
        securityHub: ["EC2.9", "EC2.25"],
        pciDss: ["1.4.4"],
        nist: ["SC-7"],
        checkov: ["CKV_AWS_88"],
        trivy: ["AVD-AWS-0009"],
        cdkNag: ["EC2InstanceNoPublicIp"],
    },
    resourceTypes: [INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE],
    remediationSteps: [
        "1. Set `associatePublicIpAddress: false` on the aws.ec2.Instance (or `networkInterfaces[].associatePublicIpAddress: \"false\"` on the launch template).",
        "2. Place the host in a private subnet (no route to an Internet gateway, `mapPublicIpOnLaunch` false) and do not attach an Elastic IP.",
        "3. The policy knows a database host by its tags or names (`dbHostTags` / `dbHostNamePatterns` in the policy config; e.g. `role=database`) or by evidence: user data (plain, base64 or gzip) that installs a database server package (postgresql-server, mysql-server, mariadb-server, mongodb-org, redis-server, ...), runs a database container image (postgres, mysql, mongo, redis, ...) or starts a database service.",
        "4. A web server that only talks to a database is not a database host: it gets no finding from this policy.",
    ].join("\n"),
    config: DB_HOST_CONFIG,
    check: ({ props, name, type, config }) => {
        const findings: Finding[] = [];
        if (type === LAUNCH_TEMPLATE) {
            const interfaces = props["networkInterfaces"];
            if (interfaces === UNKNOWN) {
                findings.push(...judge(UNKNOWN, "networkInterfaces"));
            } else if (Array.isArray(interfaces)) {
                interfaces.forEach((nic, i) => {
                    if (nic === UNKNOWN || isObject(nic)) {
                        findings.push(...judge(nic === UNKNOWN ? UNKNOWN : nic["associatePublicIpAddress"], `networkInterfaces.${i}.associatePublicIpAddress`));
                    }
                });
            }
        } else {
            findings.push(...judge(props["associatePublicIpAddress"], "associatePublicIpAddress"));
        }
        if (findings.length === 0) {
            return [];
        }
        const host = isDbHost(name, props, config);
        if (host === false) {
            return [];
        }
        if (host === UNKNOWN) {
            return findings.map((f) => ({ ...f, undecided: true, message: `${f.message} (The tags or user data are computed, so whether this is a database/key host is only known at update time.)` }));
        }
        return findings;
    },
});
