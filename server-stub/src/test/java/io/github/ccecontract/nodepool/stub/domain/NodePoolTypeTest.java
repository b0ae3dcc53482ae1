package io.github.ccecontract.nodepool.stub.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccecontract.nodepool.contract.cluster.ClusterType;
import org.junit.jupiter.api.Test;

class NodePoolTypeTest {

    @Test
    void absentTypeIsVm() {
        assertEquals(NodePoolType.VM, NodePoolType.ofSpec(JsonNodeFactory.instance.objectNode()));
        assertEquals(NodePoolType.VM, NodePoolType.ofSpec(null));
    }

    @Test
    void givenTypeIsRead() {
        ObjectNode spec = JsonNodeFactory.instance.objectNode().put("type", "ElasticBMS");
        assertEquals(NodePoolType.ELASTIC_BMS, NodePoolType.ofSpec(spec));
        assertEquals("ElasticBMS", NodePoolType.ELASTIC_BMS.wireValue());
    }

    @Test
    void unknownTypeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> NodePoolType.fromWire("bms"));
        assertThrows(IllegalArgumentException.class, () -> NodePoolType.fromWire(""));
    }

    @Test
    void clusterTypesAllowTheirNodePoolTypes() {
        assertFalse(ClusterType.CCE.allowsElasticBms());
        assertTrue(ClusterType.TURBO.allowsElasticBms());
    }
}
