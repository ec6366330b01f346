// Every `trailguard` subcommand, one module each. main.ts registers them in this order.
import type { Command } from "commander";
import { registerRenderCommand } from "./render";

export const COMMANDS: ReadonlyArray<(program: Command) => void> = [registerRenderCommand];
