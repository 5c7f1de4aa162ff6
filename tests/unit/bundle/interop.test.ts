/**
 * Interoperability with stock tools (Debian's age 1.1.1 and minisign 0.11 at /usr/bin):
 * - a sealed bundle verifies with `minisign -V -p <card as minisign pub> -m BUNDLE` and decrypts with
 *   `age -d -i <exported identity>`;
 * - our verifier accepts a signature made by stock minisign for a given public key;
 * - the bundle reader still refuses a bundle whose signer is not a verified delegation, even with a
 *   signature stock minisign made correctly.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMinisignPublicKey, parseMinisignSignature, utf8Encode, verifyMinisign } from '@shared/crypto';
import { ageIdentityFromSecret, BundleError, cardMinisignPublicKeyFile, openBundle, PAYLOAD_SALT_BYTES, verifyBundle, verifyCard } from '@shared/bundle';
import { inflateSync } from 'fflate';
import { makeDelegation, seal, writeChain, type TestDelegation } from './helpers';

const AGE = '/usr/bin/age';
const MINISIGN = '/usr/bin/minisign';
let dir: string;
let ua: TestDelegation;
let ee: TestDelegation;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tdesk-interop-'));
  ua = makeDelegation('Державна служба спеціального зв’язку', 'UA', 'beneficiary', 'interop-ua');
  ee = makeDelegation('Estonian Ministry of Foreign Affairs', 'EE', 'partner', 'interop-ee');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('stock minisign and age', () => {
  it('verify a sealed bundle with the card as a minisign public key, and decrypt it with the exported identity', async () => {
    const chain = writeChain(ua, 3);
    const sealed = await seal(ua, [ee], { changeSets: chain.changeSets, checkpoints: [chain.checkpoint()] });
    const bundle = join(dir, sealed.name);
    writeFileSync(bundle, sealed.age);
    writeFileSync(`${bundle}.minisig`, sealed.minisig);
    writeFileSync(join(dir, 'ua.pub'), cardMinisignPublicKeyFile(verifyCard(ua.card())));
    const out = execFileSync(MINISIGN, ['-V', '-p', join(dir, 'ua.pub'), '-m', bundle], { encoding: 'utf8' });
    expect(out).toContain('Signature and comment signature verified');
    expect(out).toContain(`Trusted comment: ${sealed.commentText}`);

    writeFileSync(join(dir, 'ee.key'), `${ageIdentityFromSecret(ee.keys.encryption.secretKey)}\n`, { mode: 0o600 });
    const plaintext = execFileSync(AGE, ['-d', '-i', join(dir, 'ee.key'), bundle]);
    const json = JSON.parse(new TextDecoder().decode(inflateSync(plaintext.subarray(PAYLOAD_SALT_BYTES)))) as { header: { bundle: string }; changeSets: unknown[] };
    expect(json.header.bundle).toBe(sealed.bundleId);
    expect(json.changeSets).toHaveLength(3);
  });

  it('the golden bundle verifies with stock minisign and decrypts with stock age', () => {
    const fixtures = join(import.meta.dirname, '../../fixtures/bundle');
    const out = execFileSync(MINISIGN, ['-V', '-p', join(fixtures, 'sender.minisign.pub'), '-m', join(fixtures, 'golden.tdesk.age')], { encoding: 'utf8' });
    expect(out).toContain('Trusted comment: tallinn-desk-bundle/1 ');
    const plaintext = execFileSync(AGE, ['-d', '-i', join(fixtures, 'recipient.agekey'), join(fixtures, 'golden.tdesk.age')]);
    expect(plaintext.length).toBeGreaterThan(PAYLOAD_SALT_BYTES);
  });

  it('minisign refuses a bundle altered after signing', async () => {
    const sealed = await seal(ua, [ee]);
    const bundle = join(dir, 'altered.tdesk.age');
    const altered = Uint8Array.from(sealed.age);
    altered[altered.length - 1] = (altered[altered.length - 1] as number) ^ 1;
    writeFileSync(bundle, altered);
    writeFileSync(`${bundle}.minisig`, sealed.minisig);
    writeFileSync(join(dir, 'ua.pub'), cardMinisignPublicKeyFile(verifyCard(ua.card())));
    expect(() => execFileSync(MINISIGN, ['-V', '-p', join(dir, 'ua.pub'), '-m', bundle], { stdio: 'pipe' })).toThrow();
  });

  it('our verifier accepts a signature made by stock minisign; the bundle reader still refuses that signer', async () => {
    const pub = join(dir, 'stock.pub');
    const key = join(dir, 'stock.key');
    execFileSync(MINISIGN, ['-G', '-W', '-f', '-p', pub, '-s', key], { stdio: 'pipe' });
    const message = join(dir, 'message.bin');
    writeFileSync(message, utf8Encode('a file signed by stock minisign\n'));
    execFileSync(MINISIGN, ['-S', '-s', key, '-m', message, '-t', 'stock trusted comment'], { stdio: 'pipe' });
    const publicKey = parseMinisignPublicKey(readFileSync(pub, 'utf8'));
    const signature = parseMinisignSignature(readFileSync(`${message}.minisig`));
    if (!publicKey.ok || !signature.ok) throw new Error('stock files did not parse');
    expect(signature.value.trustedComment).toBe('stock trusted comment');
    expect(await verifyMinisign(signature.value, readFileSync(message), publicKey.value)).toEqual({ ok: true });

    // The same stock key signing a real bundle file: a correct minisign signature, but not a delegation.
    const sealed = await seal(ua, [ee]);
    const bundle = join(dir, 'stock-signed.tdesk.age');
    writeFileSync(bundle, sealed.age);
    execFileSync(MINISIGN, ['-S', '-s', key, '-m', bundle, '-t', sealed.commentText], { stdio: 'pipe' });
    const files = { age: sealed.age, minisig: readFileSync(`${bundle}.minisig`) };
    await expect(verifyBundle(files, { trust: [ua.trust(), ee.trust()] })).rejects.toMatchObject({ code: 'signer-unknown' });
    await expect(openBundle(files, { trust: [ua.trust(), ee.trust()], me: ee.me() })).rejects.toBeInstanceOf(BundleError);
  });
});
