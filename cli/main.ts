// Entry point of the `trailguard` command. User mistakes (UserError, commander usage errors) end
// with one message and exit code 2; anything else is a bug and keeps its stack trace. Command
// modules only declare their options and load what they run on demand, so that starting one command
// does not load the others (`trailguard check` launches its policy pack before loading the rest).
import { Command, CommanderError } from "commander";
import { trailguardVersion } from "./check/trailguardVersion";
import { COMMANDS } from "./commands";
import { escapeControlCharacters } from "./format/terminalText";
import { UserError } from "./userError";

export async function main(argv: string[]): Promise<number> {
    const program = new Command("trailguard")
        .description("CloudTrail audit logging as policy-as-code for Pulumi: offline tools")
        // Read only when asked: every other run skips reading package.json.
        .option("-V, --version", "print trailguard's version (package.json)")
        .on("option:version", () => {
            process.stdout.write(`${trailguardVersion()}\n`);
            throw new CommanderError(0, "commander.version", trailguardVersion());
        })
        .showHelpAfterError()
        .exitOverride();
    for (const register of COMMANDS) register(program);
    try {
        await program.parseAsync(argv);
        return typeof process.exitCode === "number" ? process.exitCode : 0;
    } catch (err) {
        if (err instanceof CommanderError) {
            // Help and version output are not errors; usage errors were already printed.
            return err.exitCode === 0 ? 0 : 2;
        }
        if (err instanceof UserError) {
            // Messages quote file names, keys and values the user gave: shown, never obeyed by the terminal.
            process.stderr.write(`trailguard: ${escapeControlCharacters(err.message, { keepLineBreaks: true })}\n`);
            return err.exitCode;
        }
        throw err;
    }
}

/** Runs the CLI with the process's arguments and sets the exit code. */
export function run(): void {
    // A reader that stops early (`trailguard render … | head`) closes the pipe: there is nobody left
    // to tell anything, so stop quietly, as Unix tools do, instead of dying on an unhandled EPIPE.
    process.stdout.on("error", (err: NodeJS.ErrnoException) => {
        if (err.code !== "EPIPE") throw err;
        process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
    });
    main(process.argv).then(
        (code) => {
            process.exitCode = code;
        },
        (err) => {
            process.stderr.write(`trailguard: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
            process.exitCode = 70;
        },
    );
}
