import { describe, expect, it } from "vitest";
import { cloudtrailDataEventsKeyStores as policy } from "../../../policies/cloudtrail/cloudtrail-data-events-key-stores";
import { evaluateStack, UNKNOWN, urnOf, type StackInputResource } from "../../support/evaluate";

const TRAIL = "aws:cloudtrail/trail:Trail";
const TABLE = "aws:dynamodb/table:Table";
const BUCKET = "aws:s3/bucket:Bucket";
const table: StackInputResource = { type: TABLE, name: "keys", props: { name: "keys", arn: "arn:aws:dynamodb:eu-west-1:1:table/keys" } };
const bucket: StackInputResource = { type: BUCKET, name: "seeds", props: { bucket: "seeds-bucket", arn: "arn:aws:s3:::seeds-bucket" } };
const logs: StackInputResource = { type: BUCKET, name: "trail-logs", props: { bucket: "trail-logs-bucket", arn: "arn:aws:s3:::trail-logs-bucket" } };
const trail = (props: Record<string, unknown>, propertyDependencies?: Record<string, string[]>): StackInputResource => ({
    type: TRAIL,
    name: "main",
    props: { s3BucketName: "trail-logs-bucket", ...props },
    propertyDependencies,
});
const run = (resources: StackInputResource[], config?: Record<string, unknown>) => {
    const result = evaluateStack(policy, resources, config);
    return { result, violations: result.violations.map((d) => [d.urn, d.property]), undecided: result.undecided.map((d) => [d.urn, d.property]) };
};

describe("cloudtrail-data-events-key-stores", () => {
    it("passes when the trail records data events for the table and bucket (the log bucket is exempt)", () => {
        const selectors = [
            {
                readWriteType: "All",
                dataResources: [
                    { type: "AWS::DynamoDB::Table", values: ["arn:aws:dynamodb:eu-west-1:1:table/keys"] },
                    { type: "AWS::S3::Object", values: ["arn:aws:s3:::seeds-bucket/"] },
                ],
            },
        ];
        expect(run([table, bucket, logs, trail({ eventSelectors: selectors })]).result.diagnostics).toEqual([]);
    });

    it("passes account-wide data selectors and advanced selectors", () => {
        const all = [{ dataResources: [{ type: "AWS::DynamoDB::Table", values: ["arn:aws:dynamodb"] }, { type: "AWS::S3::Object", values: ["arn:aws:s3"] }] }];
        expect(run([table, bucket, logs, trail({ eventSelectors: all })]).result.diagnostics).toEqual([]);
        const advanced = ["AWS::DynamoDB::Table", "AWS::S3::Object"].map((t) => ({ fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: [t] }] }));
        expect(run([table, bucket, logs, trail({ advancedEventSelectors: advanced })]).result.diagnostics).toEqual([]);
    });

    it("flags a trail without data events, naming the stores, at advisory level", () => {
        const { result, violations } = run([table, bucket, logs, trail({})]);
        expect(violations).toEqual([[urnOf(TRAIL, "main"), "eventSelectors"]]);
        expect(result.violations[0]!.level).toBe("advisory");
        expect(result.violations[0]!.message).toMatch(/table keys, bucket seeds/);
    });

    it("flags write-only data selectors (reads are what reveals theft)", () => {
        const writeOnly = [{ readWriteType: "WriteOnly", dataResources: [{ type: "AWS::DynamoDB::Table", values: ["arn:aws:dynamodb"] }] }];
        expect(run([table, trail({ eventSelectors: writeOnly })]).violations).toEqual([[urnOf(TRAIL, "main"), "eventSelectors"]]);
        const advanced = [{ fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::DynamoDB::Table"] }, { field: "readOnly", equals: ["false"] }] }];
        expect(run([table, trail({ advancedEventSelectors: advanced })]).violations).toEqual([[urnOf(TRAIL, "main"), "advancedEventSelectors"]]);
    });

    it("only counts tagged stores when keyStoreTag is configured", () => {
        const tagged = { ...table, props: { ...table.props, tags: { "data-classification": "key-material" } } };
        const config = { keyStoreTag: "data-classification=key-material" };
        expect(run([bucket, trail({})], config).result.diagnostics).toEqual([]);
        expect(run([tagged, bucket, trail({})], config).violations).toEqual([[urnOf(TRAIL, "main"), "eventSelectors"]]);
        // The same tag reading as the pack-wide classification: tagsAll (provider default tags) counts, keys in any case.
        const viaTagsAll = { ...table, props: { ...table.props, tags: {}, tagsAll: { "Data-Classification": "key-material" } } };
        expect(run([viaTagsAll, bucket, trail({})], config).violations).toEqual([[urnOf(TRAIL, "main"), "eventSelectors"]]);
        const other = { ...table, props: { ...table.props, tags: { "data-classification": "public" } } };
        expect(run([other, bucket, trail({})], config).result.diagnostics).toEqual([]);
    });

    it("does not flag stacks without a trail", () => {
        expect(run([table, bucket]).result.diagnostics).toEqual([]);
    });

    describe("preview", () => {
        it("links computed ARNs through propertyDependencies", () => {
            const unknownTable = { ...table, props: { name: UNKNOWN, arn: UNKNOWN } };
            const selectors = [{ dataResources: [{ type: "AWS::DynamoDB::Table", values: [UNKNOWN] }] }];
            const { result } = run([unknownTable, trail({ eventSelectors: selectors }, { eventSelectors: ["keys"] })]);
            expect(result.cantRun).toBe(false);
            expect(result.diagnostics).toEqual([]);
        });

        it("is undecided when the selector values are computed from elsewhere", () => {
            const selectors = [{ dataResources: [{ type: "AWS::DynamoDB::Table", values: [UNKNOWN] }] }];
            const { result, undecided } = run([table, trail({ eventSelectors: selectors })]);
            expect(result.violations).toEqual([]);
            expect(undecided).toEqual([[urnOf(TRAIL, "main"), "eventSelectors"]]);
        });
    });
});
