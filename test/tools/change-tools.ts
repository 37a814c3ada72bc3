import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { tool } from './run';

/**
 * Real change reports made fresh by the tools themselves on a scratch tree, for the tests:
 * Debian's `puppet`, `tripwire` and `aide`, each confined to a folder the caller gives (its
 * configuration, keys, databases and state all live there) and bounded in time by `tool`.
 */

export function installed(command: string, args: readonly string[] = ['--version']): boolean {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  return result.error === undefined && result.status !== null;
}

export const HAS_PUPPET = installed('puppet');
export const HAS_TRIPWIRE = installed('tripwire', ['--version']);
export const HAS_AIDE = installed('aide');

/** Tools read the zone for the times they print; the reports are made in UTC. */
const UTC = { ...process.env, TZ: 'UTC' };

function run(command: string, args: readonly string[], cwd: string, ok: readonly number[] = [0]) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000, cwd, env: UTC });
  if (result.error) throw result.error;
  if (!ok.includes(result.status ?? -1))
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

export interface PuppetRun {
  yaml: string;
  /** The same report as Puppet's own JSON (`Report#to_data_hash`). */
  json: string;
  /** Puppet's own summary of the run (last_run_summary.yaml), the judge of the counts. */
  summary: string;
  tree: string;
}

/**
 * `puppet apply` on a scratch manifest: one file created, one whose drifted content is put
 * back, one exec that fails. Every Puppet folder (conf, var, code, log, run) is inside `dir`.
 */
export function puppetApply(dir: string): PuppetRun {
  const tree = path.join(dir, 'tree');
  mkdirSync(tree, { recursive: true });
  writeFileSync(path.join(tree, 'sshd_config'), 'PermitRootLogin yes\n');
  writeFileSync(path.join(tree, 'obsolete.conf'), 'legacy = true\n');
  const manifest = path.join(dir, 'site.pp');
  writeFileSync(
    manifest,
    [
      `file { '${tree}/motd': ensure => file, content => "authorised use only\\n" }`,
      `file { '${tree}/sshd_config': ensure => file, content => "PermitRootLogin no\\n" }`,
      `file { '${tree}/obsolete.conf': ensure => absent }`,
      `exec { 'reload-broken-service': command => '/bin/false' }`,
      '',
    ].join('\n'),
  );
  const report = path.join(dir, 'last_run_report.yaml');
  const summary = path.join(dir, 'last_run_summary.yaml');
  const folders = ['confdir', 'vardir', 'codedir', 'logdir', 'rundir'].flatMap((name) => [
    `--${name}`,
    path.join(dir, name),
  ]);
  // Exit status 0 even with a failed resource (no --detailed-exitcodes).
  run(
    'puppet',
    ['apply', ...folders, '--lastrunreport', report, '--lastrunfile', summary, manifest],
    dir,
    [0, 1, 2, 4, 6],
  );
  const json = run(
    'ruby',
    [
      '-rpuppet',
      '-ryaml',
      '-rjson',
      '-e',
      'Puppet.initialize_settings(["--confdir", ARGV[1], "--vardir", ARGV[2]]); puts JSON.pretty_generate(YAML.unsafe_load_file(ARGV[0]).to_data_hash)',
      report,
      path.join(dir, 'confdir'),
      path.join(dir, 'vardir'),
    ],
    dir,
  );
  return {
    yaml: readFileSync(report, 'utf8'),
    json,
    summary: readFileSync(summary, 'utf8'),
    tree,
  };
}

export interface IntegrityRun {
  /** The report as the tool prints it after the check. */
  report: string;
  tree: string;
}

/** A scratch tree with three files, changed after the baseline: one added, removed, changed. */
function scratchTree(dir: string): string {
  const tree = path.join(dir, 'tree');
  mkdirSync(tree, { recursive: true });
  writeFileSync(path.join(tree, 'passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
  writeFileSync(path.join(tree, 'hosts'), '127.0.0.1 localhost\n');
  writeFileSync(path.join(tree, 'cron.allow'), 'root\n');
  return tree;
}

function changeTree(tree: string): void {
  writeFileSync(
    path.join(tree, 'passwd'),
    'root:x:0:0:root:/root:/bin/bash\nevil:x:0:0::/:/bin/sh\n',
  );
  unlinkSync(path.join(tree, 'cron.allow'));
  writeFileSync(path.join(tree, 'authorized_keys'), 'ssh-ed25519 AAAA… intruder\n');
}

/** `aide --init`, a change to the tree, then `aide --check` as plain text and as JSON. */
export function aideCheck(dir: string): IntegrityRun & { json: string } {
  const tree = scratchTree(dir);
  const database = path.join(dir, 'aide.db');
  const config = (format: string) => {
    const file = path.join(dir, `aide-${format}.conf`);
    writeFileSync(
      file,
      [
        `database_in=file:${database}`,
        `database_out=file:${database}.new`,
        `report_format=${format}`,
        'report_url=stdout',
        `${tree} R`,
        '',
      ].join('\n'),
    );
    return file;
  };
  run('aide', ['--config', config('plain'), '--init'], dir);
  renameSync(`${database}.new`, database);
  changeTree(tree);
  // AIDE exits with a bit mask of what differed (1 added, 2 removed, 4 changed).
  const report = run('aide', ['--config', config('plain'), '--check'], dir, [7]);
  const json = run('aide', ['--config', config('json'), '--check'], dir, [7]);
  return { report, json, tree };
}

/**
 * Tripwire with scratch site and local keys, a configuration and a policy watching the tree:
 * `tripwire --init`, a change, `tripwire --check`; then the stored `.twr` printed again with
 * `twprint` at report levels 0 and 1.
 */
export function tripwireCheck(dir: string): IntegrityRun & { levelZero: string; levelOne: string } {
  const tree = scratchTree(dir);
  const file = (name: string) => path.join(dir, name);
  mkdirSync(file('db'), { recursive: true });
  mkdirSync(file('report'), { recursive: true });
  writeFileSync(
    file('twcfg.txt'),
    [
      'ROOT          =/usr/sbin',
      `POLFILE       =${file('tw.pol')}`,
      `DBFILE        =${file('db')}/$(HOSTNAME).twd`,
      `REPORTFILE    =${file('report')}/$(HOSTNAME)-$(DATE).twr`,
      `SITEKEYFILE   =${file('site.key')}`,
      `LOCALKEYFILE  =${file('local.key')}`,
      'EDITOR        =/bin/true',
      'LATEPROMPTING =false',
      'LOOSEDIRECTORYCHECKING =false',
      'MAILNOVIOLATIONS =false',
      'EMAILREPORTLEVEL =3',
      'REPORTLEVEL   =3',
      'SYSLOGREPORTING =false',
      'MAILMETHOD    =SENDMAIL',
      'MAILPROGRAM   =/bin/true',
      '',
    ].join('\n'),
  );
  writeFileSync(
    file('twpol.txt'),
    `(\n  rulename = "Scratch tree",\n  severity = 100\n)\n{\n  ${tree} -> +pinugsmcSH ;\n}\n`,
  );
  const keys = ['--site-keyfile', file('site.key'), '--local-keyfile', file('local.key')];
  run('twadmin', ['--generate-keys', '--site-keyfile', file('site.key'), '-Q', 'site-pass'], dir);
  run(
    'twadmin',
    ['--generate-keys', '--local-keyfile', file('local.key'), '-P', 'local-pass'],
    dir,
  );
  const site = ['--site-keyfile', file('site.key'), '-Q', 'site-pass'];
  run(
    'twadmin',
    ['--create-cfgfile', '--cfgfile', file('tw.cfg'), ...site, file('twcfg.txt')],
    dir,
  );
  run(
    'twadmin',
    [
      '--create-polfile',
      '--cfgfile',
      file('tw.cfg'),
      '--polfile',
      file('tw.pol'),
      ...site,
      file('twpol.txt'),
    ],
    dir,
  );
  const files = ['--cfgfile', file('tw.cfg'), '--polfile', file('tw.pol'), ...keys];
  run('tripwire', ['--init', ...files, '-P', 'local-pass'], dir);
  changeTree(tree);
  // Tripwire exits with a bit mask of what it found (1 added, 2 removed, 4 changed).
  const report = run('tripwire', ['--check', ...files], dir, [7]);
  const stored = readdirSync(file('report')).find((name) => name.endsWith('.twr')) ?? '';
  const print = (level: string) =>
    run(
      'twprint',
      [
        '--print-report',
        '--cfgfile',
        file('tw.cfg'),
        '--twrfile',
        path.join(file('report'), stored),
        '--report-level',
        level,
      ],
      dir,
    );
  return { report, tree, levelZero: print('0'), levelOne: print('1') };
}

/** GNU date reading a time text: the outside judge of the times the parsers read. */
export function gnuDate(text: string): number {
  const out = tool('date', ['-u', '-d', text, '+%s'], {}).stdout.trim();
  return Number(out) * 1000;
}
