package io.github.ccecontract.nodepool.conformance.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Generates strings that match a regular expression of the subset the document uses: anchors {@code ^ $}, groups
 * {@code ( )} and {@code (?: )}, alternation {@code |}, character classes {@code [a-z0-9._-]} and negated ones
 * {@code [^;=]}, the escapes {@code \. \- \/ \d \w \s} and other escaped literals, {@code .}, and the quantifiers
 * {@code ? * + {n} {n,} {n,m}}. Anything else fails when the generator is built, naming the pattern.
 *
 * <p>Every string produced is checked with {@link java.util.regex.Pattern#matcher(CharSequence)}{@code .find()} (the
 * semantics networknt uses for {@code pattern}) before it is returned.
 *
 * <p>Unbounded quantifiers repeat at most {@code maxRepeat} times more than their minimum. Counts favour short strings
 * but hit both ends of bounded ranges ({@code {0,62}} gives 0 and 62 now and then).
 */
public final class RegexGenerator {

    /** Characters a '.' or a negated class chooses from: printable ASCII and a few non-ASCII letters. */
    static final String UNIVERSE;

    static {
        StringBuilder sb = new StringBuilder();
        for (char c = 0x20; c < 0x7f; c++) {
            sb.append(c);
        }
        sb.append("\u00e9\u00df\u00fc\u00c4\u4e2d\u20ac");
        UNIVERSE = sb.toString();
    }

    private static final Map<String, RegexGenerator> CACHE = new ConcurrentHashMap<>();

    private final String pattern;
    private final Pattern compiled;
    private final Node root;

    private RegexGenerator(String pattern) {
        this.pattern = pattern;
        this.compiled = Pattern.compile(pattern);
        Parser parser = new Parser(pattern);
        this.root = parser.parseAlternation();
        if (parser.pos != pattern.length()) {
            throw parser.error("unexpected ')'");
        }
    }

    /** The generator of a pattern (cached). */
    public static RegexGenerator of(String pattern) {
        return CACHE.computeIfAbsent(pattern, RegexGenerator::new);
    }

    public String pattern() {
        return pattern;
    }

    /** Whether a string matches the pattern (find semantics, as networknt). */
    public boolean matches(String s) {
        return compiled.matcher(s).find();
    }

    /** A matching string, unbounded quantifiers repeating at most 6 times beyond their minimum. */
    public String generate(Random random) {
        return generate(random, 0, Integer.MAX_VALUE, 6);
    }

    /**
     * A matching string whose length (in code points) lies in [minLength, maxLength].
     *
     * @throws IllegalStateException if 500 attempts give none (the bounds and the pattern hardly overlap)
     */
    public String generate(Random random, int minLength, int maxLength, int maxRepeat) {
        for (int attempt = 0; attempt < 500; attempt++) {
            StringBuilder sb = new StringBuilder();
            root.emit(sb, random, maxRepeat);
            String s = sb.toString();
            int length = s.codePointCount(0, s.length());
            if (length < minLength || length > maxLength) {
                continue;
            }
            if (!matches(s)) {
                throw new IllegalStateException("Regex generator produced '" + s + "' which does not match /" + pattern
                        + "/: the generator misreads the pattern");
            }
            return s;
        }
        throw new IllegalStateException(
                "No string of length " + minLength + ".." + maxLength + " matching /" + pattern + "/ in 500 attempts");
    }

    // ------------------------------------------------------------------------------ syntax tree

    private interface Node {
        void emit(StringBuilder sb, Random random, int maxRepeat);
    }

    private record Literal(String text) implements Node {
        @Override
        public void emit(StringBuilder sb, Random random, int maxRepeat) {
            sb.append(text);
        }
    }

    private record CharSet(String chars) implements Node {
        @Override
        public void emit(StringBuilder sb, Random random, int maxRepeat) {
            sb.append(chars.charAt(random.nextInt(chars.length())));
        }
    }

    private record Sequence(List<Node> nodes) implements Node {
        @Override
        public void emit(StringBuilder sb, Random random, int maxRepeat) {
            for (Node node : nodes) {
                node.emit(sb, random, maxRepeat);
            }
        }
    }

    private record Alternation(List<Node> branches) implements Node {
        @Override
        public void emit(StringBuilder sb, Random random, int maxRepeat) {
            branches.get(random.nextInt(branches.size())).emit(sb, random, maxRepeat);
        }
    }

    /** max &lt; 0: unbounded. */
    private record Repeat(Node node, int min, int max) implements Node {
        @Override
        public void emit(StringBuilder sb, Random random, int maxRepeat) {
            int hi = max < 0 ? min + maxRepeat : max;
            int n;
            double u = random.nextDouble();
            if (u < 0.08) {
                n = hi;
            } else if (u < 0.16) {
                n = min;
            } else if (u < 0.85) {
                n = min + random.nextInt(Math.min(hi - min, maxRepeat) + 1);
            } else {
                n = min + random.nextInt(hi - min + 1);
            }
            for (int i = 0; i < n; i++) {
                node.emit(sb, random, maxRepeat);
            }
        }
    }

    // ------------------------------------------------------------------------------ parser

    private static final class Parser {
        private final String p;
        private int pos;

        Parser(String p) {
            this.p = p;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("Regex /" + p + "/ at " + pos + ": " + what
                    + " (RegexGenerator supports the subset the document uses; extend it for new syntax)");
        }

        Node parseAlternation() {
            List<Node> branches = new ArrayList<>();
            branches.add(parseSequence());
            while (pos < p.length() && p.charAt(pos) == '|') {
                pos++;
                branches.add(parseSequence());
            }
            return branches.size() == 1 ? branches.get(0) : new Alternation(branches);
        }

        Node parseSequence() {
            List<Node> nodes = new ArrayList<>();
            while (pos < p.length() && p.charAt(pos) != '|' && p.charAt(pos) != ')') {
                Node atom = parseAtom();
                if (atom != null) {
                    nodes.add(parseQuantifier(atom));
                }
            }
            return nodes.size() == 1 ? nodes.get(0) : new Sequence(nodes);
        }

        /** null for an anchor. */
        Node parseAtom() {
            char c = p.charAt(pos);
            switch (c) {
                case '^', '$' -> {
                    pos++;
                    return null;
                }
                case '(' -> {
                    pos++;
                    if (p.startsWith("?:", pos)) {
                        pos += 2;
                    } else if (pos < p.length() && p.charAt(pos) == '?') {
                        throw error("lookaround and named groups are not supported");
                    }
                    Node inner = parseAlternation();
                    if (pos >= p.length() || p.charAt(pos) != ')') {
                        throw error("missing ')'");
                    }
                    pos++;
                    return inner;
                }
                case '[' -> {
                    return parseClass();
                }
                case '.' -> {
                    pos++;
                    return new CharSet(UNIVERSE);
                }
                case '\\' -> {
                    pos++;
                    return escape(false);
                }
                case '*', '+', '?', '{' -> throw error("quantifier without an atom");
                default -> {
                    pos++;
                    return new Literal(String.valueOf(c));
                }
            }
        }

        /** After a backslash: a class escape or an escaped literal. */
        Node escape(boolean inClass) {
            if (pos >= p.length()) {
                throw error("pattern ends with a backslash");
            }
            char c = p.charAt(pos++);
            return switch (c) {
                case 'd' -> new CharSet("0123456789");
                case 'w' -> new CharSet(range('a', 'z') + range('A', 'Z') + range('0', '9') + "_");
                case 's' -> new CharSet(" \t");
                case 'D', 'W', 'S', 'b', 'B', 'p', 'P', 'u', 'x', 'n', 'r', 't', 'f', 'v', '0' ->
                    throw error("escape \\" + c + " is not supported");
                default -> {
                    if (Character.isLetterOrDigit(c)) {
                        throw error("escape \\" + c + " is not supported");
                    }
                    yield new Literal(String.valueOf(c));
                }
            };
        }

        Node parseClass() {
            pos++; // [
            boolean negated = pos < p.length() && p.charAt(pos) == '^';
            if (negated) {
                pos++;
            }
            StringBuilder members = new StringBuilder();
            boolean first = true;
            while (true) {
                if (pos >= p.length()) {
                    throw error("missing ']'");
                }
                char c = p.charAt(pos);
                if (c == ']' && !first) {
                    pos++;
                    break;
                }
                first = false;
                String single;
                if (c == '\\') {
                    pos++;
                    Node escaped = escape(true);
                    if (escaped instanceof CharSet set) {
                        members.append(set.chars());
                        continue;
                    }
                    single = ((Literal) escaped).text();
                } else {
                    pos++;
                    single = String.valueOf(c);
                }
                // A range a-z (a '-' before ']' is a literal).
                if (pos + 1 < p.length() && p.charAt(pos) == '-' && p.charAt(pos + 1) != ']') {
                    pos++;
                    char to = p.charAt(pos++);
                    if (to == '\\') {
                        to = p.charAt(pos++);
                    }
                    if (to < single.charAt(0)) {
                        throw error("reversed range");
                    }
                    members.append(range(single.charAt(0), to));
                } else {
                    members.append(single);
                }
            }
            String set = members.toString();
            if (negated) {
                StringBuilder rest = new StringBuilder();
                UNIVERSE.chars().filter(ch -> set.indexOf(ch) < 0).forEach(ch -> rest.append((char) ch));
                return new CharSet(rest.toString());
            }
            return new CharSet(set);
        }

        Node parseQuantifier(Node atom) {
            Node result = atom;
            while (pos < p.length()) {
                char c = p.charAt(pos);
                int min;
                int max;
                if (c == '?') {
                    min = 0;
                    max = 1;
                    pos++;
                } else if (c == '*') {
                    min = 0;
                    max = -1;
                    pos++;
                } else if (c == '+') {
                    min = 1;
                    max = -1;
                    pos++;
                } else if (c == '{') {
                    int close = p.indexOf('}', pos);
                    if (close < 0) {
                        throw error("missing '}'");
                    }
                    String body = p.substring(pos + 1, close);
                    String[] parts = body.split(",", -1);
                    try {
                        min = Integer.parseInt(parts[0].trim());
                        max = parts.length == 1 ? min : parts[1].isBlank() ? -1 : Integer.parseInt(parts[1].trim());
                    } catch (NumberFormatException e) {
                        throw error("bad quantifier {" + body + "}");
                    }
                    pos = close + 1;
                } else {
                    break;
                }
                if (pos < p.length() && (p.charAt(pos) == '?' || p.charAt(pos) == '+')) {
                    pos++; // lazy or possessive: same set of strings
                }
                result = new Repeat(result, min, max);
            }
            return result;
        }

        private static String range(char from, char to) {
            StringBuilder sb = new StringBuilder();
            for (char ch = from; ch <= to; ch++) {
                sb.append(ch);
            }
            return sb.toString();
        }
    }

    private static String range(char from, char to) {
        return Parser.range(from, to);
    }
}
