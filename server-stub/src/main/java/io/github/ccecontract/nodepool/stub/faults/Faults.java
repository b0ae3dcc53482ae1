package io.github.ccecontract.nodepool.stub.faults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Function;

/**
 * The faults a running stub simulates, in the order they were added: for a request the first fault that is
 * for it and fires (its count not used up, its probability drawn) decides. Faults configured in the
 * {@code StubConfig} (builder or config file) are there from the start; {@link #reset()} (and the stub's
 * reset, so every test of the JUnit extension) brings back exactly those, with their counts and generators
 * from the start. Thread-safe.
 */
public final class Faults {

    /**
     * A fault added to the stub: its id, the fault, and how often it has fired since it was added.
     *
     * @param id the fault's id: {@code f1}, {@code f2}, ...
     * @param fault the fault
     * @param fired how many times it has fired since it was added (or since the last reset)
     */
    public record Registered(String id, Fault fault, int fired) {
        /**
         * Firings left; empty: unlimited.
         *
         * @return the firings left, 0 or more; empty when the fault has no {@code times} limit
         */
        public OptionalInt remaining() {
            return fault.times().isPresent()
                    ? OptionalInt.of(Math.max(0, fault.times().getAsInt() - fired))
                    : OptionalInt.empty();
        }

        /**
         * As {@code GET /__admin/faults} lists it: the fault's members with {@code id} and {@code fired}.
         *
         * @return a new JSON object describing the fault, its id and its firings
         */
        public ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("id", id);
            o.setAll(FaultJson.toJson(fault));
            o.put("fired", fired);
            remaining().ifPresent(r -> o.put("remaining", r));
            return o;
        }
    }

    private static final class Armed {
        final String id;
        final Fault fault;
        final Random random;
        int fired;

        Armed(String id, Fault fault) {
            this.id = id;
            this.fault = fault;
            this.random = new Random(fault.seed());
        }
    }

    private final List<Fault> defaults;
    private final List<Armed> armed = new ArrayList<>(); // guarded by this
    private int lastId; // guarded by this
    private volatile boolean empty = true;
    private volatile boolean matchesNames;

    /**
     * Faults that start with {@code defaults} (the configured ones).
     *
     * @param defaults the configured faults, in the order they are tried
     */
    public Faults(List<Fault> defaults) {
        this.defaults = List.copyOf(defaults);
        reset();
    }

    /**
     * Adds a fault after the others; returns its id ({@code f1}, {@code f2}, ...).
     *
     * @param fault the fault to add; not null
     * @return the new fault's id
     */
    public synchronized String add(Fault fault) {
        Objects.requireNonNull(fault, "fault");
        String id = "f" + (++lastId);
        armed.add(new Armed(id, fault));
        changed();
        return id;
    }

    /**
     * The faults, in the order they are tried.
     *
     * @return an unmodifiable list of the faults with their ids and counts; empty when there is none
     */
    public synchronized List<Registered> list() {
        List<Registered> out = new ArrayList<>();
        for (Armed a : armed) {
            out.add(new Registered(a.id, a.fault, a.fired));
        }
        return List.copyOf(out);
    }

    /**
     * The fault of an id, if it is there.
     *
     * @param id the fault's id, for example {@code f1}
     * @return the fault with its count, or empty if there is no fault of that id
     */
    public synchronized java.util.Optional<Registered> get(String id) {
        return list().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /**
     * Removes a fault; false if there is none of that id.
     *
     * @param id the fault's id, for example {@code f1}
     * @return {@code true} if a fault was removed
     */
    public synchronized boolean remove(String id) {
        boolean removed = armed.removeIf(a -> a.id.equals(id));
        changed();
        return removed;
    }

    /**
     * Removes every fault, the configured ones too (until {@link #reset()}); returns how many there were.
     *
     * @return the number of faults removed
     */
    public synchronized int clear() {
        int n = armed.size();
        armed.clear();
        changed();
        return n;
    }

    /** Back to the configured faults, as at the start (counts, generators and ids). */
    public synchronized void reset() {
        armed.clear();
        lastId = 0;
        for (Fault fault : defaults) {
            armed.add(new Armed("f" + (++lastId), fault));
        }
        changed();
    }

    private void changed() {
        empty = armed.isEmpty();
        matchesNames = armed.stream().anyMatch(a -> a.fault.name().isPresent());
    }

    /**
     * Whether there is no fault (the request path's quick check).
     *
     * @return {@code true} if there is no fault
     */
    public boolean isEmpty() {
        return empty;
    }

    /**
     * Whether some fault matches node pool names (then the body's name is needed).
     *
     * @return {@code true} if some fault is limited to a node pool name
     */
    public boolean matchesNames() {
        return matchesNames;
    }

    /**
     * The fault that fires for a request, counted, or null.
     *
     * @param cluster the cluster_id of the path
     * @param name    metadata.name of the body, or null
     * @param header  a request header's first value by name (case-insensitive), or null
     * @return the firing, or null if no fault fires for the request
     */
    public synchronized Firing fire(String cluster, String name, Function<String, String> header) {
        for (Armed a : armed) {
            Fault f = a.fault;
            if (!f.matches(cluster, name, header)) {
                continue;
            }
            if (f.times().isPresent() && a.fired >= f.times().getAsInt()) {
                continue;
            }
            if (f.probability() < 1 && a.random.nextDouble() >= f.probability()) {
                continue;
            }
            a.fired++;
            return new Firing(a.id, f, delay(f, a.random));
        }
        return null;
    }

    private static long delay(Fault f, Random random) {
        long lo = f.minDelayMillis();
        long hi = f.maxDelayMillis();
        return lo == hi ? lo : lo + (long) (random.nextDouble() * (hi - lo + 1));
    }

    /**
     * {@code GET /__admin/faults}: {@code {"faults": [...]}}.
     *
     * @return a new JSON object listing the faults
     */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode list = o.putArray("faults");
        for (Registered r : list()) {
            list.add(r.toJson());
        }
        return o;
    }
}
