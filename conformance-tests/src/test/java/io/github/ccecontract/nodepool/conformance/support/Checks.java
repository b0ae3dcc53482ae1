package io.github.ccecontract.nodepool.conformance.support;

import java.util.Arrays;
import java.util.Optional;

/**
 * The checks of the suite (issue 5's numbered list) and the JUnit tags that name them.
 *
 * <p>Convention: every test class carries exactly one of these tags ({@code @Tag(Checks.GENERATED_TRAFFIC)}); the
 * end-of-run summary groups by it, and {@code -Dgroups=check-5} runs one check. Tests of the suite's own tools
 * (generators, oracle, Prism helper, summary listener) carry {@link #SUITE}. Within a check, display names start with
 * the thing checked ("cce-cluster-request: ...", "generated #17: ...").
 */
public final class Checks {

    /** 1: documented examples (client round trip; stub answers the documented responses). */
    public static final String DOCUMENTED_EXAMPLES = "check-1";
    /** 2: client against stub over HTTP on loopback (token and AK/SK, rejections, 401). */
    public static final String CLIENT_AGAINST_STUB = "check-2";
    /** 3: every answer of the stub checked against the document by a validator we did not write. */
    public static final String RESPONSES_AGAINST_DOCUMENT = "check-3";
    /** 4: the rule catalogue: an accepted and a rejected request per constraint and rule at the stub. */
    public static final String RULE_CATALOGUE = "check-4";
    /** 5: generated traffic, property-based: valid requests accepted, mutated ones rejected, never 5xx. */
    public static final String GENERATED_TRAFFIC = "check-5";
    /** 6: the checks API fuzzers run, one named test each. */
    public static final String FUZZER_CHECKS = "check-6";
    /** 7: an outside peer: Stoplight Prism in proxy mode in front of the stub, Prism's mock serving the client. */
    public static final String OUTSIDE_PEER = "check-7";
    /** 8: clients in other languages generated from the bundle (TypeScript, Python, Go) compile, collide nowhere, work. */
    public static final String CROSS_LANGUAGE = "check-8";
    /** 9: the reference page (Redocly build-docs) renders offline in headless Chromium. */
    public static final String REFERENCE_PAGE = "check-9";
    /** The suite's own tools: generators, mutation, rule oracle, catalogue loader, Prism helper, summary. */
    public static final String SUITE = "suite";

    private Checks() {}

    /** A check: its tag and its title in the summary. */
    public enum Check {
        SUITE_TOOLS(SUITE, "0 suite tools (generators, oracle, catalogue, Prism, summary)"),
        C1(DOCUMENTED_EXAMPLES, "1 documented examples"),
        C2(CLIENT_AGAINST_STUB, "2 client against stub"),
        C3(RESPONSES_AGAINST_DOCUMENT, "3 responses against document"),
        C4(RULE_CATALOGUE, "4 rule catalogue"),
        C5(GENERATED_TRAFFIC, "5 generated traffic"),
        C6(FUZZER_CHECKS, "6 fuzzer checks"),
        C7(OUTSIDE_PEER, "7 outside peer (Prism)"),
        C8(CROSS_LANGUAGE, "8 cross-language (TypeScript, Python, Go clients)"),
        C9(REFERENCE_PAGE, "9 reference page (Redocly, headless Chromium)");

        private final String tag;
        private final String title;

        Check(String tag, String title) {
            this.tag = tag;
            this.title = title;
        }

        public String tag() {
            return tag;
        }

        public String title() {
            return title;
        }

        /** The check of a tag, if the tag names one. */
        public static Optional<Check> ofTag(String tag) {
            return Arrays.stream(values()).filter(c -> c.tag.equals(tag)).findFirst();
        }
    }

    /**
     * Report entry key by which a test tells the summary how many cases it ran (a property: its tries; a dynamic
     * container: nothing, its children count). Publish with {@code TestReporter.publishEntry(CASES, "1000")}.
     */
    public static final String CASES = "conformance.cases";

    /** Report entry key by which a test tells the summary how many of its cases failed. */
    public static final String FAILED_CASES = "conformance.failedCases";
}
