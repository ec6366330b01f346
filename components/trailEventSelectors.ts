// Which events the trail records, as CloudTrail selectors. Basic and advanced selectors cannot be
// mixed on one trail, so as soon as data events are configured management events are expressed as
// an advanced selector too.
import type * as aws from "@pulumi/aws";
import type { DataEventSettings } from "../config/settings";

type AdvancedSelector = aws.types.input.cloudtrail.TrailAdvancedEventSelector;
type FieldSelector = aws.types.input.cloudtrail.TrailAdvancedEventSelectorFieldSelector;
type BasicSelector = aws.types.input.cloudtrail.TrailEventSelector;

export type TrailSelectors =
    | { kind: "basic"; eventSelectors: BasicSelector[] }
    | { kind: "advanced"; advancedEventSelectors: AdvancedSelector[] };

function hasDataEvents(dataEvents: DataEventSettings): boolean {
    return dataEvents.s3.length > 0 || isSelected(dataEvents.lambda) || isSelected(dataEvents.dynamodb);
}

export function trailSelectors(dataEvents: DataEventSettings, excludeManagementEventSources: string[]): TrailSelectors {
    if (!hasDataEvents(dataEvents)) {
        return {
            kind: "basic",
            eventSelectors: [
                {
                    // Read and write: CIS 3.1 requires both; reads are how reconnaissance shows up.
                    readWriteType: "All",
                    includeManagementEvents: true,
                    excludeManagementEventSources,
                },
            ],
        };
    }
    const selectors: AdvancedSelector[] = [managementSelector(excludeManagementEventSources)];
    if (dataEvents.s3.length > 0) {
        selectors.push(
            dataSelector("S3 object-level events", "AWS::S3::Object", {
                field: "resources.ARN",
                // Already in prefix form (`arn:aws:s3:::bucket/`): config/formats.ts normalizeS3DataEventArn.
                startsWiths: dataEvents.s3,
            }),
        );
    }
    if (isSelected(dataEvents.lambda)) {
        selectors.push(dataSelector("Lambda invocations", "AWS::Lambda::Function", arnFilter(dataEvents.lambda)));
    }
    if (isSelected(dataEvents.dynamodb)) {
        selectors.push(dataSelector("DynamoDB item-level events", "AWS::DynamoDB::Table", arnFilter(dataEvents.dynamodb)));
    }
    return { kind: "advanced", advancedEventSelectors: selectors };
}

function managementSelector(excluded: string[]): AdvancedSelector {
    const fieldSelectors: FieldSelector[] = [{ field: "eventCategory", equals: ["Management"] }];
    if (excluded.length > 0) fieldSelectors.push({ field: "eventSource", notEquals: excluded });
    return { name: "Management events (read and write)", fieldSelectors };
}

function dataSelector(name: string, resourceType: string, arns: FieldSelector | undefined): AdvancedSelector {
    const fieldSelectors: FieldSelector[] = [
        { field: "eventCategory", equals: ["Data"] },
        { field: "resources.type", equals: [resourceType] },
    ];
    if (arns) fieldSelectors.push(arns);
    return { name, fieldSelectors };
}

/** "all" selects every resource of the type: no ARN field at all. */
function arnFilter(selection: string[] | "all"): FieldSelector | undefined {
    return selection === "all" ? undefined : { field: "resources.ARN", equals: selection };
}

function isSelected(selection: string[] | "all"): boolean {
    return selection === "all" || selection.length > 0;
}
