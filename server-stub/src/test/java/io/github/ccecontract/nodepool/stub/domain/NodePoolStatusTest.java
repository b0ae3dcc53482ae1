package io.github.ccecontract.nodepool.stub.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NodePoolStatusTest {

    @Test
    void noNodesToCreateIsNormalEvenWhenSoldOut() {
        assertEquals(new NodePoolStatus(0, 0, 0, NodePoolPhase.NORMAL), NodePoolStatus.afterCreation(0, false));
        assertEquals(new NodePoolStatus(0, 0, 0, NodePoolPhase.NORMAL), NodePoolStatus.afterCreation(0, true));
    }

    @Test
    void nodesToCreateAreSynchronizing() {
        assertEquals(new NodePoolStatus(0, 0, 3, NodePoolPhase.SYNCHRONIZING), NodePoolStatus.afterCreation(3, false));
    }

    @Test
    void nodesWithoutAzAreSoldOutAndNotBeingCreated() {
        assertEquals(new NodePoolStatus(0, 0, 0, NodePoolPhase.SOLD_OUT), NodePoolStatus.afterCreation(3, true));
    }

    @Test
    void phasesUseTheWireValuesOfTable23AndD13() {
        assertEquals("", NodePoolPhase.NORMAL.wireValue());
        assertEquals("Synchronizing", NodePoolPhase.SYNCHRONIZING.wireValue());
        assertEquals("SoldOut", NodePoolPhase.SOLD_OUT.wireValue());
    }

    @Test
    void jsonHasFourMembersForVmAndPhaseOnlyForElasticBms() {
        NodePoolStatus status = new NodePoolStatus(1, 2, 3, NodePoolPhase.SYNCHRONIZING);
        assertEquals(
                "{\"currentNode\":1,\"deletingNode\":2,\"creatingNode\":3,\"phase\":\"Synchronizing\"}",
                status.toJson(NodePoolType.VM).toString());
        assertEquals(
                "{\"phase\":\"Synchronizing\"}",
                status.toJson(NodePoolType.ELASTIC_BMS).toString());
    }
}
