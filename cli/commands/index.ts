import type { CliCommand } from '../command';
import { catalogCommand } from './catalog';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [catalogCommand];
