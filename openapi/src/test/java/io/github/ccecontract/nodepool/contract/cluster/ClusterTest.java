package io.github.ccecontract.nodepool.contract.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterTest {

    @Test
    void unspecifiedClusterHasUnknownTypeDefaultLimitAndNoInventory() {
        Cluster cluster = Cluster.unspecified();
        assertNull(cluster.type());
        assertEquals(Cluster.DEFAULT_MAX_NODES, cluster.maxNodes());
        assertFalse(cluster.hasInventory());
        assertTrue(cluster.allowsElasticBms());
    }

    @Test
    void cceClusterAllowsVmOnlyTurboAllowsBoth() {
        Cluster cce = new Cluster(ClusterType.CCE, 50, List.of());
        Cluster turbo = new Cluster(ClusterType.TURBO, 50, List.of());
        assertFalse(cce.allowsElasticBms());
        assertTrue(turbo.allowsElasticBms());
        assertEquals(cce, Cluster.cce(50));
        assertEquals(turbo, Cluster.turbo(50));
    }

    @Test
    void azsAreCopiedAndLookedUpByName() {
        List<AzInventory> azs = new ArrayList<>(List.of(AzInventory.available("AZ1", 0)));
        Cluster cluster = new Cluster(ClusterType.CCE, 50, azs);
        azs.add(AzInventory.available("AZ2", 0));
        assertEquals(1, cluster.azs().size());
        assertTrue(cluster.hasInventory());
        assertEquals("AZ1", cluster.az("AZ1").orElseThrow().name());
        assertTrue(cluster.az("AZ2").isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> cluster.azs().clear());
    }

    @Test
    void invalidSpecsAreRejectedWithClearMessages() {
        assertMessage("maxNodes must be at least 1, was 0", () -> new Cluster(null, 0, List.of()));
        assertMessage(
                "AZ AZ1 is listed twice",
                () -> new Cluster(null, 1, List.of(AzInventory.available("AZ1", 0), AzInventory.soldOut("AZ1", 0))));
        assertThrows(NullPointerException.class, () -> new Cluster(null, 1, null));
    }

    private static void assertMessage(String expected, Runnable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
