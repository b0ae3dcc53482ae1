package io.github.ccecontract.nodepool.stub.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The last requests the stub received, oldest first: a ring buffer of {@code capacity} entries (the
 * oldest is dropped when a new one comes), which also keeps at most {@link #MAX_RETAINED} characters of
 * bodies and answers in all (issue 10, item 4: 1000 entries of 64 Ki characters each would otherwise
 * take 64 to 128 MB of heap; the oldest entries go first). Thread-safe.
 */
public final class RequestJournal {

    /** Most characters of a body an entry keeps. */
    public static final int MAX_BODY_CHARS = 64 * 1024;

    /** Most characters (and answer bytes) of bodies and answers the journal keeps, all entries together. */
    public static final long MAX_RETAINED = 8L << 20;

    private final int capacity;
    private final ArrayDeque<JournalEntry> entries; // guarded by this
    private long received; // guarded by this; since the last reset
    private long retained; // guarded by this; retainedSize() of the entries

    /**
     * A journal keeping the newest {@code capacity} entries (at least 1), within {@link #MAX_RETAINED} characters.
     *
     * @param capacity the most entries kept, at least 1
     */
    public RequestJournal(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /**
     * Records an entry, dropping the oldest ones beyond the capacity or the character budget.
     *
     * @param entry the journal entry of a request just answered
     */
    public synchronized void add(JournalEntry entry) {
        if (entries.size() == capacity) {
            retained -= entries.removeFirst().retainedSize();
        }
        entries.addLast(entry);
        retained += entry.retainedSize();
        while (retained > MAX_RETAINED && entries.size() > 1) {
            retained -= entries.removeFirst().retainedSize();
        }
        received++;
    }

    /**
     * The entries, oldest first.
     *
     * @return a copy of the entries, oldest first; empty when there are none
     */
    public synchronized List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    /**
     * Requests received since the last {@link #clear()}, including those dropped from the buffer.
     *
     * @return the number of requests received since the last clear
     */
    public synchronized long received() {
        return received;
    }

    /**
     * How many entries it keeps at most ({@code journalSize}).
     *
     * @return the capacity given at construction
     */
    public int capacity() {
        return capacity;
    }

    /** Forgets every entry and the counts since the last reset. */
    public synchronized void clear() {
        entries.clear();
        received = 0;
        retained = 0;
    }

    /**
     * Writes what {@link #toJson()} shows, entry by entry, without building it first.
     *
     * @param json the generator to write the journal to
     * @throws IOException if the generator fails to write
     */
    public void writeTo(JsonGenerator json) throws IOException {
        List<JournalEntry> list;
        long total;
        synchronized (this) {
            list = List.copyOf(entries);
            total = received;
        }
        json.writeStartObject();
        json.writeArrayFieldStart("requests");
        for (JournalEntry entry : list) {
            entry.writeTo(json);
        }
        json.writeEndArray();
        json.writeNumberField("received", total);
        json.writeNumberField("dropped", total - list.size());
        json.writeNumberField("capacity", capacity);
        json.writeEndObject();
    }

    /**
     * {@code GET /__admin/requests}: {"requests": [...], "received": n, "capacity": n}.
     *
     * @return a new JSON object with the entries, the count received and the capacity
     */
    public ObjectNode toJson() {
        List<JournalEntry> list;
        long total;
        synchronized (this) {
            list = List.copyOf(entries);
            total = received;
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode array = o.putArray("requests");
        list.forEach(e -> array.add(e.toJson()));
        o.put("received", total);
        o.put("dropped", total - list.size());
        o.put("capacity", capacity);
        return o;
    }
}
