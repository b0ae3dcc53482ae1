package io.github.ccecontract.nodepool.stub.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSpecTest {

    @Test
    void permissiveClusterHasUnknownTypeDefaultLimitAndNoInventory() {
        ClusterSpec cluster = ClusterSpec.permissive("c1");
        assertEquals("c1", cluster.id());
        assertNull(cluster.type());
        assertEquals(ClusterSpec.DEFAULT_MAX_NODES, cluster.maxNodes());
        assertFalse(cluster.hasInventory());
        assertTrue(cluster.allows(NodePoolType.VM));
        assertTrue(cluster.allows(NodePoolType.ELASTIC_BMS));
    }

    @Test
    void cceClusterAllowsVmOnlyTurboAllowsBoth() {
        ClusterSpec cce = new ClusterSpec("c1", ClusterType.CCE, 50, List.of());
        ClusterSpec turbo = new ClusterSpec("c2", ClusterType.TURBO, 50, List.of());
        assertTrue(cce.allows(NodePoolType.VM));
        assertFalse(cce.allows(NodePoolType.ELASTIC_BMS));
        assertTrue(turbo.allows(NodePoolType.VM));
        assertTrue(turbo.allows(NodePoolType.ELASTIC_BMS));
    }

    @Test
    void azsAreCopiedAndLookedUpByName() {
        List<AzInventory> azs = new ArrayList<>(List.of(AzInventory.available("AZ1", 0)));
        ClusterSpec cluster = new ClusterSpec("c1", ClusterType.CCE, 50, azs);
        azs.add(AzInventory.available("AZ2", 0));
        assertEquals(1, cluster.azs().size());
        assertTrue(cluster.hasInventory());
        assertEquals("AZ1", cluster.az("AZ1").orElseThrow().name());
        assertTrue(cluster.az("AZ2").isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> cluster.azs().clear());
    }

    @Test
    void invalidSpecsAreRejectedWithClearMessages() {
        assertMessage("cluster id must not be blank", () -> new ClusterSpec("", null, 1, List.of()));
        assertMessage("maxNodes must be >= 1, was 0", () -> new ClusterSpec("c1", null, 0, List.of()));
        assertMessage("AZ AZ1 is listed twice", () -> new ClusterSpec("c1", null, 1,
                List.of(AzInventory.available("AZ1", 0), AzInventory.soldOut("AZ1", 0))));
        assertThrows(NullPointerException.class, () -> new ClusterSpec(null, null, 1, List.of()));
        assertThrows(NullPointerException.class, () -> new ClusterSpec("c1", null, 1, null));
    }

    private static void assertMessage(String expected, Runnable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
