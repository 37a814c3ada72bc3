import type { CliCommand } from '../command';
import { cosignCommand } from './cosign';
import { oscalCommand } from './oscal';
import { reportCommand } from './report';
import { verifyCommand } from './verify';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  reportCommand,
  cosignCommand,
  verifyCommand,
  oscalCommand,
];
