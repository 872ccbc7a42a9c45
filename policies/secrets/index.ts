import type { AnyPolicyDefinition } from "../lib/core/policy";
import { databasePasswordNotInState } from "./database-password-not-in-state";
import { secretsmanagerBlockPublicPolicy } from "./secretsmanager-block-public-policy";
import { secretsmanagerCmk } from "./secretsmanager-cmk";
import { secretsmanagerNoPlaintextSecretInState } from "./secretsmanager-no-plaintext-secret-in-state";
import { secretsmanagerPolicyNotPublic } from "./secretsmanager-policy-not-public";
import { secretsmanagerRecoveryWindow } from "./secretsmanager-recovery-window";
import { secretsmanagerRotation } from "./secretsmanager-rotation";
import { ssmParameterCmk } from "./ssm-parameter-cmk";
import { ssmParameterSecurestring } from "./ssm-parameter-securestring";
import { workloadEnvNoPlaintextCredentials } from "./workload-env-no-plaintext-credentials";

export const secretsPolicies: AnyPolicyDefinition[] = [
    secretsmanagerCmk,
    secretsmanagerRotation,
    secretsmanagerPolicyNotPublic,
    secretsmanagerBlockPublicPolicy,
    secretsmanagerNoPlaintextSecretInState,
    secretsmanagerRecoveryWindow,
    ssmParameterSecurestring,
    ssmParameterCmk,
    workloadEnvNoPlaintextCredentials,
    databasePasswordNotInState,
];
