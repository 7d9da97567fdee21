import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText, firstInvalidUtf8, LineIndex, sniffText } from '../../src/core/text';

const enc = (s: string) => new TextEncoder().encode(s);

test('decodeText: plain UTF-8, BOM stripped', () => {
  assert.deepEqual(decodeText(enc('héllo\n')), { text: 'héllo\n' });
  assert.deepEqual(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('x = 1')])), { text: 'x = 1' });
});

test('decodeText: NUL byte in the first 8 KB means binary, and says where', () => {
  const bytes = enc('abc\u0000def');
  assert.deepEqual(decodeText(bytes), { binary: 'looks binary (NUL byte at offset 3)' });
  const late = new Uint8Array(9000).fill(0x61);
  late[8500] = 0;
  assert.ok('text' in decodeText(late), 'a NUL after 8 KB does not make a file binary');
});

test('decodeText: UTF-16 LE and BE by BOM', () => {
  const le = new Uint8Array([0xff, 0xfe, ...Buffer.from('llama3 é', 'utf16le')]);
  assert.deepEqual(decodeText(le), { text: 'llama3 é' });
  const leBytes = Buffer.from('gpt-4o', 'utf16le');
  const be = new Uint8Array(2 + leBytes.length);
  be[0] = 0xfe;
  be[1] = 0xff;
  for (let i = 0; i < leBytes.length; i += 2) {
    be[2 + i] = leBytes[i + 1]!;
    be[3 + i] = leBytes[i]!;
  }
  assert.deepEqual(decodeText(be), { text: 'gpt-4o' });
});

test('decodeText: invalid UTF-8 is read as Latin-1 with a warning naming the first bad byte', () => {
  const bytes = new Uint8Array([...enc('model = "llama3" # caf'), 0xe9, ...enc(' ok\n')]);
  const r = decodeText(bytes);
  assert.ok('text' in r);
  assert.equal(r.text, 'model = "llama3" # café ok\n');
  assert.equal(r.warning, 'not valid UTF-8 (first bad byte at offset 22); read as Latin-1');
});

test('firstInvalidUtf8: overlong, surrogate, truncated and stray continuation bytes', () => {
  assert.equal(firstInvalidUtf8(enc('aé中😀')), -1);
  assert.equal(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80])), 1); // overlong
  assert.equal(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80])), 0); // surrogate
  assert.equal(firstInvalidUtf8(new Uint8Array([0x61, 0x62, 0xe4, 0xb8])), 2); // truncated
  assert.equal(firstInvalidUtf8(new Uint8Array([0x80])), 0);
  assert.equal(sniffText(new Uint8Array([0x61, 0xc3])).kind, 'latin1');
});

test('LineIndex: 1-based lines, UTF-16 columns, \\n, \\r\\n and lone \\r', () => {
  const text = 'ab\ncd\r\nef\rgh😀x';
  const li = new LineIndex(text);
  assert.deepEqual(li.position(0), { line: 1, column: 1 });
  assert.deepEqual(li.position(4), { line: 2, column: 2 });
  assert.deepEqual(li.position(7), { line: 3, column: 1 });
  assert.deepEqual(li.position(10), { line: 4, column: 1 });
  assert.deepEqual(li.position(14), { line: 4, column: 5 }); // after the surrogate pair
  assert.deepEqual(li.position(1), { line: 1, column: 2 }); // going back restarts
  const plain = new LineIndex('x\ny\nz');
  assert.deepEqual(plain.position(4), { line: 3, column: 1 });
});

test('LineIndex over bytes: byte offsets to UTF-16 columns, BOM not counted', () => {
  const s = 'é中 llama3\nxx llama3';
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc(s)]);
  const bi = new LineIndex(bytes, 3, 'utf8');
  const first = 3 + Buffer.byteLength('é中 ');
  assert.deepEqual(bi.position(first), { line: 1, column: 4 });
  const second = 3 + Buffer.byteLength('é中 llama3\nxx ');
  assert.deepEqual(bi.position(second), { line: 2, column: 4 });
  const latin = new Uint8Array([0xe9, 0x0d, 0x0a, 0xe9, 0x41]);
  assert.deepEqual(new LineIndex(latin, 0, 'latin1').position(4), { line: 2, column: 2 });
});
