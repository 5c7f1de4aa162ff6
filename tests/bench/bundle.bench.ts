/**
 * Bundle figures of issue #6, measured in Node:
 * - bundle.seal.10k: a bundle of 10,000 change-sets (10,000 new needs of ~1 KB, one device, one
 *   checkpoint) written through the whole writer: audience selection, payload JSON, the writer's own
 *   schema and JSON checks, deflate, age encryption, BLAKE2b-512 and the minisign signature;
 * - bundle.open.10k: the same bundle read through the whole pipeline without a vault: caps, minisig,
 *   signer, signature, stanzas, age decryption, payload hash, inflate, JSON caps, schema, inner header,
 *   key event logs, then ingest into an empty replica (chains, checkpoint, ownership, TLP, merge);
 * - cli.seal.ratio / cli.open.ratio: whole-process time of our CLI (`node cli/bin/tallinn-desk.mjs`,
 *   identity at the calibrated KDF cost) sealing / opening those 10,000 records, over stock `age` +
 *   `minisign` encrypting and signing / verifying and decrypting a file of the payload's size;
 * - cli.kdf: the identity unlock's share of the CLI's whole-process time (seal and open runs).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ingestStep, openBundle, payloadFor, peerFromKeyState, sealBundle, type SealedBundle } from '@shared/bundle';
import { createInception, delegationKeysFromSeeds, enableFastHashing, type DelegationKeys, newDeviceId, type RandomSource, toBase64, verifyKeyEventLog, type KeyState, type SignedKeyEvent } from '@shared/crypto';
import { kindRules } from '@shared/domain';
import { createReplicaState, localWrite, type IngestOutcome, type LocalEdit } from '@shared/sync';
import type { Benchmark, BenchContext, BenchOutcome } from './harness';
import { generateRecords, seededRandom } from './records';

const COUNT = 10_000;
const root = resolve(import.meta.dirname, '../..');
/** The package bin (`node <bin>`, as the issue asks; it loads the build in out/cli). */
const cliBuild = join(root, 'cli/bin/tallinn-desk.mjs');
const NOW = Date.parse('2026-03-01T10:00:00.000Z');

function seeded(seed: number): RandomSource {
  const next = seededRandom(seed);
  return (n) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256));
}

/** 10,000 valid needs (shared/domain), shaped like the vault benchmarks' records. */
export function benchNeeds(count = COUNT): { kind: 'need'; tlp: 'GREEN' | 'AMBER'; values: Record<string, unknown> }[] {
  return generateRecords(count, 606).map((record, i) => ({
    kind: 'need',
    tlp: i % 3 === 0 ? 'AMBER' : 'GREEN',
    values: {
      title: record.data.title,
      description: record.data.description,
      institution: record.data.institution,
      sector: record.data.sector,
      category: record.data.category,
      priority: record.data.priority,
      quantity: record.data.quantity,
      unit: 'item',
      estimatedValue: { amountCents: record.data.valueCents, currency: 'EUR', eurCents: record.data.valueCents },
      deadline: record.data.deadline,
      assessmentScore: null,
      interAgencyPriority: null,
      status: 'submitted',
    },
  }));
}

interface Party {
  readonly keys: DelegationKeys;
  readonly log: SignedKeyEvent[];
  readonly state: KeyState;
}

function party(name: string, country: string, role: 'beneficiary' | 'partner', seed: number): Party {
  const random = seeded(seed);
  const keys = delegationKeysFromSeeds({ signingSeed: random(32), encryptionSecret: random(32), nextSeed: random(32) });
  const { signed } = createInception({ name, country, proposedRole: role, device: { id: newDeviceId(random) }, created: '2026-01-15T09:00:00.000Z' }, keys);
  return { keys, log: [signed], state: verifyKeyEventLog([signed]) };
}

interface InProcess {
  readonly sender: Party;
  readonly recipient: Party;
  readonly written: ReturnType<typeof localWrite>;
}

let inProcess: InProcess | undefined;

function prepare(): InProcess {
  if (inProcess !== undefined) return inProcess;
  const sender = party('Державна служба спеціального зв’язку', 'UA', 'beneficiary', 61);
  const recipient = party('Ministry of Foreign Affairs of Estonia', 'EE', 'partner', 62);
  const device = sender.state.inception.device.id;
  const replica = createReplicaState({
    localDelegation: sender.state.delegationId,
    localDevice: device,
    delegations: [{ id: sender.state.delegationId, signingKey: toBase64(sender.state.signingKey), devices: [device], verified: true, revoked: false }],
  });
  const edits: LocalEdit[] = benchNeeds().map((r) => ({ kind: r.kind, tlp: r.tlp, ops: Object.entries(r.values).map(([field, value]) => ({ field, value: value as never })) }));
  const written = localWrite(replica, { edits, signingSecretKey: sender.keys.signing.secretKey, now: NOW - 60_000, kindRules });
  inProcess = { sender, recipient, written };
  return inProcess;
}

async function sealOnce(setup: InProcess): Promise<SealedBundle> {
  const { sender, recipient, written } = setup;
  const selection = payloadFor({ sender: sender.state.delegationId, recipients: [recipient.state.delegationId], changeSets: written.logged });
  return sealBundle({
    sender: { state: sender.state, keyEventLog: sender.log, signing: sender.keys.signing },
    recipients: [peerFromKeyState(recipient.state)],
    parts: { changeSets: [...selection.changeSets], checkpoints: [written.checkpoint], versionVector: { [sender.state.inception.device.id]: COUNT } },
    sequence: 1,
  });
}

async function openOnce(setup: InProcess, sealed: SealedBundle, syncMs: number[] = []): Promise<IngestOutcome> {
  const { sender, recipient } = setup;
  const step = ingestStep({ localDelegation: recipient.state.delegationId, localDevice: recipient.state.inception.device.id, now: NOW, kindRules });
  const opened = await openBundle<IngestOutcome>(
    { age: sealed.age, minisig: sealed.minisig },
    {
      trust: [{ state: sender.state, keyEventLog: sender.log, verified: true }],
      me: { state: recipient.state, encryptionSecret: recipient.keys.encryption.secretKey },
      sync: (input) => {
        const started = performance.now();
        const outcome = step(input);
        syncMs.push(performance.now() - started);
        return outcome;
      },
    },
  );
  return opened.sync as IngestOutcome;
}

async function benchSeal(context: BenchContext): Promise<BenchOutcome> {
  // As the vault worker and the CLI run: BLAKE2b in WebAssembly.
  await enableFastHashing();
  const setup = prepare();
  await sealOnce(setup); // warm-up (JIT, hash-wasm instances)
  const samples: number[] = [];
  let bytes = 0;
  for (let run = 0; run < context.runs; run += 1) {
    const started = performance.now();
    const sealed = await sealOnce(setup);
    samples.push(performance.now() - started);
    bytes = sealed.age.length;
  }
  return { samples, params: { changeSets: COUNT, bundleBytes: bytes, recipients: 1 } };
}

async function benchOpen(context: BenchContext): Promise<BenchOutcome> {
  await enableFastHashing();
  const setup = prepare();
  const sealed = await sealOnce(setup);
  await openOnce(setup, sealed); // warm-up
  const samples: number[] = [];
  const syncMs: number[] = [];
  for (let run = 0; run < context.runs; run += 1) {
    const started = performance.now();
    const { report } = await openOnce(setup, sealed, syncMs);
    samples.push(performance.now() - started);
    if (report.applied !== COUNT || report.rejected.length > 0) throw new Error(`expected ${COUNT} applied, got ${JSON.stringify(report).slice(0, 300)}`);
  }
  // The share of step 15 (shared/sync ingest: parse, digests, chains, merge) in each run.
  return { samples, params: { changeSets: COUNT, bundleBytes: sealed.age.length, ingest: 'empty replica', syncStepMs: syncMs.map(Math.round) } };
}

/** Whole-process timings of our CLI against stock age + minisign on the same payload. */
interface CliFigures {
  readonly seal: number[];
  readonly stockSeal: number[];
  readonly open: number[];
  readonly stockOpen: number[];
  readonly kdfShare: number[];
  readonly params: Record<string, unknown>;
}

let cliFigures: CliFigures | undefined;

function timedRun(command: string, args: readonly string[], env: NodeJS.ProcessEnv): { ms: number; stdout: string; stderr: string } {
  const started = performance.now();
  const result = spawnSync(command, args, { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return { ms, stdout: result.stdout, stderr: result.stderr };
}

/** The identity unlock (Argon2id and unwrapping, from the CLI's TALLINN_DESK_TIMINGS line) over the whole process. */
function kdfShare(run: { ms: number; stderr: string }): number {
  const match = /timing: .*\bkdf=([0-9.]+)/u.exec(run.stderr);
  if (match === null) throw new Error(`no timing line in: ${run.stderr}`);
  return Number(match[1]) / run.ms;
}

function measureCli(runs: number): CliFigures {
  const dir = mkdtempSync(join(tmpdir(), 'tdesk-bench-cli-'));
  try {
    // A real identity: the KDF is calibrated as for a user (no TALLINN_DESK_TEST_KDF).
    const env: NodeJS.ProcessEnv = { ...process.env, TALLINN_DESK_PASSPHRASE: 'bench passphrase: correct horse battery staple', TALLINN_DESK_TIMINGS: '1' };
    delete env.TALLINN_DESK_TEST_KDF;
    const node = process.execPath;
    timedRun(node, [cliBuild, 'keygen', '--name', 'Державна служба спеціального зв’язку', '--country', 'UA', '--role', 'beneficiary', '--out', join(dir, 'ua')], env);
    timedRun(node, [cliBuild, 'keygen', '--name', 'Ministry of Foreign Affairs of Estonia', '--country', 'EE', '--out', join(dir, 'ee')], env);
    const records = join(dir, 'records.json');
    writeFileSync(records, JSON.stringify(benchNeeds()));

    // Stock tools on the same payload: its uncompressed JSON, as the CLI would seal it.
    const keyFile = join(dir, 'stock.agekey');
    execFileSync('/usr/bin/age-keygen', ['-o', keyFile], { stdio: 'ignore' });
    const recipient = /public key: (age1[0-9a-z]+)/u.exec(readFileSync(keyFile, 'utf8'))?.[1];
    if (recipient === undefined) throw new Error('age-keygen wrote no public key');
    execFileSync('/usr/bin/minisign', ['-G', '-W', '-f', '-p', join(dir, 'stock.pub'), '-s', join(dir, 'stock.key')], { stdio: 'ignore' });

    const figures: CliFigures = { seal: [], stockSeal: [], open: [], stockOpen: [], kdfShare: [], params: {} };
    let payloadBytes = 0;
    for (let run = -1; run < runs; run += 1) {
      const out = join(dir, `out-${run + 1}`);
      const seal = timedRun(node, [cliBuild, 'seal', '--identity', join(dir, 'ua', 'identity.tdesk-id'), '--to', join(dir, 'ee', 'card.tdesk-card'), '--records', records, '--out', out], env);
      const bundle = seal.stdout.trim();
      const openArgs = [cliBuild, 'open', bundle, '--identity', join(dir, 'ee', 'identity.tdesk-id'), '--trust', join(dir, 'ua', 'card.tdesk-card')];
      if (payloadBytes === 0) {
        const json = JSON.stringify(JSON.parse(timedRun(node, [...openArgs, '--json'], env).stdout));
        payloadBytes = Buffer.byteLength(json);
        writeFileSync(join(dir, 'payload.json'), json);
      }
      const open = timedRun(node, openArgs, env);
      const stockFile = join(dir, `stock-${run + 1}.age`);
      const stockEncrypt = timedRun('/usr/bin/age', ['-r', recipient, '-o', stockFile, join(dir, 'payload.json')], env);
      const stockSign = timedRun('/usr/bin/minisign', ['-S', '-s', join(dir, 'stock.key'), '-m', stockFile], env);
      const stockVerify = timedRun('/usr/bin/minisign', ['-V', '-p', join(dir, 'stock.pub'), '-m', stockFile], env);
      const stockDecrypt = timedRun('/usr/bin/age', ['-d', '-i', keyFile, '-o', join(dir, 'stock.out'), stockFile], env);
      if (run < 0) continue; // warm-up: page cache, first-run costs
      figures.seal.push(seal.ms);
      figures.open.push(open.ms);
      figures.stockSeal.push(stockEncrypt.ms + stockSign.ms);
      figures.stockOpen.push(stockVerify.ms + stockDecrypt.ms);
      figures.kdfShare.push(kdfShare(seal), kdfShare(open));
    }
    return { ...figures, params: { records: COUNT, payloadBytes, process: 'node cli/bin/tallinn-desk.mjs', stock: 'age 1.1.1 + minisign 0.11', kdf: 'calibrated (~0.5 s)' } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ratios(a: readonly number[], b: readonly number[]): number[] {
  return a.map((value, i) => value / (b[i] ?? Number.NaN));
}

export const bundleBenchmarks: Benchmark[] = [
  { name: 'bundle.seal.10k', unit: 'ms', target: '< 2000', run: benchSeal },
  { name: 'bundle.open.10k', unit: 'ms', target: '< 2000', run: benchOpen },
  {
    name: 'cli.seal.ratio',
    unit: 'ratio',
    async run(context) {
      cliFigures ??= measureCli(context.runs);
      const f = await Promise.resolve(cliFigures);
      return { samples: ratios(f.seal, f.stockSeal), params: { ...f.params, cliMs: f.seal.map(Math.round), stockMs: f.stockSeal.map(Math.round) } };
    },
  },
  {
    name: 'cli.open.ratio',
    unit: 'ratio',
    async run(context) {
      cliFigures ??= measureCli(context.runs);
      const f = await Promise.resolve(cliFigures);
      return { samples: ratios(f.open, f.stockOpen), params: { ...f.params, cliMs: f.open.map(Math.round), stockMs: f.stockOpen.map(Math.round) } };
    },
  },
  {
    name: 'cli.kdf',
    unit: 'ratio',
    async run(context) {
      cliFigures ??= measureCli(context.runs);
      const f = await Promise.resolve(cliFigures);
      return { samples: f.kdfShare, params: { ...f.params, of: 'identity unlock / whole CLI process, seal and open runs' } };
    },
  },
];
