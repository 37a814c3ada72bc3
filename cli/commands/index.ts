import type { CliCommand } from '../command';
import { verifyCommand } from './verify';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [verifyCommand];
