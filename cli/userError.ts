// A mistake the user can fix (bad flag, bad config, unreadable file). The CLI prints its message
// alone, never a stack trace, and exits with its code.
export class UserError extends Error {
    constructor(
        message: string,
        readonly exitCode: number = 2,
    ) {
        super(message);
        this.name = "UserError";
    }
}
