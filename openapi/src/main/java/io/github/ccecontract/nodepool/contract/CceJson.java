package io.github.ccecontract.nodepool.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The Jackson configuration of the models ({@code io.github.ccecontract.nodepool.contract.model}),
 * for anyone who reads or writes them the way the client does.
 *
 * <ul>
 *   <li>Writing: {@code null} is never written. The models say so themselves
 *       ({@code @JsonInclude(NON_NULL)} on every property); the mapper's default does too. A model
 *       writes exactly the fields that were set: no field is initialised from the document's
 *       {@code default} values, which the service applies itself.
 *   <li>Reading: members the document does not know are kept by the models themselves
 *       ({@code getUnknownMembers()}, written back on output), so a response that CCE extends
 *       parses and loses nothing, with this mapper or any other. The response schemas have no
 *       closed enums (open lists are strings), so a value the document does not list is read as it
 *       is. Only request models have enums: there, a value the document does not know is read as
 *       {@code null} instead of failing.
 * </ul>
 */
public final class CceJson {
    private static final ObjectMapper SHARED = newObjectMapper();

    private CceJson() {}

    /** A shared mapper with this configuration; do not configure it further. */
    public static ObjectMapper mapper() {
        return SHARED;
    }

    /** A new mapper with the client's configuration; callers may configure it further. */
    public static ObjectMapper newObjectMapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }
}
