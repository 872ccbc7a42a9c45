// Key-policy fixtures shared by the kms-* tests: the well-built pattern and the AWS default policy.

export const ACCOUNT = "111122223333";
export const ADMIN_ROLE = `arn:aws:iam::${ACCOUNT}:role/KeyAdmin`;
export const APP_ROLE = `arn:aws:iam::${ACCOUNT}:role/WalletService`;

export const adminStatement = {
    Sid: "KeyAdministration",
    Effect: "Allow",
    Principal: { AWS: ADMIN_ROLE },
    Action: [
        "kms:Create*",
        "kms:Describe*",
        "kms:Enable*",
        "kms:List*",
        "kms:Put*",
        "kms:Update*",
        "kms:Revoke*",
        "kms:Disable*",
        "kms:Get*",
        "kms:Delete*",
        "kms:TagResource",
        "kms:UntagResource",
        "kms:ScheduleKeyDeletion",
        "kms:CancelKeyDeletion",
    ],
    Resource: "*",
};

export const usageStatement = {
    Sid: "KeyUsageThroughRds",
    Effect: "Allow",
    Principal: { AWS: [APP_ROLE] },
    Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
    Resource: "*",
    Condition: { StringEquals: { "kms:ViaService": "rds.eu-west-1.amazonaws.com" } },
};

export const grantStatement = {
    Sid: "AllowAttachmentOfPersistentResources",
    Effect: "Allow",
    Principal: { AWS: APP_ROLE },
    Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
    Resource: "*",
    Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
};

export const logsServiceStatement = {
    Sid: "CloudWatchLogs",
    Effect: "Allow",
    Principal: { Service: "logs.eu-west-1.amazonaws.com" },
    Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
    Resource: "*",
    Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:*` } },
};

export const rootStatement = {
    Sid: "Enable IAM User Permissions",
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
    Action: "kms:*",
    Resource: "*",
};

export function doc(...statements: unknown[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export const goodPolicy = doc(adminStatement, usageStatement, grantStatement, logsServiceStatement);
export const defaultPolicy = doc(rootStatement);
