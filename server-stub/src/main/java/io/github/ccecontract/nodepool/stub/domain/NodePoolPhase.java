package io.github.ccecontract.nodepool.stub.domain;

/** {@code status.phase} of a node pool (Table 23, with the blank phase of D13). */
public enum NodePoolPhase {
    /** Blank: "If the status is blank, the status is normal"; both documented responses return it. */
    NORMAL(""),
    SYNCHRONIZING("Synchronizing"),
    SYNCHRONIZED("Synchronized"),
    SOLD_OUT("SoldOut"),
    DELETING("Deleting"),
    ERROR("Error");

    private final String wireValue;

    NodePoolPhase(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value as it is written in JSON. */
    public String wireValue() {
        return wireValue;
    }
}
