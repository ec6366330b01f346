// The Regions of each AWS partition, as of this release: a multi-Region trail delivers from every
// enabled one, and the Glue table's partition projection must list them (an `enum` projection reads
// only the values it names). A Region AWS opens later needs a line here and a `pulumi up`; until
// then Athena does not see its logs (docs/investigation.md says so). Opt-in Regions that an account
// has not enabled cost nothing here: their prefixes are simply empty.

const REGIONS_BY_PARTITION: Readonly<Record<string, readonly string[]>> = {
    aws: [
        "af-south-1",
        "ap-east-1",
        "ap-east-2",
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-south-1",
        "ap-south-2",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-southeast-3",
        "ap-southeast-4",
        "ap-southeast-5",
        "ap-southeast-6",
        "ap-southeast-7",
        "ca-central-1",
        "ca-west-1",
        "eu-central-1",
        "eu-central-2",
        "eu-north-1",
        "eu-south-1",
        "eu-south-2",
        "eu-west-1",
        "eu-west-2",
        "eu-west-3",
        "il-central-1",
        "me-central-1",
        "me-south-1",
        "mx-central-1",
        "sa-east-1",
        "us-east-1",
        "us-east-2",
        "us-west-1",
        "us-west-2",
    ],
    "aws-cn": ["cn-north-1", "cn-northwest-1"],
    "aws-us-gov": ["us-gov-east-1", "us-gov-west-1"],
};

/**
 * The Regions of `partition`, always including `homeRegion` (the one the stack deploys to), so
 * that a partition or Region missing from the list above still sees its own logs.
 */
export function partitionRegions(partition: string, homeRegion: string): string[] {
    const known = REGIONS_BY_PARTITION[partition] ?? [];
    return known.includes(homeRegion) ? [...known] : [...known, homeRegion].sort();
}
