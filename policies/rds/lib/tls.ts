// What the two RDS TLS policies share: both enforce catalog row 9 (a parameter group in the stack, or the engine's
// default group, that forces TLS), so they carry the same public control ids.

import type { ControlRefs } from "../../lib/core/policy";

export const RDS_TLS_REFS: ControlRefs = {
    securityHub: ["RDS.38", "RDS.39", "RDS.41", "RDS.44"],
    pciDss: ["4.2.1"],
    nist: ["SC-8"],
    checkov: ["CKV2_AWS_69"],
};
