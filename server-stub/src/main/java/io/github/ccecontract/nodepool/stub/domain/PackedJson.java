package io.github.ccecontract.nodepool.stub.domain;

import io.github.ccecontract.nodepool.contract.NodePoolContract.DocumentedExample;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * JSON bytes kept compactly: the runs they share with the documented responses are stored as references
 * into them, the rest as it is.
 *
 * <p>Why: a stub under sustained load holds tens of thousands of 201 bodies in the README's 128 MiB heap,
 * and the collector's work grows with what is held (issue 10, benchmark). A body repeats the documented
 * response almost member for member, so a 1.8 kB CCE body keeps about 420 bytes, most of them its random
 * public key. Why not {@link java.util.zip.Deflater} with the responses as its dictionary: it keeps a
 * tenth less (373 bytes), but resetting zlib and loading the dictionary for each body took a tenth of the stub's
 * CPU time under load (measured with async-profiler); this index of the dictionary is built once.
 *
 * <p>Format: the unpacked length as a varint, then tokens until that length is reached. A token is a
 * varint {@code h}: {@code h} even, a literal run of {@code h / 2} bytes follows; {@code h} odd, a copy
 * of {@code h / 2 + MIN_MATCH} bytes of the dictionary, at the offset given by the next varint.
 */
final class PackedJson {

    private static final List<DocumentedExample> DICTIONARY_SOURCES =
            List.of(DocumentedExample.CCE_TURBO_CLUSTER_RESPONSE, DocumentedExample.CCE_CLUSTER_RESPONSE);

    /** Shortest run stored as a copy: a copy token takes up to 4 bytes. */
    static final int MIN_MATCH = 6;

    private static final int HASH_BITS = 14;
    private static final byte[] DICTIONARY = dictionary();

    /** For each hash of 4 bytes, the last dictionary offset whose 4 bytes have it; -1 for none. */
    private static final int[] INDEX = index(DICTIONARY);

    private PackedJson() {}

    /** {@code json} packed. */
    static byte[] pack(byte[] json) {
        int n = json.length;
        // A copy token (at most 4 bytes) replaces at least MIN_MATCH bytes, so only the headers of the length and
        // of the last literal run can make the output longer than the input.
        byte[] out = new byte[n + 16];
        int o = writeVarint(out, 0, n);
        int literalStart = 0;
        int i = 0;
        while (i + MIN_MATCH <= n) {
            int candidate = INDEX[hash(json, i)];
            int length = candidate < 0 ? 0 : matchLength(json, i, candidate);
            if (length < MIN_MATCH) {
                i++;
                continue;
            }
            o = literal(json, literalStart, i, out, o);
            o = writeVarint(out, o, ((length - MIN_MATCH) << 1) | 1);
            o = writeVarint(out, o, candidate);
            i += length;
            literalStart = i;
        }
        o = literal(json, literalStart, n, out, o);
        return Arrays.copyOf(out, o);
    }

    /** The JSON that {@link #pack} was given. */
    static byte[] unpack(byte[] packed) {
        int[] position = {0};
        byte[] json = new byte[readVarint(packed, position)];
        int o = 0;
        while (o < json.length) {
            int token = readVarint(packed, position);
            if ((token & 1) == 0) {
                int length = token >>> 1;
                System.arraycopy(packed, position[0], json, o, length);
                position[0] += length;
                o += length;
            } else {
                int length = (token >>> 1) + MIN_MATCH;
                int offset = readVarint(packed, position);
                System.arraycopy(DICTIONARY, offset, json, o, length);
                o += length;
            }
        }
        if (position[0] != packed.length) {
            throw new IllegalStateException("packed JSON has " + (packed.length - position[0]) + " bytes too many");
        }
        return json;
    }

    private static int matchLength(byte[] json, int at, int candidate) {
        int max = Math.min(json.length - at, DICTIONARY.length - candidate);
        int length = 0;
        while (length < max && json[at + length] == DICTIONARY[candidate + length]) {
            length++;
        }
        return length;
    }

    /** Writes {@code json[from, to)} as literal runs (a run's length fits one varint of up to 3 bytes). */
    private static int literal(byte[] json, int from, int to, byte[] out, int o) {
        if (from == to) {
            return o;
        }
        o = writeVarint(out, o, (to - from) << 1);
        System.arraycopy(json, from, out, o, to - from);
        return o + to - from;
    }

    private static int hash(byte[] b, int at) {
        int word = (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
        return (word * 0x9E3779B1) >>> (32 - HASH_BITS);
    }

    private static int[] index(byte[] dictionary) {
        int[] index = new int[1 << HASH_BITS];
        Arrays.fill(index, -1);
        for (int p = 0; p + 4 <= dictionary.length; p++) {
            index[hash(dictionary, p)] = p;
        }
        return index;
    }

    private static int writeVarint(byte[] out, int o, int value) {
        while ((value & ~0x7F) != 0) {
            out[o++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[o++] = (byte) value;
        return o;
    }

    private static int readVarint(byte[] in, int[] position) {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            byte b = in[position[0]++];
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalStateException("packed JSON has a varint of more than 5 bytes");
    }

    /**
     * The documented responses, compact as the stub writes them; the CCE response, the usual body, last, so
     * that the index prefers its offsets.
     */
    private static byte[] dictionary() {
        ByteArrayOutputStream dictionary = new ByteArrayOutputStream();
        for (DocumentedExample source : DICTIONARY_SOURCES) {
            dictionary.writeBytes(JsonObjects.bytes(JsonObjects.tree(source.bytes())));
        }
        return dictionary.toByteArray();
    }
}
