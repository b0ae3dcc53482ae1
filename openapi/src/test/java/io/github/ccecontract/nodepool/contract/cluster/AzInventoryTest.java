package io.github.ccecontract.nodepool.contract.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AzInventoryTest {

    @Test
    void factoriesSetSoldOut() {
        assertFalse(AzInventory.available("eu-de-01", 2).soldOut());
        assertTrue(AzInventory.soldOut("eu-de-01", 2).soldOut());
        assertEquals(2, AzInventory.available("eu-de-01", 2).existingNodes());
    }

    @Test
    void zeroExistingNodesIsValid() {
        assertEquals(0, AzInventory.available("eu-de-01", 0).existingNodes());
    }

    @Test
    void negativeExistingNodesIsRejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> AzInventory.available("eu-de-01", -1));
        assertTrue(e.getMessage().contains("existingNodes must be >= 0"), e.getMessage());
    }

    @Test
    void nameIsRequired() {
        assertThrows(NullPointerException.class, () -> AzInventory.available(null, 0));
        assertThrows(IllegalArgumentException.class, () -> AzInventory.available(" ", 0));
    }
}
