package io.github.ccecontract.nodepool.conformance.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import io.github.ccecontract.nodepool.conformance.support.Checks;
import io.github.ccecontract.nodepool.openapi.testing.Contract;
import io.github.ccecontract.nodepool.openapi.testing.Schemas;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The mutation generator: every mutation of a valid request is rejected by networknt with the keyword it records, at
 * the pointer it records (for a dropped field: at the parent object, for that member). Over a full run every kind and
 * every keyword occurs.
 */
@Tag(Checks.SUITE)
class MutationPropertyTest {

    /** Keywords of the request schema a mutation can break (all the schema uses). */
    static final Set<String> KEYWORDS = Set.of(
            "required",
            "type",
            "minimum",
            "maximum",
            "minLength",
            "maxLength",
            "maxItems",
            "maxProperties",
            "enum",
            "pattern",
            "not");

    private final NodePoolGenerator valid = new NodePoolGenerator();
    private final Mutator mutator = new Mutator();

    @Test
    @DisplayName("every mutation is rejected by networknt at its pointer for its keyword, and the run has every kind")
    void everyMutationIsRejectedAsRecorded(TestReporter reporter) {
        Set<Mutation.Kind> kinds = ConcurrentHashMap.newKeySet();
        Set<String> keywords = ConcurrentHashMap.newKeySet();
        PropertyRunner.Result result = PropertyRunner.run(
                "mutations are rejected as recorded",
                mutator.of(valid),
                Mutation::describe,
                c -> {
                    Mutation mutation = c.value();
                    List<Error> errors = Schemas.validate(Contract.REQUEST_SCHEMA, mutation.request());
                    assertTrue(
                            mutation.isReportedByAny(errors),
                            "networknt does not report '" + mutation.keyword()
                                    + "' at '" + mutation.errorPointer() + "'"
                                    + (mutation.missingMember() != null
                                            ? " for member '" + mutation.missingMember() + "'"
                                            : "")
                                    + "; it reports:\n" + Schemas.describe(errors));
                    kinds.add(mutation.kind());
                    keywords.add(mutation.keyword());
                },
                reporter);
        if (result.cases() >= 1000) {
            assertEquals(EnumSet.allOf(Mutation.Kind.class), EnumSet.copyOf(kinds), "kinds of mutation seen");
            assertEquals(new TreeSet<>(KEYWORDS), new TreeSet<>(keywords), "keywords broken");
        }
    }

    @Test
    @DisplayName("a mutation leaves the valid request untouched and is deterministic")
    void pureAndDeterministic() {
        for (long seed = 0; seed < 50; seed++) {
            NodePoolGenerator.ValidRequest request = valid.generate(new Random(seed));
            var before = request.body().deepCopy();
            Mutation a = mutator.mutate(request, new Random(seed));
            Mutation b = mutator.mutate(request, new Random(seed));
            assertEquals(before, request.body(), "the valid request changed");
            assertEquals(a, b, "same seed, other mutation");
            assertNotEquals(request.body(), a.request(), "the mutation changed nothing: " + a.summary());
        }
    }
}
