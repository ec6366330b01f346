// Offline renders (`trailguard render`/`check`) cannot decrypt `secure:` values: the renderer puts
// SECRET_PLACEHOLDER in their place and sets OFFLINE_RENDER_ENV in the render worker. Only there does
// a value that must have a format (an email, an https URL, an ARN) accept the placeholder; it stands
// for a value that `pulumi preview` and `pulumi up` decrypt and validate for real.
export const SECRET_PLACEHOLDER = "[secret]";
export const OFFLINE_RENDER_ENV = "TRAILGUARD_OFFLINE_RENDER";

export function isOfflineSecret(value: string): boolean {
    return value === SECRET_PLACEHOLDER && process.env[OFFLINE_RENDER_ENV] === "1";
}
