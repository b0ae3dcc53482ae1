package io.github.ccecontract.nodepool.stub.domain;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code spec.type} of a node pool (Table 5). */
public enum NodePoolType {
    /** ECS nodes. */
    VM("vm"),
    /** Bare-metal nodes, valid in CCE Turbo clusters only. */
    ELASTIC_BMS("ElasticBMS");

    private final String wireValue;

    NodePoolType(String wireValue) {
        this.wireValue = wireValue;
    }

    /**
     * The value as it is written in JSON.
     *
     * @return the JSON value: {@code vm} or {@code ElasticBMS}
     */
    public String wireValue() {
        return wireValue;
    }

    /**
     * The type named by a JSON value.
     *
     * @param value the JSON value, {@code vm} or {@code ElasticBMS} (case matters)
     * @return the type it names
     */
    public static NodePoolType fromWire(String value) {
        for (NodePoolType type : values()) {
            if (type.wireValue.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown node pool type '" + value + "' (expected vm or ElasticBMS)");
    }

    /**
     * The type of a request's {@code spec}: {@code vm} when {@code type} is not given, as Table 5
     * says of a type "left blank" (D18).
     *
     * @param spec the request's {@code spec}, or null
     * @return the type given in {@code spec.type}; {@link #VM} when it is missing or null
     */
    public static NodePoolType ofSpec(JsonNode spec) {
        JsonNode type = spec == null ? null : spec.get("type");
        return type == null || type.isNull() ? VM : fromWire(type.asText());
    }
}
