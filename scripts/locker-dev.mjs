#!/usr/bin/env node
// `npm run locker:dev -- start|stop|status`: a real S3 Object Lock endpoint on this machine, for
// the team locker's tests and benchmarks and for trying the locker out. It runs a one-node Ceph
// (a monitor, one memstore OSD and the RADOS Gateway) from Debian's ceph-mon, ceph-osd, radosgw
// and ceph-common, as the current user, with every file in a folder of its own, listening on
// 127.0.0.1 only. `start` prints one JSON line last:
//   {"endpoint","tlsEndpoint","caFile","accessKeyId","secretAccessKey","region","dir","pids"}
// `stop` stops the daemons by their PIDs (SIGTERM, then SIGKILL after a grace period) and removes
// the folder; memstore data lives in RAM and is gone with the OSD.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const DEFAULT_DIR = path.join(tmpdir(), 'demo-ledger-locker-dev');
const REGION = 'default';
const READY_WITHIN_MS = 120_000;
const STEP_TIMEOUT_MS = 60_000;
const GRACE_MS = 5_000;
const DAEMONS = [
  'ceph-mon',
  'ceph-osd',
  'radosgw',
  'radosgw-admin',
  'ceph-authtool',
  'monmaptool',
  'ceph',
];

class DevError extends Error {}

function usage() {
  return `Usage: npm run locker:dev -- start [--dir DIR] [--memory-mib N]
       npm run locker:dev -- stop [--dir DIR]
       npm run locker:dev -- status [--dir DIR]
       npm run locker:dev -- gateway stop|start [--dir DIR]

Starts a one-node Ceph with the RADOS Gateway (S3, Object Lock) on 127.0.0.1 for tests and for
trying the team locker; memstore keeps objects in RAM (--memory-mib, default 2048).`;
}

function parse(argv) {
  const [command, ...rest] = argv;
  const options = { dir: process.env.DEMO_LEDGER_LOCKER_DEV_DIR || DEFAULT_DIR, memoryMib: 2048 };
  for (let index = 0; index < rest.length; index += 1) {
    const flag = rest[index];
    const value = rest[index + 1];
    if (flag === '--dir' && value) {
      options.dir = path.resolve(value);
      index += 1;
    } else if (flag === '--memory-mib' && value && /^\d+$/.test(value)) {
      options.memoryMib = Number(value);
      index += 1;
    } else throw new DevError(`unknown option ${flag}\n\n${usage()}`);
  }
  return { command, options };
}

/** The Debian packages' programs this needs, and which are missing. */
export function missingPrograms() {
  return DAEMONS.filter((name) => spawnSync('sh', ['-c', `command -v ${name}`]).status !== 0);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function must(command, args, options = {}) {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    timeout: STEP_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    ...options,
  });
  if (result.status !== 0) {
    const reason = result.error?.message ?? (result.stderr || result.stdout).trim().slice(-2000);
    throw new DevError(`${command} ${args[0] ?? ''} failed: ${reason}`);
  }
  return result.stdout;
}

/** Starts a daemon in the foreground of its own process group, logging to `log`. */
function daemon(command, args, log) {
  const out = openSync(log, 'a');
  const child = spawn(command, args, { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
  if (child.pid === undefined) throw new DevError(`${command} did not start`);
  return child.pid;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function statusOf(url) {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

async function until(what, check, pids) {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (await check()) return;
    const dead = pids.filter((pid) => !alive(pid));
    if (dead.length > 0) throw new DevError(`${what}: a daemon exited (PID ${dead.join(', ')})`);
    await sleep(250);
  }
  throw new DevError(`${what} did not happen within ${READY_WITHIN_MS / 1000} s`);
}

function statePath(dir) {
  return path.join(dir, 'state.json');
}

function readState(dir) {
  try {
    return JSON.parse(readFileSync(statePath(dir), 'utf8'));
  } catch {
    return null;
  }
}

/** A CA and a certificate for 127.0.0.1 signed by it, for the gateway's TLS endpoint. */
function makeTls(dir) {
  const at = (name) => path.join(dir, name);
  must('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', at('ca.key')]);
  must('openssl', [
    'req',
    '-new',
    '-x509',
    '-key',
    at('ca.key'),
    '-subj',
    '/CN=Demo Ledger locker dev CA',
    '-days',
    '3650',
    '-out',
    at('ca.pem'),
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign',
  ]);
  must('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', at('tls.key')]);
  must('openssl', [
    'req',
    '-new',
    '-key',
    at('tls.key'),
    '-subj',
    '/CN=127.0.0.1',
    '-out',
    at('tls.csr'),
  ]);
  writeFileSync(at('tls.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  must('openssl', [
    'x509',
    '-req',
    '-in',
    at('tls.csr'),
    '-CA',
    at('ca.pem'),
    '-CAkey',
    at('ca.key'),
    '-CAcreateserial',
    '-days',
    '3650',
    '-extfile',
    at('tls.ext'),
    '-out',
    at('tls.pem'),
  ]);
  return { caFile: at('ca.pem'), certificate: at('tls.pem'), key: at('tls.key') };
}

async function start(options) {
  const missing = missingPrograms();
  if (missing.length > 0)
    throw new DevError(
      `missing ${missing.join(', ')}: apt-get install ceph-mon ceph-osd radosgw ceph-common`,
    );
  const existing = readState(options.dir);
  if (existing && existing.pids.every(alive)) {
    process.stdout.write(`${JSON.stringify(existing.connection)}\n`);
    return;
  }
  if (existing) stopDaemons(existing);
  rmSync(options.dir, { recursive: true, force: true });
  const dir = options.dir;
  const at = (name) => path.join(dir, name);
  for (const sub of ['run', 'log', 'mon-a', 'osd-0', 'rgw'])
    mkdirSync(at(sub), { recursive: true, mode: 0o700 });

  const [monPort, httpPort, httpsPort] = [await freePort(), await freePort(), await freePort()];
  const fsid = randomUUID();
  const tls = makeTls(dir);
  const conf = at('ceph.conf');
  writeFileSync(
    conf,
    [
      '[global]',
      `fsid = ${fsid}`,
      `mon host = 127.0.0.1:${monPort}`,
      'mon initial members = a',
      'public addr = 127.0.0.1',
      'ms bind ipv6 = false',
      'ms bind ipv4 = true',
      'auth cluster required = cephx',
      'auth service required = cephx',
      'auth client required = cephx',
      'auth allow insecure global id reclaim = false',
      'osd objectstore = memstore',
      `memstore device bytes = ${options.memoryMib * 1024 * 1024}`,
      'osd pool default size = 1',
      'osd pool default min size = 1',
      'osd crush chooseleaf type = 0',
      'mon allow pool size one = true',
      'mon warn on pool no redundancy = false',
      'mon data avail warn = 1',
      'mon data avail crit = 0',
      `run dir = ${at('run')}`,
      `log file = ${at('log')}/$name.log`,
      `admin socket = ${at('run')}/$name.asok`,
      `keyring = ${dir}/$name.keyring`,
      `mon data = ${dir}/mon-$id`,
      `osd data = ${dir}/osd-$id`,
      '[client.rgw.a]',
      `rgw frontends = beast endpoint=127.0.0.1:${httpPort} ssl_endpoint=127.0.0.1:${httpsPort} ssl_certificate=${tls.certificate} ssl_private_key=${tls.key}`,
      `rgw data = ${at('rgw')}`,
      'rgw dns name = 127.0.0.1',
      '',
    ].join('\n'),
  );
  const admin = ['-c', conf, '-k', at('client.admin.keyring')];
  must('ceph-authtool', [
    '--create-keyring',
    at('mon.a.keyring'),
    '--gen-key',
    '-n',
    'mon.',
    '--cap',
    'mon',
    'allow *',
  ]);
  must('ceph-authtool', [
    '--create-keyring',
    at('client.admin.keyring'),
    '--gen-key',
    '-n',
    'client.admin',
    '--cap',
    'mon',
    'allow *',
    '--cap',
    'osd',
    'allow *',
    '--cap',
    'mgr',
    'allow *',
  ]);
  must('ceph-authtool', [at('mon.a.keyring'), '--import-keyring', at('client.admin.keyring')]);
  must('monmaptool', [
    '--create',
    '--add',
    'a',
    `127.0.0.1:${monPort}`,
    '--fsid',
    fsid,
    at('monmap'),
  ]);
  must('ceph-mon', [
    '--mkfs',
    '-i',
    'a',
    '--monmap',
    at('monmap'),
    '--keyring',
    at('mon.a.keyring'),
    '-c',
    conf,
  ]);
  const pids = [];
  let gatewayState = null;
  const record = (connection, gateway = gatewayState) => {
    gatewayState = gateway;
    writeFileSync(
      statePath(dir),
      `${JSON.stringify({ dir, pids, connection, gateway }, null, 2)}\n`,
      { mode: 0o600 },
    );
  };
  record(null);
  try {
    pids.push(daemon('ceph-mon', ['-f', '-i', 'a', '-c', conf], at('log/mon.out')));
    record(null);
    await until(
      'the monitor answering',
      () =>
        spawnSync('ceph', [...admin, '--connect-timeout', '5', 'mon', 'stat'], { timeout: 10_000 })
          .status === 0,
      pids,
    );
    must('ceph', [...admin, 'osd', 'create']);
    must('ceph', [
      ...admin,
      'auth',
      'get-or-create',
      'osd.0',
      'mon',
      'allow profile osd',
      'osd',
      'allow *',
      'mgr',
      'allow profile osd',
      '-o',
      at('osd.0.keyring'),
    ]);
    must('ceph-osd', ['-i', '0', '--mkfs', '-c', conf, '--keyring', at('osd.0.keyring')]);
    pids.push(
      daemon(
        'ceph-osd',
        ['-f', '-i', '0', '-c', conf, '--keyring', at('osd.0.keyring')],
        at('log/osd.out'),
      ),
    );
    record(null);
    must('ceph', [
      ...admin,
      'osd',
      'crush',
      'add',
      'osd.0',
      '1.0',
      'host=localhost',
      'root=default',
    ]);
    await until(
      'the OSD coming up',
      () =>
        /1 up/.test(
          spawnSync('ceph', [...admin, 'osd', 'stat'], { encoding: 'utf8', timeout: 10_000 })
            .stdout ?? '',
        ),
      pids,
    );
    must('ceph', [
      ...admin,
      'auth',
      'get-or-create',
      'client.rgw.a',
      'mon',
      'allow rw',
      'osd',
      'allow rwx',
      '-o',
      at('client.rgw.a.keyring'),
    ]);
    const gateway = {
      args: ['-f', '-n', 'client.rgw.a', '-c', conf, '--keyring', at('client.rgw.a.keyring')],
      log: at('log/rgw.out'),
    };
    pids.push(daemon('radosgw', gateway.args, gateway.log));
    record(null, gateway);
    const endpoint = `http://127.0.0.1:${httpPort}`;
    await until(
      'the gateway answering',
      async () => (await statusOf(`${endpoint}/`)) === 200,
      pids,
    );
    const accessKeyId = `DL${randomBytes(9).toString('hex').toUpperCase()}`;
    const secretAccessKey = randomBytes(30).toString('base64url');
    must('radosgw-admin', [
      ...admin,
      'user',
      'create',
      '--uid',
      'demo-ledger',
      '--display-name',
      'Demo Ledger',
      '--access-key',
      accessKeyId,
      '--secret',
      secretAccessKey,
    ]);
    const connection = {
      endpoint,
      tlsEndpoint: `https://127.0.0.1:${httpsPort}`,
      caFile: tls.caFile,
      accessKeyId,
      secretAccessKey,
      region: REGION,
      dir,
      pids,
    };
    record(connection);
    process.stdout.write(`${JSON.stringify(connection)}\n`);
  } catch (error) {
    stopDaemons({ pids });
    throw error;
  }
}

function stopDaemons(state) {
  const pids = (state.pids ?? []).filter(alive);
  // The gateway first, the monitor last: clients go before what they depend on.
  for (const pid of [...pids].reverse()) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + GRACE_MS;
  while (pids.some(alive) && Date.now() < deadline) spawnSync('sleep', ['0.1']);
  for (const pid of pids.filter(alive)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function stop(options) {
  const state = readState(options.dir);
  if (state) stopDaemons(state);
  if (existsSync(options.dir)) rmSync(options.dir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ stopped: true, dir: options.dir })}\n`);
}

/**
 * Stops or starts the gateway alone (the cluster and its data stay), as tests of an upload that
 * is interrupted and resumed need.
 */
async function gateway(action, options) {
  const state = readState(options.dir);
  if (!state?.gateway || !state.connection) throw new DevError('no locker:dev cluster is running');
  const gatewayPid = state.pids[2];
  if (action === 'stop') {
    stopDaemons({ pids: gatewayPid === undefined ? [] : [gatewayPid] });
  } else if (action === 'start') {
    if (gatewayPid !== undefined && alive(gatewayPid)) throw new DevError('the gateway is running');
    const pid = daemon('radosgw', state.gateway.args, state.gateway.log);
    state.pids[2] = pid;
    state.connection.pids = state.pids;
    writeFileSync(statePath(options.dir), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    await until(
      'the gateway answering',
      async () => (await statusOf(`${state.connection.endpoint}/`)) === 200,
      [pid],
    );
  } else throw new DevError('gateway takes stop or start');
  process.stdout.write(`${JSON.stringify({ gateway: action, pids: state.pids })}\n`);
}

function status(options) {
  const state = readState(options.dir);
  const running = state !== null && state.pids.length > 0 && state.pids.every(alive);
  process.stdout.write(`${JSON.stringify({ running, ...(running ? state.connection : {}) })}\n`);
  if (!running) process.exitCode = 1;
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === 'gateway') {
    const { options } = parse(['gateway', ...argv.slice(2)]);
    await gateway(argv[1], options);
    return;
  }
  const { command, options } = parse(argv);
  if (command === 'start') await start(options);
  else if (command === 'stop') stop(options);
  else if (command === 'status') status(options);
  else throw new DevError(usage());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    process.stderr.write(
      `locker:dev: ${error instanceof DevError ? error.message : (error?.stack ?? error)}\n`,
    );
    process.exitCode = 2;
  });
}
