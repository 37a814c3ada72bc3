import type { CliCommand } from '../command';
import { agendaCommand } from './agenda';
import { catalogCommand } from './catalog';
import { collectCommand } from './collect';
import { cosignCommand } from './cosign';
import { diffCommand } from './diff';
import { identityCommand } from './identity';
import { inspectCommand } from './inspect';
import { jiraCommand } from './jira';
import { lockerCommand } from './locker';
import { oscalCommand } from './oscal';
import { reportCommand } from './report';
import { slaCommand } from './sla';
import { telemetryCommand } from './telemetry';
import { verifyCommand } from './verify';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  inspectCommand,
  diffCommand,
  catalogCommand,
  agendaCommand,
  reportCommand,
  cosignCommand,
  collectCommand,
  identityCommand,
  verifyCommand,
  lockerCommand,
  oscalCommand,
  slaCommand,
  jiraCommand,
  telemetryCommand,
];
