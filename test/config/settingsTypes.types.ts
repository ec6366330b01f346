// The Settings types are derived from the config schema (config/settings.ts); this pins what they
// must come out as, so a schema change that loosens one (to unknown, say) fails type-checking.
import type { ArchiveRetention, DataEventSettings, NotificationSettings, ObjectLockSettings, ProtectionSettings, RetentionSettings, TrailSettings } from "../../config/settings";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export const derivedSettingsTypes: [
    Equals<RetentionSettings["logGroupDays"], number>,
    Equals<RetentionSettings["accessLogExpirationDays"], number>,
    Equals<ArchiveRetention["expirationDays"], number>,
    Equals<ArchiveRetention["transitions"][number]["storageClass"], "STANDARD_IA" | "INTELLIGENT_TIERING" | "ONEZONE_IA" | "GLACIER_IR" | "GLACIER" | "DEEP_ARCHIVE">,
    Equals<ObjectLockSettings, { mode: "COMPLIANCE" | "GOVERNANCE"; days: number }>,
    Equals<DataEventSettings["s3"], string[]>,
    Equals<DataEventSettings["lambda"], string[] | "all">,
    Equals<TrailSettings["name"], string>,
    Equals<TrailSettings["organizationTrail"], boolean>,
    Equals<TrailSettings["insights"], ("ApiCallRateInsight" | "ApiErrorRateInsight")[]>,
    Equals<NotificationSettings["email"], string[]>,
    Equals<ProtectionSettings, { protect: boolean; retainOnDelete: boolean; forceDestroy: boolean }>,
] = [true, true, true, true, true, true, true, true, true, true, true, true];
