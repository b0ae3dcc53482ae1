package io.github.ccecontract.nodepool.stub.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * JSON bytes kept compactly: raw deflate with the documented responses as a preset dictionary.
 *
 * <p>Why: a stub under sustained load holds tens of thousands of 201 bodies in the README's 128 MiB
 * heap, and the collector's work grows with what is held (issue 10, benchmark). The bodies repeat the
 * documented responses almost member for member, so the dictionary turns a 1.8 kB CCE body into a
 * few hundred bytes, most of them the random public key. Packing costs a few microseconds; unpacking
 * happens only when a stored pool is read back (a listing, a 409's lookup), never for the 201 itself.
 *
 * <p>Format: the unpacked length as 4 big-endian bytes, then the raw deflate stream.
 */
final class PackedJson {

    private static final String[] DICTIONARY_SOURCES = {
        "cce-nodepool/examples/cce-turbo-cluster-response.json", "cce-nodepool/examples/cce-cluster-response.json"
    };
    private static final byte[] DICTIONARY = dictionary();

    /** Idle deflaters and inflaters kept for reuse: each holds native zlib state of up to 256 KiB. */
    private static final int MAX_IDLE = Math.max(2, Runtime.getRuntime().availableProcessors());

    private static final Idle<Deflater> DEFLATERS = new Idle<>(Deflater::end);
    private static final Idle<Inflater> INFLATERS = new Idle<>(Inflater::end);

    private PackedJson() {}

    /** {@code json} packed. */
    static byte[] pack(byte[] json) {
        Deflater deflater = DEFLATERS.poll();
        if (deflater == null) {
            deflater = new Deflater(Deflater.BEST_SPEED, true);
        }
        try {
            deflater.setDictionary(DICTIONARY);
            deflater.setInput(json);
            deflater.finish();
            // Deflate never grows input by more than 5 bytes per 16 KiB block, plus the stream's end.
            byte[] out = new byte[4 + json.length + json.length / 1000 + 64];
            writeLength(out, json.length);
            int written = 4;
            while (!deflater.finished()) {
                if (written == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                written += deflater.deflate(out, written, out.length - written);
            }
            return Arrays.copyOf(out, written);
        } finally {
            deflater.reset();
            DEFLATERS.offer(deflater);
        }
    }

    /** The JSON that {@link #pack} was given. */
    static byte[] unpack(byte[] packed) {
        Inflater inflater = INFLATERS.poll();
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        try {
            inflater.setDictionary(DICTIONARY);
            inflater.setInput(packed, 4, packed.length - 4);
            byte[] json = new byte[readLength(packed)];
            int read = 0;
            while (read < json.length) {
                int n = inflater.inflate(json, read, json.length - read);
                if (n == 0 && (inflater.finished() || inflater.needsInput())) {
                    throw new IllegalStateException("packed JSON ends after " + read + " of " + json.length + " bytes");
                }
                read += n;
            }
            return json;
        } catch (DataFormatException e) {
            throw new IllegalStateException("packed JSON is damaged", e);
        } finally {
            inflater.reset();
            INFLATERS.offer(inflater);
        }
    }

    private static void writeLength(byte[] out, int length) {
        out[0] = (byte) (length >>> 24);
        out[1] = (byte) (length >>> 16);
        out[2] = (byte) (length >>> 8);
        out[3] = (byte) length;
    }

    private static int readLength(byte[] packed) {
        return (packed[0] & 0xFF) << 24 | (packed[1] & 0xFF) << 16 | (packed[2] & 0xFF) << 8 | (packed[3] & 0xFF);
    }

    /**
     * The documented responses, compact as the stub writes them. Deflate finds matches nearest the
     * end of the dictionary cheapest, so the CCE response, the usual body, comes last.
     */
    private static byte[] dictionary() {
        ObjectMapper json = new ObjectMapper();
        ByteArrayOutputStream dictionary = new ByteArrayOutputStream();
        for (String source : DICTIONARY_SOURCES) {
            try (InputStream in = PackedJson.class.getClassLoader().getResourceAsStream(source)) {
                if (in == null) {
                    throw new IllegalStateException(source + " is missing from the classpath (cce-nodepool-openapi)");
                }
                JsonNode response = json.readTree(in);
                dictionary.write(json.writeValueAsBytes(response));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source, e);
            }
        }
        return dictionary.toByteArray();
    }

    /** A bounded stack of idle zlib objects; those beyond the bound are ended, freeing their native memory. */
    private static final class Idle<T> {
        private final Queue<T> items = new ConcurrentLinkedQueue<>();
        private final AtomicInteger size = new AtomicInteger();
        private final Consumer<T> end;

        Idle(Consumer<T> end) {
            this.end = end;
        }

        T poll() {
            T item = items.poll();
            if (item != null) {
                size.decrementAndGet();
            }
            return item;
        }

        void offer(T item) {
            if (size.incrementAndGet() <= MAX_IDLE) {
                items.offer(item);
            } else {
                size.decrementAndGet();
                end.accept(item);
            }
        }
    }
}
