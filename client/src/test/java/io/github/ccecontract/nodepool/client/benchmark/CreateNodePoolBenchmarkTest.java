package io.github.ccecontract.nodepool.client.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.ccecontract.nodepool.contract.model.NodePoolResponse;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark working between runs (it is compiled, but not run, by the normal build): its
 * setup, which proves that both callers send the same request, and one call of each method. Measures
 * nothing.
 */
class CreateNodePoolBenchmarkTest {

    @Test
    void bothCallersSendTheSameRequestAndReadTheSameNodePool() throws Exception {
        CreateNodePoolBenchmark benchmark = new CreateNodePoolBenchmark();
        benchmark.setUp();
        try {
            NodePoolResponse viaClient = benchmark.generatedClient();
            NodePoolResponse viaRaw = benchmark.rawOkHttpJackson();
            assertNotNull(viaClient.getMetadata().getUid());
            assertEquals(viaClient, viaRaw);
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void ratioAndItsError() {
        CreateNodePoolBenchmarkMain.Ratio ratio = CreateNodePoolBenchmarkMain.Ratio.of(110, 3, 100, 4);
        assertEquals(1.10, ratio.value(), 1e-12);
        assertEquals(1.10 * Math.hypot(3.0 / 110, 4.0 / 100), ratio.error(), 1e-12);
        assertEquals(107.0 / 104, ratio.lower(), 1e-12);
        assertEquals(113.0 / 96, ratio.upper(), 1e-12);
    }
}
