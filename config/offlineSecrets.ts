// Offline renders (`trailguard render`/`check`) cannot decrypt `secure:` values: the renderer puts
// SECRET_PLACEHOLDER in their place and runs the program with the Pulumi binding in offline mode
// (renderOffline() in config/offlineRender.ts), which validates with `{ offlineSecrets: true }`. Only
// then does a value that must have a format (an email, an https URL, an ARN) accept the placeholder;
// it stands for a value that `pulumi preview` and `pulumi up` decrypt and validate for real.
export const SECRET_PLACEHOLDER = "[secret]";

export function isSecretPlaceholder(value: string): boolean {
    return value === SECRET_PLACEHOLDER;
}
