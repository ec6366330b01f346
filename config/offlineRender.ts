// Whether this process is an offline renderer (`trailguard render`/`check`), where `secure:` values
// read as SECRET_PLACEHOLDER (config/offlineSecrets.ts). The render worker says so once, before it
// runs any program, with renderOffline(); loadSettings() asks rendersOffline() and passes the answer
// to the validator as `{ offlineSecrets: true }`. Only code in this process can switch it: unlike an
// environment variable, no shell, CI job or parent process can loosen the validation of a real
// `pulumi up`, and nothing a child process inherits carries it.
//
// The flag lives on globalThis under a registered symbol rather than in a module variable, because
// the program may load a copy of this module other than the worker's: between renders the worker
// forgets the program's modules (dist/config included, unless the job keeps it as a library dir),
// and a TypeScript program loads config/*.ts through ts-node, not dist/. Every copy must see the
// worker's word; the Pulumi SDK keeps its run state on the global object for the same reason.
// Deliberately free of imports, so the worker pays nothing for it before it knows the program.
const OFFLINE_RENDER: unique symbol = Symbol.for("trailguard.offlineRender");

type WithOfflineRender = typeof globalThis & { [OFFLINE_RENDER]?: true };

/** For the render worker: every program this process runs from now on is rendered offline. */
export function renderOffline(): void {
    (globalThis as WithOfflineRender)[OFFLINE_RENDER] = true;
}

export function rendersOffline(): boolean {
    return (globalThis as WithOfflineRender)[OFFLINE_RENDER] === true;
}
