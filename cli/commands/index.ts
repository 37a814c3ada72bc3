import type { CliCommand } from '../command';
import { telemetryCommand } from './telemetry';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [telemetryCommand];
