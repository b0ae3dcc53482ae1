package io.github.ccecontract.nodepool.stub.domain;

/** {@code status.phase} of a node pool (Table 23, with the blank phase of D13). */
public enum NodePoolPhase {
    /** Blank: "If the status is blank, the status is normal"; both documented responses return it. */
    NORMAL(""),
    /** Nodes are being created: the stub's phase for a pool with nodes to create. */
    SYNCHRONIZING("Synchronizing"),
    /** The pool is in sync with its specification (never set by the stub; the document lists it). */
    SYNCHRONIZED("Synchronized"),
    /** No AZ could take the nodes: the requested one, or every one for {@code random}, is sold out. */
    SOLD_OUT("SoldOut"),
    /** Being deleted (never set by the stub; the document lists it). */
    DELETING("Deleting"),
    /** Failed (never set by the stub; the document lists it). */
    ERROR("Error");

    private final String wireValue;

    NodePoolPhase(String wireValue) {
        this.wireValue = wireValue;
    }

    /**
     * The value as it is written in JSON.
     *
     * @return the JSON value, for example {@code Synchronizing}
     */
    public String wireValue() {
        return wireValue;
    }
}
