// Generates independent BLS12-381 test vectors with @noble/curves, for
// crypto/pairing/vectors_test.cc and `sselab crypto check-vectors`.
//
//   mkdir /tmp/noble && cd /tmp/noble && npm install @noble/curves
//   NODE_PATH=/tmp/noble/node_modules node gen_noble_vectors.mjs OUTDIR
//
// (or run it from a directory whose node_modules holds @noble/curves). Writes
//   OUTDIR/noble_pairing.json   {"pairing": [{P, Q, e}], "g1_mul": [...], "g2_mul": [...],
//                                "hash_to_fr": [...]}
//   OUTDIR/noble_hash_g1.json   RFC 9380 JSON format, suite BLS12381G1_XMD:SHA-256_SSWU_RO_
//   OUTDIR/noble_hash_g2.json   RFC 9380 JSON format, suite BLS12381G2_XMD:SHA-256_SSWU_RO_
// Scalars come from the OS generator, so each run yields new (equally valid) vectors.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

const require = createRequire(join(process.cwd(), 'noop.js'));
const resolveFrom = (spec) => {
  try { return require.resolve(spec); } catch { return null; }
};
const modPath = resolveFrom('@noble/curves/bls12-381.js') ??
  require.resolve('@noble/curves/bls12-381.js', { paths: (process.env.NODE_PATH ?? '').split(':') });
const { bls12_381: bls } = await import(modPath);
const pkgPath = modPath.replace(/bls12-381\.js$/, 'package.json');
const nobleVersion = require(pkgPath).version;

const outDir = resolve(process.argv[2] ?? '.');
const R = bls.fields.Fr.ORDER;
const hex = (u8) => Buffer.from(u8).toString('hex');
const fpHex = (v) => v.toString(16).padStart(96, '0');
const randScalar = () => (BigInt('0x' + randomBytes(64).toString('hex')) % (R - 1n)) + 1n;

// GT as 576 bytes: Fp12 = c0||c1, Fp6 = c0||c1||c2, Fp2 = c0||c1, Fp 48-byte big-endian.
const gtHex = (f) => [f.c0, f.c1].flatMap((f6) => [f6.c0, f6.c1, f6.c2])
  .flatMap((f2) => [f2.c0, f2.c1]).map(fpHex).join('');

const G1 = bls.G1.Point, G2 = bls.G2.Point;
const provenance = {
  generator: 'crypto/pairing/testdata/gen_noble_vectors.mjs',
  implementation: `@noble/curves ${nobleVersion} (npm)`,
  node: process.version,
};

const pairing = [];
const addPair = (P, Q) => pairing.push({
  P: hex(P.toBytes(true)), Q: hex(Q.toBytes(true)), e: gtHex(bls.pairing(P, Q)),
});
addPair(G1.BASE, G2.BASE);
for (let i = 0; i < 8; i++) addPair(G1.BASE.multiply(randScalar()), G2.BASE.multiply(randScalar()));

const smallKs = [1n, 2n, 3n, 7n, R - 1n];
const mulVec = (Pt) => [...smallKs, randScalar(), randScalar(), randScalar()].map((k) => ({
  k: k.toString(16).padStart(64, '0'), P: hex(Pt.BASE.multiply(k).toBytes(true)),
}));

const msgs = ['', 'abc', 'sselab', 'q128_' + 'q'.repeat(128), 'a512_' + 'a'.repeat(512)];
const enc = new TextEncoder();
const hashToFr = msgs.map((msg) => {
  const dst = 'SSELAB-V01-CS01-with-BLS12381Fr_XMD:SHA-256_';
  const s = bls.G1.hashToScalar(enc.encode(msg), { DST: dst });
  return { msg, dst, s: s.toString(16).padStart(64, '0') };
});

writeFileSync(join(outDir, 'noble_pairing.json'), JSON.stringify({
  ...provenance,
  pairing,
  g1_mul: mulVec(G1),
  g2_mul: mulVec(G2),
  hash_to_fr: hashToFr,
}, null, 2) + '\n');

for (const [group, suite] of [['G1', 'BLS12381G1_XMD:SHA-256_SSWU_RO_'],
                              ['G2', 'BLS12381G2_XMD:SHA-256_SSWU_RO_']]) {
  const dst = `SSELAB-V01-CS01-with-${suite}`;
  const coord = group === 'G1' ? (v) => '0x' + fpHex(v)
                               : (v) => '0x' + fpHex(v.c0) + ',0x' + fpHex(v.c1);
  const vectors = msgs.map((msg) => {
    const P = bls[group].hashToCurve(enc.encode(msg), { DST: dst }).toAffine();
    return { msg, P: { x: coord(P.x), y: coord(P.y) } };
  });
  writeFileSync(join(outDir, `noble_hash_${group.toLowerCase()}.json`), JSON.stringify({
    ...provenance, ciphersuite: suite, dst, vectors,
  }, null, 2) + '\n');
}
console.log(`wrote vectors with @noble/curves ${nobleVersion} to ${outDir}`);
