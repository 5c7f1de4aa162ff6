/**
 * A quick measurement of the sync engine, not a test (the Chromium benchmark in tests/bench is the
 * reference). Run: npx tsx tests/unit/sync/perf-probe.ts   (JITLESS=1 to parse with zod's jitless mode,
 * as the vault worker does under its CSP).
 *
 * 1. ingest of 10,000 change-sets of one operation each, from 5 devices (one checkpoint per chain), into
 *    a replica already holding 10,000 records (budget: well under 700 ms);
 * 2. rebuildRecords of 100,000 change-sets over 10,000 records (budget: well under 5 s).
 */
import { z } from 'zod';
import { commitDelta, ingest, type IngestInput, type LocalEdit, parseChangeSet, rebuildRecords } from '@shared/sync';
import { makeBundle, makeDelegation, T0, TestReplica } from './helpers';

if (process.env['JITLESS'] === '1') z.config({ jitless: true });

const WRITERS = 5;
const PER_WRITER = 2000;
const REBUILD_ROUNDS = 10;

function time<T>(label: string, run: () => T): T {
  const start = performance.now();
  const result = run();
  console.info(`${label.padEnd(58)} ${(performance.now() - start).toFixed(0).padStart(6)} ms`);
  return result;
}

const delegations = Array.from({ length: WRITERS }, (_, index) => makeDelegation(`perf-${index}`));
const receiverDelegation = makeDelegation('perf-receiver');
const all = [...delegations, receiverDelegation];
const writers = delegations.map((delegation) => new TestReplica(delegation, delegation.devices[0] as string, all));
const receiver = new TestReplica(receiverDelegation, receiverDelegation.devices[0] as string, all);

const ids: string[][] = [];
time(`create ${WRITERS}×${PER_WRITER} records (localWrite, one call each)`, () => {
  for (const writer of writers) {
    const result = writer.write(Array.from({ length: PER_WRITER }, (_, index) => ({ kind: 'need', tlp: 'GREEN', ops: [{ field: 'title', value: `Need ${index}` }, { field: 'quantity', value: index }] }) satisfies LocalEdit));
    ids.push(result.views.map((view) => view.id));
  }
});

const bundle = (): IngestInput => {
  const changeSets: unknown[] = [];
  const checkpoints: unknown[] = [];
  for (const writer of writers) {
    const part = makeBundle(writer.state, receiver.state);
    changeSets.push(...part.changeSets);
    checkpoints.push(...part.checkpoints);
  }
  return { changeSets, checkpoints, from: null };
};

const first = bundle();
const setup = time(`ingest ${first.changeSets.length} creations into an empty replica`, () => ingest(receiver.state, first, { now: T0 + 3_600_000 }));
commitDelta(receiver.state, setup.delta);
console.info(`  applied ${setup.report.applied}, rejected ${setup.report.rejected.length}, records ${receiver.state.records.size}`);

time(`edit ${WRITERS}×${PER_WRITER} records (localWrite, one call each)`, () => {
  writers.forEach((writer, index) => {
    writer.write((ids[index] as string[]).map((record, n) => ({ record, kind: 'need', tlp: 'GREEN', ops: [{ field: 'quantity', value: n + 1 }] })));
  });
});
const second = bundle();
for (let round = 0; round < 3; round += 1) {
  const outcome = time(`ingest ${second.changeSets.length} one-op edits into ${receiver.state.records.size} records (run ${round + 1})`, () =>
    ingest(receiver.state, second, { now: T0 + 3_600_000 }),
  );
  if (round === 2) {
    console.info(`  applied ${outcome.report.applied}, rejected ${outcome.report.rejected.length}, touched ${outcome.delta.records.length}`);
    time('commitDelta of that import', () => {
      commitDelta(receiver.state, outcome.delta);
    });
  }
}
time(`  of which parseChangeSet alone (schema, 2 canonical encodings, 2 BLAKE2b)`, () => {
  for (const raw of second.changeSets) parseChangeSet(raw);
});
const again = time(`ingest the same ${second.changeSets.length} again (all duplicates)`, () => ingest(receiver.state, second, { now: T0 + 3_600_000 }));
console.info(`  duplicates ${again.report.duplicates}`);

time(`write ${REBUILD_ROUNDS - 2} more rounds of edits (${(REBUILD_ROUNDS - 2) * WRITERS * PER_WRITER} change-sets)`, () => {
  for (let round = 2; round < REBUILD_ROUNDS; round += 1) {
    writers.forEach((writer, index) => {
      writer.write((ids[index] as string[]).map((record, n) => ({ record, kind: 'need', tlp: 'GREEN', ops: [{ field: round % 2 === 0 ? 'title' : 'quantity', value: `${round}:${n}` }] })));
    });
  }
});
const log = writers.flatMap((writer) => [...writer.state.log.values()]);
const rebuilt = time(`rebuildRecords of ${log.length} change-sets`, () => rebuildRecords(log));
let records = 0;
for (const writer of writers) for (const [id, record] of writer.state.records) if (JSON.stringify(rebuilt.get(id)) === JSON.stringify(record)) records += 1;
console.info(`  ${rebuilt.size} records rebuilt, ${records} identical to the writers' own`);
