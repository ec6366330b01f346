// The pretend account a render runs in. Kept apart from runProgramWithMocks.ts so that callers that only
// need these values (the CLI process, which renders in workers) do not load the Pulumi SDK.
export const DEFAULT_ACCOUNT_ID = "123456789012";
export const DEFAULT_ORGANIZATION_ID = "o-exampleorgid";
export const DEFAULT_REGION = "us-east-1";
