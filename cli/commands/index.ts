// Every `trailguard` subcommand, one module each. main.ts registers them in this order.
import type { Command } from "commander";
import { registerCheckCommand } from "./check";
import { registerLintPatternCommand } from "./lintPattern";
import { registerQueryCommand } from "./query";
import { registerRenderCommand } from "./render";
import { registerReplayCommand } from "./replay";

export const COMMANDS: ReadonlyArray<(program: Command) => void> = [registerRenderCommand, registerCheckCommand, registerLintPatternCommand, registerReplayCommand, registerQueryCommand];
