import type { CliCommand } from '../command';
import { jiraCommand } from './jira';
import { slaCommand } from './sla';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [slaCommand, jiraCommand];
