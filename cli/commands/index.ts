import type { CliCommand } from '../command';
import { agendaCommand } from './agenda';
import { catalogCommand } from './catalog';
import { diffCommand } from './diff';
import { inspectCommand } from './inspect';
import { jiraCommand } from './jira';
import { slaCommand } from './sla';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  inspectCommand,
  diffCommand,
  catalogCommand,
  agendaCommand,
  slaCommand,
  jiraCommand,
];
