// Render workers load zod with trailguard's config validator (its program validates the stack's
// settings on every render). zod's index loads all ~40 of its locales eagerly, for `z.locales`, which
// trailguard never reads: ~50 ms of a worker's start-up, on the way to its first render. The English
// messages zod uses by default come from their own module (`locales/en.cjs`), not from this index. A
// stand-in (policies/src/sdkPatches/deferredSdkModules.ts deferModule) takes the index's place in the
// require cache and loads it on first use. zod imports it with `__importStar`; a zod that keeps its
// locales elsewhere is left alone.
import { deferModule } from "../../policies/src/sdkPatches/deferredSdkModules";

/** Defers the locales of the zod that `from` resolves (default: trailguard's own); returns the file, or undefined. */
export function deferZodLocales(from: string = __dirname): string | undefined {
    let file: string;
    try {
        file = require.resolve("zod/v4/locales/index.cjs", { paths: [from] });
    } catch {
        return undefined;
    }
    return deferModule(file, "importStar") ? file : undefined;
}
