// Which partition a Kafka message goes to, by Kapacitor's partitioners (sarama + its own
// compatibility partitioners), so messages of one alert id land where Kapacitor puts them:
//
//   crc32 (default, also ""): crc32-IEEE(key) % n, librdkafka-compatible; an empty key gets
//                             a random partition
//   murmur2:  (murmur2(key) & 0x7fffffff) % n, Kafka's Java client / kafka-go
//   murmur3:  |int32(murmur3_32(key)) % n|, sarama's hash partitioner over murmur3
//   fnv-1a:   |int32(fnv1a_32(key)) % n|, sarama's default hash partitioner
//
// n counts every partition of the topic and the result indexes them sorted by id (sarama
// hashes over all partitions, available or not, so an id always maps to one partition).

export type PartitionHash = 'crc32' | 'murmur2' | 'murmur3' | 'fnv-1a';

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3), as Go's crc32.ChecksumIEEE. */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of data) crc = crcTable[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Kafka's murmur2 (seed 0x9747b28c), as kafka-go and the Java client compute it. */
export function murmur2(data: Uint8Array): number {
  const m = 0x5bd1e995;
  const len = data.length;
  let h = (0x9747b28c ^ len) >>> 0;
  const blocks = len >> 2;
  for (let i = 0; i < blocks; i++) {
    const j = i * 4;
    let k = data[j]! | (data[j + 1]! << 8) | (data[j + 2]! << 16) | (data[j + 3]! << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  const tail = len & ~3;
  const extra = len & 3;
  if (extra >= 3) h ^= data[tail + 2]! << 16;
  if (extra >= 2) h ^= data[tail + 1]! << 8;
  if (extra >= 1) {
    h ^= data[tail]!;
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h >>> 0;
}

/** MurmurHash3 x86 32-bit (spaolacci/murmur3 New32, seed 0 by default). */
export function murmur3(data: Uint8Array, seed = 0): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const len = data.length;
  let h = seed >>> 0;
  const blocks = len >> 2;
  for (let i = 0; i < blocks; i++) {
    const j = i * 4;
    let k = data[j]! | (data[j + 1]! << 8) | (data[j + 2]! << 16) | (data[j + 3]! << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = len & ~3;
  const extra = len & 3;
  if (extra > 0) {
    let k = 0;
    if (extra >= 3) k ^= data[tail + 2]! << 16;
    if (extra >= 2) k ^= data[tail + 1]! << 8;
    k ^= data[tail]!;
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= len;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a 32-bit, as Go's hash/fnv New32a. */
export function fnv1a(data: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of data) h = Math.imul(h ^ b, 0x01000193);
  return h >>> 0;
}

/** sarama's hashPartitioner without referenceAbs: |int32(hash) % n|. */
function saramaIndex(hash: number, n: number): number {
  return Math.abs((hash | 0) % n);
}

/**
 * The index (into the topic's partitions sorted by id) for `key` among `n` partitions.
 * `random` picks for crc32's empty key (sarama uses math/rand).
 */
export function partitionIndex(
  algorithm: PartitionHash,
  key: Uint8Array,
  n: number,
  random: () => number = Math.random,
): number {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError('number of partitions must be positive');
  switch (algorithm) {
    case 'crc32':
      if (key.length === 0) return Math.floor(random() * n);
      return ((crc32(key) % n) & 0x7fffffff) >>> 0;
    case 'murmur2':
      return (murmur2(key) & 0x7fffffff) % n;
    case 'murmur3':
      return saramaIndex(murmur3(key), n);
    case 'fnv-1a':
      return saramaIndex(fnv1a(key), n);
  }
}

/** The partition id for `key`: `partitionIndex` over `partitionIds` sorted ascending. */
export function partitionFor(
  algorithm: PartitionHash,
  key: Uint8Array,
  partitionIds: readonly number[],
  random?: () => number,
): number {
  // Metadata lists partitions in id order almost always: copy and sort only when it does not.
  let sorted = partitionIds;
  for (let i = 1; i < partitionIds.length; i++) {
    if (partitionIds[i - 1]! > partitionIds[i]!) {
      sorted = [...partitionIds].sort((a, b) => a - b);
      break;
    }
  }
  return sorted[partitionIndex(algorithm, key, sorted.length, random)]!;
}
