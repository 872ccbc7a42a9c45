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
        return [violation(property, `\`${property}\` is true, so this database/key host gets a public IP and is one security-group rule away from the Internet. ${FIX}`)];
    }
    if (reading === INVALID) {
        return [violation(property, `\`${property}\` is not a boolean. ${FIX}`)];
    }
    return [];
}

export const ec2DbHostNoPublicIp = resourcePolicy<DbHostConfig>({
    name: "ec2-db-host-no-public-ip",
    description: "EC2 instances and launch templates tagged or named as database or key-material hosts must not get a public IP address.",
    controls: [27],
    category: "network-isolation",
    severity: "high",
    enforcementLevel: "advisory",
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
        "3. Tag database and key hosts (e.g. `role=database` or `data-class=key-material`) so this policy knows them; adjust `dbHostTags` / `dbHostNamePatterns` in the policy config to your conventions.",
        "4. The policy is advisory by default because hosts are recognised by convention; make it mandatory once your tags are reliable.",
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
            return findings.map((f) => ({ ...f, undecided: true, message: `${f.message} (The tags are computed, so whether this is a database/key host is only known at update time.)` }));
        }
        return findings;
    },
});
