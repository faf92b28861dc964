/* Rutin: zlib inflate (RFC 1950/1951) for the packed search pieces, in browsers without
   DecompressionStream (Firefox before 113, Safari before 16.4): without it they would
   have no search at all. Loaded only there (rutin-search.js, rutin-theme.js), so other
   browsers fetch nothing more.
     rutinInflate(bytes: Uint8Array) → Uint8Array, the inflated bytes; throws on data
       that is not a whole zlib stream or does not match its checksum.
   After tiny-inflate (Devon Govett, MIT) and tinf (Jørgen Ibsen), with an output that
   grows, since a piece's size is not sent. */
(function (root) {
  "use strict";

  function Tree() {
    this.table = new Uint16Array(16); // how many codes of each length
    this.trans = new Uint16Array(288); // the symbols, by code
  }

  // Extra bits and base values of the length and distance codes.
  const lengthBits = new Uint8Array(30);
  const lengthBase = new Uint16Array(30);
  const distBits = new Uint8Array(30);
  const distBase = new Uint16Array(30);

  function bitsAndBase(bits, base, delta, first) {
    for (let i = 0; i < 30; i++) {
      bits[i] = i < delta ? 0 : ((i - delta) / delta) | 0;
    }
    for (let i = 0, sum = first; i < 30; i++) {
      base[i] = sum;
      sum += 1 << bits[i];
    }
  }
  bitsAndBase(lengthBits, lengthBase, 4, 3);
  bitsAndBase(distBits, distBase, 2, 1);
  lengthBits[28] = 0; // length code 285 is 258, with no extra bits
  lengthBase[28] = 258;

  // The order in which the code length code lengths are sent.
  const CODE_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

  const fixedLengths = new Tree();
  const fixedDistances = new Tree();
  (function fixedTrees() {
    const lengths = new Uint8Array(288 + 32);
    lengths.fill(8, 0, 144);
    lengths.fill(9, 144, 256);
    lengths.fill(7, 256, 280);
    lengths.fill(8, 280, 288);
    lengths.fill(5, 288, 320);
    buildTree(fixedLengths, lengths, 0, 288);
    buildTree(fixedDistances, lengths, 288, 32);
  })();

  function buildTree(tree, lengths, offset, count) {
    const offsets = new Uint16Array(16);
    tree.table.fill(0);
    for (let i = 0; i < count; i++) {
      tree.table[lengths[offset + i]]++;
    }
    tree.table[0] = 0;
    for (let i = 0, sum = 0; i < 16; i++) {
      offsets[i] = sum;
      sum += tree.table[i];
    }
    for (let i = 0; i < count; i++) {
      if (lengths[offset + i]) {
        tree.trans[offsets[lengths[offset + i]]++] = i;
      }
    }
  }

  function Reader(source) {
    this.source = source;
    this.index = 0;
    this.tag = 0;
    this.count = 0; // bits left in tag
  }

  Reader.prototype.fill = function () {
    while (this.count < 24) {
      if (this.index > this.source.length + 4) {
        throw new Error("rutinInflate: the data ends too soon");
      }
      this.tag |= (this.source[this.index++] | 0) << this.count;
      this.count += 8;
    }
  };

  Reader.prototype.bits = function (count, base) {
    if (!count) {
      return base;
    }
    this.fill();
    const value = this.tag & (0xffff >>> (16 - count));
    this.tag >>>= count;
    this.count -= count;
    return value + base;
  };

  Reader.prototype.symbol = function (tree) {
    this.fill();
    let sum = 0;
    let code = 0;
    let length = 0;
    let tag = this.tag;
    do {
      code = 2 * code + (tag & 1);
      tag >>>= 1;
      length++;
      if (length > 15) {
        throw new Error("rutinInflate: a code that is not in the tree");
      }
      sum += tree.table[length];
      code -= tree.table[length];
    } while (code >= 0);
    this.tag = tag;
    this.count -= length;
    return tree.trans[sum + code];
  };

  function dynamicTrees(reader, lengthsTree, distancesTree) {
    const lengths = new Uint8Array(288 + 32);
    const codeTree = new Tree();
    const literals = reader.bits(5, 257);
    const distances = reader.bits(5, 1);
    const codeLengths = reader.bits(4, 4);
    for (let i = 0; i < codeLengths; i++) {
      lengths[CODE_ORDER[i]] = reader.bits(3, 0);
    }
    buildTree(codeTree, lengths, 0, 19);
    lengths.fill(0, 0, 19);
    for (let n = 0; n < literals + distances;) {
      const symbol = reader.symbol(codeTree);
      if (symbol === 16) {
        const previous = lengths[n - 1];
        for (let times = reader.bits(2, 3); times; times--) {
          lengths[n++] = previous;
        }
      } else if (symbol === 17) {
        for (let times = reader.bits(3, 3); times; times--) {
          lengths[n++] = 0;
        }
      } else if (symbol === 18) {
        for (let times = reader.bits(7, 11); times; times--) {
          lengths[n++] = 0;
        }
      } else {
        lengths[n++] = symbol;
      }
    }
    buildTree(lengthsTree, lengths, 0, literals);
    buildTree(distancesTree, lengths, literals, distances);
  }

  function blockData(reader, out, lengthsTree, distancesTree) {
    for (;;) {
      let symbol = reader.symbol(lengthsTree);
      if (symbol === 256) {
        return;
      }
      if (symbol < 256) {
        out.push(symbol);
        continue;
      }
      symbol -= 257;
      const length = reader.bits(lengthBits[symbol], lengthBase[symbol]);
      const code = reader.symbol(distancesTree);
      const from = out.length - reader.bits(distBits[code], distBase[code]);
      if (from < 0) {
        throw new Error("rutinInflate: a distance before the start");
      }
      for (let i = from; i < from + length; i++) {
        out.push(out[i]); // may overlap what it writes: byte by byte
      }
    }
  }

  function storedBlock(reader, out) {
    // Back to a byte boundary: the bits read ahead are given back.
    while (reader.count >= 8) {
      reader.index--;
      reader.count -= 8;
    }
    const source = reader.source;
    const at = reader.index;
    const length = source[at] | (source[at + 1] << 8);
    const inverse = source[at + 2] | (source[at + 3] << 8);
    if (length !== (~inverse & 0xffff) || at + 4 + length > source.length) {
      throw new Error("rutinInflate: a stored block that does not add up");
    }
    for (let i = 0; i < length; i++) {
      out.push(source[at + 4 + i]);
    }
    reader.index = at + 4 + length;
    reader.tag = 0;
    reader.count = 0;
  }

  root.rutinInflate = function (bytes) {
    // zlib's two bytes first: deflate, no preset dictionary, a header that checks.
    if (bytes.length < 2 || (bytes[0] & 0x0f) !== 8 || ((bytes[0] << 8) | bytes[1]) % 31 ||
        bytes[1] & 0x20) {
      throw new Error("rutinInflate: no zlib stream");
    }
    const reader = new Reader(bytes.subarray(2));
    const out = [];
    let last = 0;
    while (!last) {
      last = reader.bits(1, 0);
      const type = reader.bits(2, 0);
      if (type === 0) {
        storedBlock(reader, out);
      } else if (type === 1) {
        blockData(reader, out, fixedLengths, fixedDistances);
      } else if (type === 2) {
        const lengthsTree = new Tree();
        const distancesTree = new Tree();
        dynamicTrees(reader, lengthsTree, distancesTree);
        blockData(reader, out, lengthsTree, distancesTree);
      } else {
        throw new Error("rutinInflate: an unknown block type");
      }
    }
    // zlib's Adler-32 of the data last, big-endian, after the bits read ahead.
    const at = reader.index - (reader.count >> 3);
    const source = reader.source;
    const sent = ((source[at] << 24) | (source[at + 1] << 16) | (source[at + 2] << 8) |
                  source[at + 3]) >>> 0;
    if (at + 4 > source.length || sent !== adler32(out)) {
      throw new Error("rutinInflate: the data does not match its checksum");
    }
    return Uint8Array.from(out);
  };

  function adler32(bytes) {
    let a = 1;
    let b = 0;
    for (let i = 0; i < bytes.length; i++) {
      a = (a + bytes[i]) % 65521;
      b = (b + a) % 65521;
    }
    return ((b << 16) | a) >>> 0;
  }
})(typeof self !== "undefined" ? self : this);
