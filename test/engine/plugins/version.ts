// The version the stand-in AWS provider reports: the @pulumi/aws the stacks are written against.
export const PROVIDER_VERSION = "7.48.0";
