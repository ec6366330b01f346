// `--timeout <seconds>` of `render` and `check`: how long one stack's program may run under the
// mock engine before it is stopped and named (renderWorkerPool.ts).
import { InvalidArgumentError, Option } from "commander";
import { DEFAULT_RENDER_TIMEOUT_SECONDS } from "../mockEngine/renderDefaults";

export function renderTimeoutOption(): Option {
    return new Option("--timeout <seconds>", "stop a stack's program that runs longer than this, and name it")
        .argParser(positiveSeconds)
        .default(DEFAULT_RENDER_TIMEOUT_SECONDS);
}

function positiveSeconds(value: string): number {
    const seconds = Number(value);
    if (value.trim() === "" || !Number.isFinite(seconds) || seconds <= 0) {
        throw new InvalidArgumentError(`expected a number of seconds greater than 0, got "${value}"`);
    }
    return seconds;
}
