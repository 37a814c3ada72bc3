import type { CliCommand } from '../command';
import { agendaCommand } from './agenda';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [agendaCommand];
