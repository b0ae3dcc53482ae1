package io.github.ccecontract.nodepool.stub.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class NodePoolStoreTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Supplier<ObjectNode> NOT_CALLED = () -> fail("builder must not be called");

    private final UidGenerator uids = new UidGenerator();
    private final NodePoolStore store = new NodePoolStore(3, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void createdPoolIsStoredWithItsUidTimeAndPlacement() {
        Placement placement = new Placement("eu-de-01", 2);
        CreateResult result = store.create("c1", "pool-1", placement, () -> body("pool-1", "uid-1"));
        StoredNodePool pool =
                assertInstanceOf(CreateResult.Created.class, result).pool();
        assertEquals("c1", pool.clusterId());
        assertEquals("pool-1", pool.name());
        assertEquals("uid-1", pool.uid());
        assertEquals(NOW, pool.createdAt());
        assertSame(placement, pool.placement());
        assertEquals(body("pool-1", "uid-1"), pool.response());
        assertEquals(pool, store.find("c1", "pool-1").orElseThrow());
    }

    @Test
    void createWithoutPlacementRecordsNone() {
        StoredNodePool pool = created(store.create("c1", "pool-1", () -> body("pool-1", "uid-1")));
        assertNull(pool.placement());
    }

    @Test
    void sameNameInSameClusterAlreadyExistsWithoutCallingTheBuilder() {
        StoredNodePool first = created(store.create("c1", "pool-1", () -> body("pool-1", "uid-1")));
        CreateResult again = store.create("c1", "pool-1", NOT_CALLED);
        assertEquals(
                first, assertInstanceOf(CreateResult.AlreadyExists.class, again).existing());
        assertEquals(1, store.size());
    }

    @Test
    void sameNameInAnotherClusterIsADifferentPool() {
        created(store.create("c1", "pool-1", () -> body("pool-1", "uid-1")));
        created(store.create("c2", "pool-1", () -> body("pool-1", "uid-2")));
        assertEquals(2, store.size());
    }

    @Test
    void boundAcrossClustersGivesFullWithoutCallingTheBuilder() {
        created(store.create("c1", "a", () -> body("a", "u1")));
        created(store.create("c2", "b", () -> body("b", "u2")));
        created(store.create("c3", "c", () -> body("c", "u3")));
        CreateResult result = store.create("c4", "d", NOT_CALLED);
        assertEquals(3, assertInstanceOf(CreateResult.Full.class, result).maxPools());
        assertEquals(3, store.size());
    }

    @Test
    void existingNameInAFullStoreIsAlreadyExists() {
        created(store.create("c1", "a", () -> body("a", "u1")));
        created(store.create("c1", "b", () -> body("b", "u2")));
        created(store.create("c1", "c", () -> body("c", "u3")));
        assertInstanceOf(CreateResult.AlreadyExists.class, store.create("c1", "a", NOT_CALLED));
    }

    @Test
    void listsAreInCreationOrderAndPerCluster() {
        created(store.create("c1", "a", () -> body("a", "u1")));
        created(store.create("c2", "b", () -> body("b", "u2")));
        created(store.create("c1", "c", () -> body("c", "u3")));
        assertEquals(
                List.of("a", "b", "c"),
                store.list().stream().map(StoredNodePool::name).toList());
        assertEquals(
                List.of("a", "c"),
                store.list("c1").stream().map(StoredNodePool::name).toList());
        assertEquals(List.of(), store.list("c9"));
    }

    @Test
    void resetEmptiesTheStoreAndFreesRoom() {
        created(store.create("c1", "a", () -> body("a", "u1")));
        created(store.create("c1", "b", () -> body("b", "u2")));
        created(store.create("c1", "c", () -> body("c", "u3")));
        store.reset();
        assertEquals(0, store.size());
        assertTrue(store.list().isEmpty());
        created(store.create("c1", "a", () -> body("a", "u4")));
    }

    @Test
    void storedResponseCannotBeChangedFromOutside() {
        ObjectNode built = body("a", "u1");
        StoredNodePool pool = created(store.create("c1", "a", () -> built));
        built.put("kind", "changed");
        pool.response().put("kind", "changed too");
        assertEquals(
                "NodePool",
                store.find("c1", "a").orElseThrow().response().get("kind").asText());
    }

    @Test
    void failingBuilderStoresNothing() {
        assertThrows(
                IllegalStateException.class,
                () -> store.create("c1", "a", () -> {
                    throw new IllegalStateException("boom");
                }));
        assertEquals(0, store.size());
    }

    @Test
    void builtBodyWithoutUidIsRejected() {
        ObjectNode noUid = JsonNodeFactory.instance.objectNode();
        assertThrows(IllegalArgumentException.class, () -> store.create("c1", "a", () -> noUid));
        assertEquals(0, store.size());
    }

    @Test
    void invalidBoundIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new NodePoolStore(0));
        assertEquals(NodePoolStore.DEFAULT_MAX_POOLS, new NodePoolStore().maxPools());
    }

    @Test
    void concurrentCreationsOfDistinctNamesAllSucceedWithDistinctUids() throws Exception {
        int threads = 32;
        NodePoolStore big = new NodePoolStore(1000);
        List<CreateResult> results = race(threads, i -> () -> {
            String name = "pool-" + i;
            return big.create("c1", name, () -> body(name, uids.next()));
        });
        Set<String> seenUids = new HashSet<>();
        for (CreateResult result : results) {
            seenUids.add(created(result).uid());
        }
        assertEquals(threads, seenUids.size());
        assertEquals(threads, big.size());
    }

    @Test
    void concurrentCreationsOfOneNameYieldExactlyOneCreated() throws Exception {
        int threads = 32;
        NodePoolStore big = new NodePoolStore(1000);
        AtomicInteger builds = new AtomicInteger();
        List<CreateResult> results = race(
                threads,
                i -> () -> big.create("c1", "same", () -> {
                    builds.incrementAndGet();
                    return body("same", uids.next());
                }));
        long createdCount =
                results.stream().filter(r -> r instanceof CreateResult.Created).count();
        long existsCount = results.stream()
                .filter(r -> r instanceof CreateResult.AlreadyExists)
                .count();
        assertEquals(1, createdCount);
        assertEquals(threads - 1, existsCount);
        assertEquals(1, builds.get());
        assertEquals(1, big.size());
    }

    /** A creation on a thread of its own whose builder waits until {@link #finish} is called. */
    private final class HeldCreation implements AutoCloseable {
        private final CountDownLatch building = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final Future<CreateResult> result;

        HeldCreation(String name, String uid) throws InterruptedException {
            this(name, () -> body(name, uid));
        }

        HeldCreation(String name, Supplier<ObjectNode> builder) throws InterruptedException {
            result = threads.submit(() -> store.create("c1", name, () -> {
                building.countDown();
                await(release);
                return builder.get();
            }));
            assertTrue(building.await(10, TimeUnit.SECONDS), "the builder runs");
        }

        /** {@code task} on another thread, so that a test fails instead of hanging where the store would block. */
        <T> Future<T> meanwhile(java.util.concurrent.Callable<T> task) {
            return threads.submit(task);
        }

        StoredNodePool finish() throws Exception {
            release.countDown();
            return created(result.get(10, TimeUnit.SECONDS));
        }

        /** Lets the builder go on and returns what the creation threw. */
        Throwable fail() throws InterruptedException, TimeoutException {
            release.countDown();
            try {
                result.get(10, TimeUnit.SECONDS);
                throw new AssertionError("the creation did not fail");
            } catch (ExecutionException e) {
                return e.getCause();
            }
        }

        @Override
        public void close() {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void aBodyIsBuiltOutsideTheLockAndASecondCreationOfItsNameWaitsForIt() throws Exception {
        try (HeldCreation a = new HeldCreation("a", "u1")) {
            Future<CreateResult> second = a.meanwhile(() -> store.create("c1", "a", NOT_CALLED));

            // while "a" is built: another name is created at once, "a" is neither found nor listed nor counted
            created(a.meanwhile(() -> store.create("c1", "b", () -> body("b", "u2")))
                    .get(10, TimeUnit.SECONDS));
            assertTrue(a.meanwhile(() -> store.find("c1", "a").isEmpty()).get(10, TimeUnit.SECONDS));
            assertEquals(List.of("b"), names(store.list()));
            assertEquals(1, store.size());
            Thread.sleep(50);
            assertFalse(second.isDone(), "the second creation of a name waits for the first");

            StoredNodePool created = a.finish();
            assertEquals(
                    created,
                    assertInstanceOf(CreateResult.AlreadyExists.class, second.get(10, TimeUnit.SECONDS))
                            .existing());
            assertEquals(List.of("a", "b"), names(store.list()));
        }
    }

    @Test
    void aReservedNameCountsAgainstTheBound() throws Exception {
        created(store.create("c1", "a", () -> body("a", "u1")));
        created(store.create("c1", "b", () -> body("b", "u2")));
        try (HeldCreation c = new HeldCreation("c", "u3")) {
            assertInstanceOf(
                    CreateResult.Full.class,
                    c.meanwhile(() -> store.create("c1", "d", NOT_CALLED)).get(10, TimeUnit.SECONDS));
            c.finish();
        }
        assertEquals(3, store.size());
    }

    @Test
    void aCreationThatARaceWithAResetLosesIsStillStoredAndCounted() throws Exception {
        try (HeldCreation a = new HeldCreation("a", "u1")) {
            a.meanwhile(() -> {
                        store.reset();
                        return null;
                    })
                    .get(10, TimeUnit.SECONDS);
            assertEquals(0, store.size());
            a.finish();
        }
        assertEquals(1, store.size());
        assertTrue(store.find("c1", "a").isPresent());
        created(store.create("c1", "b", () -> body("b", "u2")));
        created(store.create("c1", "c", () -> body("c", "u3")));
        assertInstanceOf(CreateResult.Full.class, store.create("c1", "d", NOT_CALLED));
    }

    @Test
    void aCreationWaitingForANameWhoseBuildFailsCreatesIt() throws Exception {
        try (HeldCreation failing = new HeldCreation("a", () -> {
            throw new IllegalStateException("boom");
        })) {
            Future<CreateResult> second = failing.meanwhile(() -> store.create("c1", "a", () -> body("a", "u2")));
            Thread.sleep(50);
            assertFalse(second.isDone(), "the second creation of a name waits for the first");
            assertInstanceOf(IllegalStateException.class, failing.fail());
            assertEquals("u2", created(second.get(10, TimeUnit.SECONDS)).uid());
        }
        assertEquals(1, store.size());
    }

    private static List<String> names(List<StoredNodePool> pools) {
        return pools.stream().map(StoredNodePool::name).toList();
    }

    @Test
    void aFailedBuildFreesItsNameForTheNextCreation() {
        assertThrows(
                IllegalStateException.class,
                () -> store.create("c1", "a", () -> {
                    throw new IllegalStateException("boom");
                }));
        created(store.create("c1", "a", () -> body("a", "u1")));
        assertEquals(1, store.size());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void concurrentCreationsNeverExceedTheBound() throws Exception {
        int threads = 32;
        NodePoolStore small = new NodePoolStore(5);
        List<CreateResult> results = race(threads, i -> () -> small.create("c" + i, "p", () -> body("p", uids.next())));
        assertEquals(
                5,
                results.stream().filter(r -> r instanceof CreateResult.Created).count());
        assertEquals(
                threads - 5,
                results.stream().filter(r -> r instanceof CreateResult.Full).count());
        assertEquals(5, small.size());
    }

    /** Runs one task per thread, all released at once by a start gate. */
    private static List<CreateResult> race(int threads, java.util.function.IntFunction<Callable<CreateResult>> task)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<CreateResult>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<CreateResult> work = task.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return work.call();
                }));
            }
            assertTrue(ready.await(10, TimeUnit.SECONDS), "threads did not start");
            start.countDown();
            List<CreateResult> results = new ArrayList<>();
            for (Future<CreateResult> future : futures) {
                results.add(future.get(10, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static StoredNodePool created(CreateResult result) {
        return assertInstanceOf(CreateResult.Created.class, result).pool();
    }

    private static ObjectNode body(String name, String uid) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("kind", "NodePool");
        body.putObject("metadata").put("name", name).put("uid", uid);
        return body;
    }
}
