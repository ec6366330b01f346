// The Analyze answers one `check` stack's two renders share (see the class).
import type { Violation } from "./verdict";

/**
 * The pack's answers to Analyze requests, for the analyses of one stack's renders under one policy
 * configuration (`check` judges a preview and a deployed render of each stack). Close to half of a
 * shipped stack's resources send the same bytes in both renders: those that read no computed value.
 * A pack built on @pulumi/policy answers Analyze from the request and its Configure settings alone
 * (ConfigureStack's dryRun, the one thing that differs between the renders, never reaches a
 * policy), so such a request is sent once and its answer used for both. A @pulumi/policy upgrade
 * re-checks that (policies/src/sdkPatches/README.md).
 */
export class AnalyzeAnswers {
    private readonly byRequest = new Map<string, Promise<Violation[]>>();

    /** How many requests were answered from an earlier analysis instead of sent. */
    reused = 0;

    answer(request: { readonly bytes: Uint8Array }, ask: () => Promise<Violation[]>): Promise<Violation[]> {
        const key = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength).toString("base64");
        const known = this.byRequest.get(key);
        if (known) this.reused++;
        const answer = known ?? ask();
        if (!known) this.byRequest.set(key, answer);
        // Each verdict gets its own violation objects.
        return answer.then((violations) => violations.map((v) => ({ ...v })));
    }
}
