import { describe, expect, it } from "vitest";
import type { StackResource } from "../../../policies/lib/core/policy";
import { describeListenPorts, opensStorePort, storeListenPorts } from "../../../policies/lib/aws/store-ports";
import * as T from "../../../policies/lib/aws/types";
import { snapshot, UNKNOWN } from "../../../policies/lib/readers/values";
import { UNKNOWN as SENTINEL } from "../../support/evaluate";

function store(type: string, props: Record<string, unknown>): StackResource {
    return { type, name: "s", urn: "urn:s", props: snapshot(props), dependencies: [], propertyDependencies: {} };
}

describe("storeListenPorts", () => {
    it.each<[string, Record<string, unknown>, number[]]>([
        [T.RDS_INSTANCE, { engine: "postgres" }, [5432]],
        [T.RDS_INSTANCE, { engine: "MySQL" }, [3306]],
        [T.RDS_INSTANCE, { engine: "mariadb" }, [3306]],
        [T.RDS_INSTANCE, { engine: "sqlserver-ex" }, [1433]],
        [T.RDS_INSTANCE, { engine: "oracle-se2" }, [1521]],
        [T.RDS_INSTANCE, { engine: "db2-ae" }, [50000]],
        [T.RDS_INSTANCE, { engine: "postgres", port: 6543 }, [6543]],
        [T.RDS_CLUSTER, { engine: "aurora-postgresql" }, [5432]],
        [T.RDS_CLUSTER, { engine: "aurora-mysql" }, [3306]],
        [T.RDS_PROXY, { engineFamily: "POSTGRESQL" }, [5432]],
        [T.DOCDB_CLUSTER, {}, [27017]],
        [T.DOCDB_CLUSTER, { port: 27018 }, [27018]],
        [T.NEPTUNE_CLUSTER, {}, [8182]],
        [T.REDSHIFT_CLUSTER, {}, [5439]],
        [T.ELASTICACHE_REPLICATION_GROUP, {}, [6379]],
        [T.ELASTICACHE_CLUSTER, { engine: "memcached" }, [11211]],
        [T.ELASTICACHE_SERVERLESS_CACHE, { engine: "valkey" }, [6379, 6380]],
        [T.MEMORYDB_CLUSTER, {}, [6379]],
        [T.DAX_CLUSTER, {}, [8111, 9111]],
        [T.OPENSEARCH_DOMAIN, {}, [80, 443, 9200]],
    ])("%s %j listens on %j", (type, props, ports) => {
        expect(storeListenPorts(store(type, props))).toEqual(ports);
    });

    it.each<[string, Record<string, unknown>]>([
        [T.RDS_INSTANCE, {}],
        [T.RDS_INSTANCE, { engine: SENTINEL }],
        [T.RDS_INSTANCE, { engine: "postgres", port: SENTINEL }],
        [T.RDS_INSTANCE, { engine: "some-new-engine" }],
        [T.RDS_PROXY, { engineFamily: "OTHER" }],
        [T.ELASTICACHE_CLUSTER, {}],
    ])("cannot tell %s %j: every port counts", (type, props) => {
        const listen = storeListenPorts(store(type, props));
        expect(listen).toBe(UNKNOWN);
        expect(opensStorePort({ from: 22, to: 22 }, listen)).toBe(true);
        expect(describeListenPorts(listen)).toBe("its port");
    });
});

describe("opensStorePort", () => {
    it("matches a rule's range against the store's ports; every-port and computed rules always count", () => {
        expect(opensStorePort({ from: 22, to: 22 }, [5432])).toBe(false);
        expect(opensStorePort({ from: 5000, to: 6000 }, [5432])).toBe(true);
        expect(opensStorePort({ from: 9000, to: 9200 }, [80, 443, 9200])).toBe(true);
        expect(opensStorePort("all", [5432])).toBe(true);
        expect(opensStorePort(UNKNOWN, [5432])).toBe(true);
        expect(describeListenPorts([8111, 9111])).toBe("ports 8111, 9111");
    });
});
