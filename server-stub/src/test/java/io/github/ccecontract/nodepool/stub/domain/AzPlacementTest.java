package io.github.ccecontract.nodepool.stub.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ccecontract.nodepool.contract.cluster.AzInventory;
import io.github.ccecontract.nodepool.contract.cluster.Cluster;
import io.github.ccecontract.nodepool.contract.cluster.ClusterType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AzPlacementTest {

    // --- the page's three worked examples (Table 5, row nodeTemplate), literally

    @Test
    void firstCreationAllAzsEmptyChoosesAz1BySequence() {
        List<AzInventory> azs = List.of(
                AzInventory.available("AZ1", 0), AzInventory.available("AZ2", 0), AzInventory.available("AZ3", 0));
        assertEquals("AZ1", chosen(azs));
    }

    @Test
    void az1SoldOutChoosesAz3WithFewerNodesThanAz2() {
        List<AzInventory> azs = List.of(
                AzInventory.soldOut("AZ1", 1), AzInventory.available("AZ2", 3), AzInventory.available("AZ3", 2));
        assertEquals("AZ3", chosen(azs));
    }

    @Test
    void az1SoldOutAz2AndAz3TiedChoosesAz2BySequence() {
        List<AzInventory> azs = List.of(
                AzInventory.soldOut("AZ1", 1), AzInventory.available("AZ2", 2), AzInventory.available("AZ3", 2));
        assertEquals("AZ2", chosen(azs));
    }

    // --- edge cases of the rule

    @Test
    void noAzListedChoosesNothing() {
        assertTrue(AzPlacement.chooseForRandom(List.of()).isEmpty());
    }

    @Test
    void allAzsSoldOutChoosesNothing() {
        assertTrue(AzPlacement.chooseForRandom(List.of(AzInventory.soldOut("AZ1", 0), AzInventory.soldOut("AZ2", 0)))
                .isEmpty());
    }

    @Test
    void soldOutAzWithFewestNodesIsSkipped() {
        assertEquals("AZ2", chosen(List.of(AzInventory.soldOut("AZ1", 0), AzInventory.available("AZ2", 9))));
    }

    @Test
    void listOrderNotNameOrderBreaksTies() {
        assertEquals("AZ3", chosen(List.of(AzInventory.available("AZ3", 1), AzInventory.available("AZ1", 1))));
    }

    @Test
    void laterAzWithFewerNodesWins() {
        assertEquals(
                "AZ3",
                chosen(List.of(
                        AzInventory.available("AZ1", 5),
                        AzInventory.available("AZ2", 4),
                        AzInventory.available("AZ3", 0))));
    }

    // --- place(): the whole decision for a request

    @Test
    void randomWithInventoryPutsAllNodesInTheChosenAz() {
        Cluster cluster = cluster(
                AzInventory.soldOut("AZ1", 1), AzInventory.available("AZ2", 3), AzInventory.available("AZ3", 2));
        assertEquals(new Placement("AZ3", 4), AzPlacement.place("random", 4, cluster));
    }

    @Test
    void randomWithEveryAzSoldOutIsSoldOut() {
        Placement placement = AzPlacement.place("random", 2, cluster(AzInventory.soldOut("AZ1", 0)));
        assertTrue(placement.isSoldOut());
        assertEquals(2, placement.nodes());
    }

    @Test
    void namedAvailableAzIsTaken() {
        assertEquals(
                new Placement("AZ2", 1),
                AzPlacement.place("AZ2", 1, cluster(AzInventory.available("AZ1", 0), AzInventory.available("AZ2", 7))));
    }

    @Test
    void namedSoldOutAzIsSoldOutEvenIfAnotherAzHasRoom() {
        assertTrue(AzPlacement.place("AZ1", 1, cluster(AzInventory.soldOut("AZ1", 0), AzInventory.available("AZ2", 0)))
                .isSoldOut());
    }

    @Test
    void namedAzMissingFromTheInventoryIsSoldOut() {
        assertTrue(AzPlacement.place("AZ9", 1, cluster(AzInventory.available("AZ1", 0)))
                .isSoldOut());
    }

    @Test
    void withoutInventoryAnyNamedAzIsAcceptedAsItIs() {
        assertEquals(new Placement("eu-de-01", 3), AzPlacement.place("eu-de-01", 3, Cluster.unspecified()));
    }

    @Test
    void withoutInventoryRandomStaysRandomAndIsNotSoldOut() {
        Placement placement = AzPlacement.place("random", 3, Cluster.unspecified());
        assertEquals("random", placement.az());
        assertFalse(placement.isSoldOut());
    }

    @Test
    void zeroNodesStillGetAnAz() {
        assertEquals(new Placement("AZ1", 0), AzPlacement.place("random", 0, cluster(AzInventory.available("AZ1", 0))));
    }

    @Test
    void missingAzIsRejected() {
        assertThrows(NullPointerException.class, () -> AzPlacement.place(null, 1, Cluster.unspecified()));
    }

    @Test
    void placementValidatesItsFields() {
        assertThrows(IllegalArgumentException.class, () -> new Placement("AZ1", -1));
        assertThrows(IllegalArgumentException.class, () -> new Placement("", 1));
        assertTrue(Placement.soldOut(1).isSoldOut());
    }

    /** Issue 10, item 1: the schema's minLength 1 lets whitespace through; the domain must take it. */
    @Test
    void whitespaceAzIsAnAzNameNotAFault() {
        for (String az : List.of(" ", "\t", "\u2003")) {
            assertEquals(new Placement(az, 2), AzPlacement.place(az, 2, Cluster.unspecified()));
            assertTrue(
                    AzPlacement.place(az, 2, cluster(AzInventory.available("AZ1", 0)))
                            .isSoldOut(),
                    "an AZ the inventory does not list is sold out");
        }
    }

    private static String chosen(List<AzInventory> azs) {
        Optional<AzInventory> az = AzPlacement.chooseForRandom(azs);
        return az.orElseThrow().name();
    }

    private static Cluster cluster(AzInventory... azs) {
        return new Cluster(ClusterType.CCE, 50, List.of(azs));
    }
}
