import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  chmodSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { FUSES } from '../../../main/security';

// security.ts imports electron, whose package throws when its binary was never downloaded.
vi.mock('electron', () => ({ app: {}, protocol: {}, shell: {} }));

const root = path.resolve(import.meta.dirname, '../../..');
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
>;

// Same sentinel and layout as a real Electron binary's fuse wire (see @electron/fuses): version 1,
// 8 fuses, in Electron's shipped defaults (RunAsNode on, NODE_OPTIONS on, --inspect on ...).
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const SHIPPED_WIRE = '10110001';
const FUSE_ORDER = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;

describe('electron-builder configuration', () => {
  it('builds AppImage and deb for Linux, NSIS for Windows and dmg for macOS', () => {
    expect((config['linux'] as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config['win'] as { target: string[] }).target).toEqual(['nsis']);
    expect((config['mac'] as { target: string[] }).target).toEqual(['dmg']);
    expect(
      existsSync(path.join(root, (config['mac'] as { entitlements: string }).entitlements)),
    ).toBe(true);
  });

  it('packs only the built app, in an asar archive', () => {
    expect(config['asar']).toBe(true);
    expect(config['files']).toEqual([
      'package.json',
      'out/main/**',
      'out/preload/**',
      'out/renderer/**',
      '!**/*.map',
    ]);
  });

  it('has no runtime dependencies to copy into the package', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies?: object;
    };
    expect(pkg.dependencies ?? {}).toEqual({});
  });
});

describe('packaging with a stand-in Electron', () => {
  let work = '';
  let unpacked = '';

  beforeAll(() => {
    if (!existsSync(path.join(root, 'out/renderer/index.html'))) {
      const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`build failed:\n${build.stderr}`);
    }
    work = mkdtempSync(path.join(tmpdir(), 'demo-ledger-pack-'));
    const dist = path.join(work, 'electron-dist');
    mkdirSync(dist);
    const binary = path.join(dist, 'electron');
    writeFileSync(
      binary,
      Buffer.concat([
        Buffer.from('#!/bin/sh\nexit 0\n'),
        Buffer.from(SENTINEL),
        Buffer.from([1, SHIPPED_WIRE.length]),
        Buffer.from(SHIPPED_WIRE),
      ]),
    );
    chmodSync(binary, 0o755);
    const result = spawnSync(
      'npx',
      [
        'electron-builder',
        '--linux',
        'dir',
        `-c.electronDist=${dist}`,
        '-c.electronVersion=41.7.1',
        `-c.directories.output=${path.join(work, 'out')}`,
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
    );
    if (result.status !== 0)
      throw new Error(`electron-builder failed:\n${result.stdout}\n${result.stderr}`);
    unpacked = path.join(work, 'out', 'linux-unpacked');
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('lays out the executable and a lean app.asar holding the built app only', () => {
    expect(existsSync(path.join(unpacked, 'demo-ledger'))).toBe(true);
    const archive = path.join(unpacked, 'resources', 'app.asar');
    const files = listPackage(archive, { isPack: false }).map((file) => file.replaceAll('\\', '/'));
    expect(files).toEqual(
      expect.arrayContaining([
        '/package.json',
        '/out/main/index.js',
        '/out/preload/index.cjs',
        '/out/renderer/index.html',
      ]),
    );
    expect(files.filter((file) => file.includes('node_modules'))).toEqual([]);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(files.filter((file) => file.startsWith('/out/node'))).toEqual([]);
    expect(statSync(archive).size).toBeLessThan(15 * 1024 * 1024);
  });

  it('flips the fuses to what main/security.ts declares', () => {
    const binary = readFileSync(path.join(unpacked, 'demo-ledger'));
    const start = binary.indexOf(SENTINEL) + SENTINEL.length;
    const length = binary[start + 1] ?? 0;
    const wire = binary.subarray(start + 2, start + 2 + length).toString('latin1');
    const expected = FUSE_ORDER.map((name, index) => {
      const wanted = (FUSES as Record<string, boolean | undefined>)[name];
      return wanted === undefined ? SHIPPED_WIRE[index] : wanted ? '1' : '0';
    }).join('');
    expect(wire).toBe(expected);
    expect(wire[0]).toBe('0');
  });
});
