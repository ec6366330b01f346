// Child-process entry point for one render. The parent passes the RenderJob as JSON in argv[2] and
// receives a WorkerResult over the IPC channel, so nothing the program prints can corrupt it.
import * as pulumi from "@pulumi/pulumi";
import { renderProgram, RenderJob } from "./renderProgram";
import type { RenderedStack } from "./renderedStack";

export type WorkerResult =
    | { ok: true; stack: RenderedStack }
    | { ok: false; kind: "user" | "program"; message: string; detail?: string };

function failure(err: unknown): WorkerResult {
    if (pulumi.RunError.isInstance(err as Error)) {
        // RunErrors are the program's own word to the user (e.g. config validation): message only.
        return { ok: false, kind: "user", message: (err as Error).message };
    }
    if (err instanceof Error) {
        return { ok: false, kind: "program", message: err.message, detail: err.stack };
    }
    return { ok: false, kind: "program", message: String(err) };
}

function send(result: WorkerResult): void {
    if (!process.send) {
        process.stdout.write(JSON.stringify(result) + "\n");
        process.exit(result.ok ? 0 : 2);
    }
    process.send(result, () => process.exit(result.ok ? 0 : 2));
}

async function main(): Promise<void> {
    const job = JSON.parse(process.argv[2] ?? "{}") as RenderJob & { typescript?: boolean };
    let settled = false;
    const fail = (err: unknown) => {
        if (settled) return;
        settled = true;
        send(failure(err));
    };
    process.on("unhandledRejection", fail);
    process.on("uncaughtException", fail);
    if (job.typescript) {
        // Other teams' programs are TypeScript run by ts-node under the Pulumi CLI; transpile only,
        // since type errors are the program's build's business, not the policy verdict's.
        require("ts-node").register({ transpileOnly: true, compilerOptions: { module: "commonjs" } });
    }
    try {
        const stack = await renderProgram(job);
        if (!settled) {
            settled = true;
            send({ ok: true, stack });
        }
    } catch (err) {
        fail(err);
    }
}

void main();
