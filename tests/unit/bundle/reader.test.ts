/**
 * The reading pipeline against hostile files (issue #6 "Bad input"): one test per case, each checking
 * the stable error code and that the message says what is wrong. The pipeline never throws anything
 * but a BundleError.
 */
import { deflateSync } from 'fflate';
import nacl from 'tweetnacl';
import { generateHybridIdentity, identityToRecipient } from 'age-encryption';
import { beforeAll, describe, expect, it } from 'vitest';
import { signMinisign } from '@shared/crypto';
import {
  ageRecipientFromKey,
  BundleError,
  ingestStep,
  openBundle,
  PAYLOAD_SALT_BYTES,
  verifyBundle,
  type BundleErrorCode,
  type BundleFiles,
  type OpenOptions,
  type SealedBundle,
} from '@shared/bundle';
import type { IngestOutcome } from '@shared/sync/replica';
import { craft } from './craft';
import { flipBit, makeDelegation, seal, writeChain, type TestDelegation } from './helpers';

const NOW = Date.parse('2026-02-02T00:00:00.000Z');

let ua: TestDelegation;
let ee: TestDelegation;
let pl: TestDelegation;
let stranger: TestDelegation;
let honest: SealedBundle;

beforeAll(async () => {
  ua = makeDelegation('Державна служба спеціального зв’язку', 'UA', 'beneficiary', 'reader-ua');
  ee = makeDelegation('Estonian Ministry of Foreign Affairs', 'EE', 'partner', 'reader-ee');
  pl = makeDelegation('Polish Ministry of Digital Affairs', 'PL', 'partner', 'reader-pl');
  stranger = makeDelegation('Unknown Ministry', 'XX', 'partner', 'reader-stranger');
  const chain = writeChain(ua, 5);
  honest = await seal(ua, [ee], { changeSets: chain.changeSets, checkpoints: [chain.checkpoint()] });
});

function options(extra: Partial<OpenOptions<IngestOutcome>> = {}): OpenOptions<IngestOutcome> {
  return {
    trust: [ua.trust(), ee.trust(), pl.trust()],
    me: ee.me(),
    sync: ingestStep({ localDelegation: ee.id, localDevice: ee.state.inception.device.id, now: NOW }),
    ...extra,
  };
}

async function refusal(files: BundleFiles, extra: Partial<OpenOptions<IngestOutcome>> = {}): Promise<BundleError> {
  try {
    await openBundle(files, options(extra));
  } catch (error) {
    expect(error).toBeInstanceOf(BundleError);
    return error as BundleError;
  }
  throw new Error('the bundle was accepted');
}

async function expectRefused(files: BundleFiles, code: BundleErrorCode, message: RegExp, extra: Partial<OpenOptions<IngestOutcome>> = {}): Promise<void> {
  const error = await refusal(files, extra);
  expect({ code: error.code, message: error.message }).toMatchObject({ code, message: expect.stringMatching(message) as unknown });
}

describe('an honest bundle', () => {
  it('opens: all change-sets applied, nothing rejected', async () => {
    const opened = await openBundle({ age: honest.age, minisig: honest.minisig }, options());
    expect(opened.sender.delegationId).toBe(ua.id);
    expect(opened.sync?.report).toMatchObject({ applied: 5, rejected: [], forks: [], refused: null });
  });
});

describe('truncated, bit-flipped and empty files', () => {
  it('a bundle truncated after signing fails the signature', async () => {
    await expectRefused({ age: honest.age.subarray(0, honest.age.length >> 1), minisig: honest.minisig }, 'signature-invalid', /does not match the file/u);
  });

  it('a bundle truncated in its header (then signed) is not an age file', async () => {
    const files = await craft({ sender: ua, recipients: [ee] });
    const truncated = files.age.subarray(0, 40);
    const minisig = await signMinisign(truncated, { keyId: ua.peer().keyId, secretKey: ua.keys.signing.secretKey, trustedComment: files.commentText });
    await expectRefused({ age: truncated, minisig }, 'age-header-malformed', /truncated/u);
  });

  it('a bundle truncated in its payload (then signed) does not decrypt', async () => {
    const files = await craft({ sender: ua, recipients: [ee] });
    const truncated = files.age.subarray(0, files.age.length - 10);
    const minisig = await signMinisign(truncated, { keyId: ua.peer().keyId, secretKey: ua.keys.signing.secretKey, trustedComment: files.commentText });
    await expectRefused({ age: truncated, minisig }, 'decrypt-failed', /damaged or truncated/u);
  });

  it('a bit flipped in the bundle fails the signature', async () => {
    await expectRefused({ age: flipBit(honest.age, 8 * (honest.age.length - 20)), minisig: honest.minisig }, 'signature-invalid', /changed or signed by another key/u);
  });

  it('a bit flipped in the ciphertext (then signed) fails decryption', async () => {
    const files = await craft({ sender: ua, recipients: [ee] });
    const flipped = flipBit(files.age, 8 * (files.age.length - 20));
    const minisig = await signMinisign(flipped, { keyId: ua.peer().keyId, secretKey: ua.keys.signing.secretKey, trustedComment: files.commentText });
    await expectRefused({ age: flipped, minisig }, 'decrypt-failed', /damaged/u);
  });

  it('a bit flipped in the signed comment fails the comment signature', async () => {
    const minisig = honest.minisig.replace('tallinn-desk-bundle/1 id=', 'tallinn-desk-bundle/1 id=').replace(/to=([0-9A-F])/u, (_, c: string) => `to=${c === 'A' ? 'B' : 'A'}`);
    await expectRefused({ age: honest.age, minisig }, 'signature-invalid', /trusted comment was altered/u);
  });

  it('a bit flipped in the signature line fails the signature', async () => {
    const lines = honest.minisig.split('\n');
    const line = lines[1] as string;
    lines[1] = `${line.slice(0, 50)}${line[50] === 'A' ? 'B' : 'A'}${line.slice(51)}`;
    await expectRefused({ age: honest.age, minisig: lines.join('\n') }, 'signature-invalid', /.+/u);
  });

  it('an empty bundle and an empty signature are refused before anything else', async () => {
    await expectRefused({ age: new Uint8Array(0), minisig: honest.minisig }, 'file-empty', /bundle file is empty/u);
    await expectRefused({ age: honest.age, minisig: '' }, 'file-empty', /signature .* is empty/u);
  });

  it('a bundle over the size cap is refused before it is hashed', async () => {
    await expectRefused({ age: new Uint8Array(2048), minisig: honest.minisig }, 'file-too-large', /at most 1024/u, { limits: { fileBytes: 1024 } });
  });
});

describe('missing, swapped and foreign signatures', () => {
  it('a signature file that is not minisign is refused', async () => {
    await expectRefused({ age: honest.age, minisig: 'hello\n' }, 'signature-malformed', /4 lines/u);
    await expectRefused({ age: honest.age, minisig: honest.age.subarray(0, 200) }, 'signature-malformed', /.+/u);
  });

  it('the signature of another bundle of the same sender (swapped) does not verify', async () => {
    const other = await seal(ua, [ee]);
    await expectRefused({ age: honest.age, minisig: other.minisig }, 'signature-invalid', /does not match the file/u);
  });

  it('a foreign signature (another trusted delegation, another file) does not verify', async () => {
    const other = await seal(pl, [ee]);
    await expectRefused({ age: honest.age, minisig: other.minisig }, 'signature-invalid', /Polish Ministry/u);
  });

  it('a legacy (non-prehashed) signature is refused', async () => {
    const lines = honest.minisig.split('\n');
    const bytes = Uint8Array.from(atob(lines[1] as string), (c) => c.charCodeAt(0));
    bytes[1] = 0x64; // "Ed"
    lines[1] = btoa(String.fromCharCode(...bytes));
    await expectRefused({ age: honest.age, minisig: lines.join('\n') }, 'signature-legacy', /prehashed/u);
  });
});

describe('signers', () => {
  it('a signature by an unknown key is refused', async () => {
    const files = await craft({ sender: stranger, recipients: [ee] });
    await expectRefused(files, 'signer-unknown', /not the current key of any delegation you know/u);
  });

  it('a signature by a revoked delegation is refused', async () => {
    const revoked = makeDelegation('Revoked Ministry', 'FR', 'partner', 'reader-revoked');
    const files = await craft({ sender: revoked, recipients: [ee] });
    revoked.revoke();
    await expectRefused(files, 'signer-revoked', /revoked/u, { trust: [revoked.trust(), ee.trust()] });
  });

  it('a signature by a delegation whose fingerprint was not verified is refused', async () => {
    await expectRefused({ age: honest.age, minisig: honest.minisig }, 'signer-unverified', /not verified/u, { trust: [ua.trust(false), ee.trust()] });
  });

  it("a signature by a key the log does not certify (the pre-rotation key) under the delegation's key id is refused", async () => {
    const files = await craft({ sender: ua, recipients: [ee], signer: { keyId: ua.peer().keyId, secretKey: ua.keys.next.secretKey } });
    await expectRefused(files, 'signature-invalid', /does not match/u);
  });

  it('a comment naming another sender than the signer is refused', async () => {
    const files = await craft({ sender: ua, recipients: [ee], comment: { sender: pl.id } });
    await expectRefused(files, 'comment-malformed', /signature is by/u);
  });
});

describe('recipients and age stanzas', () => {
  it('a bundle not addressed to us is refused before decryption', async () => {
    const toPoland = await seal(ua, [pl]);
    await expectRefused({ age: toPoland.age, minisig: toPoland.minisig }, 'not-for-us', /not one of them/u);
  });

  it('a bundle whose signed list names us but whose stanza is for someone else does not decrypt', async () => {
    const files = await craft({ sender: ua, recipients: [ee], ageRecipients: [ageRecipientFromKey(pl.peer().encryptionKey)] });
    await expectRefused(files, 'decrypt-failed', /not encrypted to you/u);
  });

  it('a stanza count that differs from the signed recipient list is refused', async () => {
    const files = await craft({ sender: ua, recipients: [ee], ageRecipients: [ageRecipientFromKey(ee.peer().encryptionKey), ageRecipientFromKey(stranger.peer().encryptionKey)] });
    await expectRefused(files, 'age-stanza-count', /2 age stanza\(s\) but its signature names 1/u);
  });

  it('a stanza flood (more stanzas than recipients can be) is refused while the header is scanned', async () => {
    const many = Array.from({ length: 70 }, () => ageRecipientFromKey(nacl.box.keyPair().publicKey));
    const files = await craft({ sender: ua, recipients: [ee], ageRecipients: [ageRecipientFromKey(ee.peer().encryptionKey), ...many] });
    await expectRefused(files, 'age-header-malformed', /more than 64 stanzas/u);
  });

  it('a post-quantum hybrid stanza is refused (X25519 only)', async () => {
    const hybrid = await identityToRecipient(await generateHybridIdentity());
    const files = await craft({ sender: ua, recipients: [ee], ageRecipients: [hybrid] });
    await expectRefused(files, 'age-stanza-unsupported', /mlkem768x25519/u);
  });
});

describe('payload', () => {
  it('a payload hash mismatch is refused before inflating', async () => {
    const files = await craft({ sender: ua, recipients: [ee], comment: { payloadHash: 'ab'.repeat(32) } });
    await expectRefused(files, 'payload-hash-mismatch', /altered after signing/u);
  });

  it('a compression bomb stops at the decompressed-size cap', async () => {
    const bomb = new Uint8Array(PAYLOAD_SALT_BYTES + 0);
    const compressed = deflateSync(new Uint8Array(64 * 1024 * 1024), { level: 9 });
    const plaintext = new Uint8Array(bomb.length + compressed.length);
    plaintext.set(compressed, PAYLOAD_SALT_BYTES);
    const files = await craft({ sender: ua, recipients: [ee], plaintext });
    const started = performance.now();
    await expectRefused(files, 'payload-too-large', /compression bomb/u, { limits: { decompressedBytes: 4 * 1024 * 1024 } });
    console.info(`compression bomb (${compressed.length} bytes → 64 MiB) refused in ${(performance.now() - started).toFixed(0)} ms`);
  });

  it('a payload that is not a deflate stream is refused', async () => {
    const plaintext = new Uint8Array(PAYLOAD_SALT_BYTES + 100).fill(0xff);
    await expectRefused(await craft({ sender: ua, recipients: [ee], plaintext }), 'payload-corrupt', /compressed stream/u);
  });

  it('deep JSON is refused', async () => {
    const text = JSON.stringify({ deep: 0 }).replace('0', `${'['.repeat(200)}${']'.repeat(200)}`);
    await expectRefused(await craft({ sender: ua, recipients: [ee], payloadText: text }), 'json-invalid', /nested more than 64/u);
  });

  it('huge JSON (too many values) is refused', async () => {
    const text = JSON.stringify({ many: Array.from({ length: 5000 }, (_, i) => i) });
    await expectRefused(await craft({ sender: ua, recipients: [ee], payloadText: text }), 'json-invalid', /more than 1000 values/u, { limits: { jsonValues: 1000 } });
  });

  it('JSON bigger than the decompressed cap is refused', async () => {
    const text = JSON.stringify({ big: 'x'.repeat(3 * 1024 * 1024) });
    await expectRefused(await craft({ sender: ua, recipients: [ee], payloadText: text }), 'payload-too-large', /more than 1048576 bytes/u, { limits: { decompressedBytes: 1024 * 1024 } });
  });

  it('__proto__, constructor and prototype keys are refused, escaped or not', async () => {
    for (const key of ['"__proto__"', '"\\u005f_proto__"', '"constructor"', '"prototype"']) {
      const text = JSON.stringify({ header: { x: 1 } }).replace('"x"', key);
      await expectRefused(await craft({ sender: ua, recipients: [ee], payloadText: text }), 'json-invalid', /forbidden key/u);
    }
  });

  it('duplicate keys are refused', async () => {
    await expectRefused(await craft({ sender: ua, recipients: [ee], payloadText: '{"header":{},"header":{}}' }), 'json-invalid', /twice/u);
  });

  it('a payload that is not UTF-8 is refused', async () => {
    const compressed = deflateSync(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]));
    const plaintext = new Uint8Array(PAYLOAD_SALT_BYTES + compressed.length);
    plaintext.set(compressed, PAYLOAD_SALT_BYTES);
    await expectRefused(await craft({ sender: ua, recipients: [ee], plaintext }), 'payload-corrupt', /not UTF-8/u);
  });

  it('a payload off the schema is refused with the path', async () => {
    await expectRefused(await craft({ sender: ua, recipients: [ee], payload: (p) => ({ ...p, checkpoints: [{ checkpoint: { v: 1 } }] }) }), 'payload-schema', /checkpoints\.0\./u);
    await expectRefused(await craft({ sender: ua, recipients: [ee], payload: (p) => ({ ...p, changeSets: ['not an object'] }) }), 'payload-schema', /changeSets\.0/u);
    await expectRefused(await craft({ sender: ua, recipients: [ee], payload: (p) => ({ ...p, surprise: true }) }), 'payload-schema', /surprise/u);
  });

  it('a malformed change-set is rejected on its own by the sync step, with its reason', async () => {
    const chain = writeChain(ua, 2);
    const files = await craft({
      sender: ua,
      recipients: [ee],
      payload: (p) => ({ ...p, changeSets: [...chain.changeSets, { header: { v: 1 } }], checkpoints: [chain.checkpoint()] }),
    });
    const opened = await openBundle(files, options());
    expect(opened.sync?.report.applied).toBe(2);
    expect(opened.sync?.report.rejected.map((r) => r.reason)).toEqual(['schema']);
  });
});

describe('inner header against the signed comment', () => {
  it('an inner header naming other recipients (re-addressed) is refused', async () => {
    const files = await craft({
      sender: ua,
      recipients: [ee],
      payload: (p) => ({ ...p, header: { ...p.header, recipients: [...p.header.recipients, { delegation: pl.id, keyId: pl.peer().keyIdText }] } }),
    });
    await expectRefused(files, 'header-mismatch', /recipients/u);
  });

  it('an inner header with another bundle id, time or sender is refused', async () => {
    for (const [field, change] of [
      ['bundle id', { bundle: 'bbbbbbbbbbbbbbbbbbbbbbbbbb' }],
      ['creation time', { created: '2026-02-01T12:00:01.000Z' }],
      ['sender', { sender: pl.id }],
    ] as const) {
      const files = await craft({ sender: ua, recipients: [ee], payload: (p) => ({ ...p, header: { ...p.header, ...change } }) });
      await expectRefused(files, 'header-mismatch', new RegExp(field, 'u'));
    }
  });
});

describe('newer format versions', () => {
  it('a newer bundle format in the signed comment is refused with a clear message', async () => {
    const files = await craft({ sender: ua, recipients: [ee] });
    const commentText = files.commentText.replace('tallinn-desk-bundle/1', 'tallinn-desk-bundle/2');
    const newer = await craft({ sender: ua, recipients: [ee], commentText });
    await expectRefused(newer, 'format-newer', /format version 2; this version of Tallinn Desk reads format 1 only\. Update/u);
  });

  it('a newer payload format is refused with a clear message', async () => {
    const files = await craft({ sender: ua, recipients: [ee], payload: (p) => ({ ...p, header: { ...p.header, format: 2 } }) });
    await expectRefused(files, 'format-newer', /payload uses format version 2/u);
  });
});

describe('chains, ownership and TLP (the sync engine, from = the sender)', () => {
  async function report(files: BundleFiles, extra: Partial<OpenOptions<IngestOutcome>> = {}) {
    const opened = await openBundle(files, options(extra));
    return (opened.sync as IngestOutcome).report;
  }

  it('a broken chain: change-sets below a broken prev link are uncovered', async () => {
    const chain = writeChain(ua, 4);
    const other = writeChain(ua, 4); // same device and seqs, different contents
    const mixed = [chain.changeSets[0], other.changeSets[1], chain.changeSets[2], chain.changeSets[3]].filter((c) => c !== undefined);
    const sealed = await seal(ua, [ee], { changeSets: mixed, checkpoints: [chain.checkpoint()] });
    const r = await report({ age: sealed.age, minisig: sealed.minisig });
    // seq 3–4 hang from the checkpoint; seq 2 is not the one seq 3 names (forged); nothing reaches seq 1.
    expect(r.applied).toBe(2);
    expect(r.rejected.map((x) => x.reason).sort()).toEqual(['forged', 'uncovered']);
  });

  it('a fork: two signed histories of one device freeze its chain and keep the evidence', async () => {
    const a = writeChain(ua, 2);
    const b = writeChain(ua, 2);
    const sealed = await seal(ua, [ee], { changeSets: [...a.changeSets, ...b.changeSets], checkpoints: [a.checkpoint(), b.checkpoint()] });
    const r = await report({ age: sealed.age, minisig: sealed.minisig });
    expect(r.forks).toHaveLength(1);
    expect(r.forks[0]).toMatchObject({ device: a.device, seq: 1 });
  });

  it('an uncovered-signature flood: change-sets no checkpoint reaches are rejected, the report stays bounded', async () => {
    const chain = writeChain(ua, 2000);
    const sealed = await seal(ua, [ee], { changeSets: chain.changeSets });
    const r = await report({ age: sealed.age, minisig: sealed.minisig });
    expect(r.applied).toBe(0);
    expect(r.rejected.length).toBeLessThanOrEqual(300);
    expect(r.rejected.every((x) => x.reason === 'uncovered')).toBe(true);
  });

  it('a checkpoint flood: only a few signatures per device are verified', async () => {
    const chain = writeChain(ua, 50);
    const checkpoints = Array.from({ length: 50 }, (_, i) => ({ ...chain.checkpoint(), checkpoint: { ...chain.checkpoint().checkpoint, seq: i + 1, head: chain.hashes[i] as string } }));
    const sealed = await seal(ua, [ee], { changeSets: chain.changeSets, checkpoints });
    const r = await report({ age: sealed.age, minisig: sealed.minisig });
    expect(r.rejected.some((x) => x.reason === 'checkpoint-flood')).toBe(true);
  });

  it('wrong owners: a change-set for a record owned by another delegation is rejected', async () => {
    const chain = writeChain(ua, 1, { owner: pl.id });
    const sealed = await seal(ua, [ee], { changeSets: chain.changeSets, checkpoints: [chain.checkpoint()] });
    const r = await report({ age: sealed.age, minisig: sealed.minisig });
    expect(r.rejected.map((x) => x.reason)).toEqual(['wrong-owner']);
  });

  it('TLP-violating relays: another delegation’s AMBER content relayed by the sender is rejected, GREEN is applied', async () => {
    const chain = writeChain(ua, 2, { tlp: (i) => (i === 0 ? 'GREEN' : 'AMBER') });
    const sealed = await seal(pl, [ee], { changeSets: chain.changeSets, checkpoints: [chain.checkpoint()], keyEventLogs: [ua.log] });
    const r = await report({ age: sealed.age, minisig: sealed.minisig });
    expect(r.applied).toBe(1);
    expect(r.rejected.map((x) => x.reason)).toEqual(['tlp-relay']);
  });

  it('a sender clock beyond the drift bound refuses the whole bundle, naming the skew', async () => {
    const chain = writeChain(ua, 1, { startMs: NOW + 5 * 3600_000 });
    const sealed = await seal(ua, [ee], { changeSets: chain.changeSets, checkpoints: [chain.checkpoint()] });
    await expectRefused({ age: sealed.age, minisig: sealed.minisig }, 'sync-refused', /.+/u);
  });
});

describe('key event logs in a bundle', () => {
  it('a new device registered by the current key is accepted for this bundle', async () => {
    const local = makeDelegation('Danish MFA', 'DK', 'partner', 'reader-dk');
    const trusted = local.trust();
    const device = local.addDevice();
    const chain = writeChain(local, 3, { device });
    const sealed = await seal(local, [ee], { changeSets: chain.changeSets, checkpoints: [chain.checkpoint()] });
    const opened = await openBundle({ age: sealed.age, minisig: sealed.minisig }, options({ trust: [trusted, ee.trust()] }));
    expect(opened.keyLogs[0]).toMatchObject({ status: 'extends', newDevices: [device] });
    expect(opened.sync?.report.applied).toBe(3);
  });

  it("a sender's log that contradicts the verified one refuses the bundle", async () => {
    const a = makeDelegation('Swedish MFA', 'SE', 'partner', 'reader-se');
    a.addDevice();
    const trusted = a.trust();
    const fork = makeDelegation('Swedish MFA', 'SE', 'partner', 'reader-se'); // same keys and inception
    fork.random(16); // another device id at the same seq: competing key events
    fork.addDevice();
    const sealed = await seal(fork, [ee]);
    await expectRefused({ age: sealed.age, minisig: sealed.minisig }, 'key-log-invalid', /contradicts/u, { trust: [trusted, ee.trust()] });
  });

  it('a revocation in the sender’s log is reported and takes effect from the next bundle', async () => {
    const fr = makeDelegation('French MFA', 'FR', 'partner', 'reader-fr');
    const trusted = fr.trust();
    fr.revoke();
    const files = await craft({ sender: fr, recipients: [ee], payload: (p) => ({ ...p, keyEventLogs: [fr.log] }) });
    const opened = await openBundle(files, options({ trust: [trusted, ee.trust()] }));
    expect(opened.keyLogs[0]?.status).toBe('revocation');
  });
});

describe('verify without decrypting', () => {
  it('checks signer, signature and stanza count with no secret', async () => {
    const result = await verifyBundle({ age: honest.age, minisig: honest.minisig }, { trust: [ua.trust()] });
    expect(result).toMatchObject({ sender: { delegationId: ua.id }, stanzas: 1, recipients: [{ keyId: ee.peer().keyIdText, peer: null }] });
  });
});
