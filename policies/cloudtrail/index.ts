import type { AnyPolicyDefinition } from "../lib/core/policy";
import { cloudtrailAlarmsKeyEvents } from "./cloudtrail-alarms-key-events";
import { cloudtrailDataEventsKeyStores } from "./cloudtrail-data-events-key-stores";
import { cloudtrailKmsEventsNotExcluded } from "./cloudtrail-kms-events-not-excluded";
import { cloudtrailMultiRegionEncryptedValidated } from "./cloudtrail-multi-region-encrypted-validated";

export const cloudtrailPolicies: AnyPolicyDefinition[] = [
    cloudtrailMultiRegionEncryptedValidated,
    cloudtrailKmsEventsNotExcluded,
    cloudtrailDataEventsKeyStores,
    cloudtrailAlarmsKeyEvents,
];
