// The pretend account a render runs in, and how long it may take. Kept apart from runProgramWithMocks.ts so that callers that only
// need these values (the CLI process, which renders in workers) do not load the Pulumi SDK.
export const DEFAULT_ACCOUNT_ID = "123456789012";
export const DEFAULT_ORGANIZATION_ID = "o-exampleorgid";
export const DEFAULT_REGION = "us-east-1";

/**
 * How long one stack's render may take by default. A render takes about a second, the first in a
 * worker a few more while it loads the SDK; a program still running after two minutes waits on
 * something that will not come (a promise that never settles, a network call offline).
 */
export const DEFAULT_RENDER_TIMEOUT_SECONDS = 120;
