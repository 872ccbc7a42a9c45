// The engine-side test harness: start a policy pack as the Pulumi CLI does, speak the Analyzer protocol to it,
// and feed it deployments captured from real Pulumi programs. No test-framework imports: a CLI can reuse it.

export * from "./capture";
export * from "./config";
export * from "./engine";
export * from "./model";
export * from "./pack";
export * from "./report";
export * from "./values";
