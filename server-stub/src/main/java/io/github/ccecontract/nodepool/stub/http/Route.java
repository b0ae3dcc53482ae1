package io.github.ccecontract.nodepool.stub.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What a request path is: the operation (with its path parameters), the document, its reference page, the
 * admin API, or nothing.
 */
record Route(Kind kind, String projectId, String clusterId) {

    enum Kind {
        CREATE_NODE_POOL,
        OPENAPI_YAML,
        OPENAPI_JSON,
        DOCS,
        ADMIN,
        NOT_FOUND
    }

    /** The path template of the operation, {@code /api/v3/projects/{project_id}/clusters/{cluster_id}/nodepools}. */
    static Route of(String rawPath) {
        if (rawPath == null) {
            return new Route(Kind.NOT_FOUND, null, null);
        }
        switch (rawPath) {
            case "/openapi.yaml":
                return new Route(Kind.OPENAPI_YAML, null, null);
            case "/openapi.json":
                return new Route(Kind.OPENAPI_JSON, null, null);
            case "/docs":
                return new Route(Kind.DOCS, null, null);
            default:
                break;
        }
        if (rawPath.equals("/__admin") || rawPath.startsWith("/__admin/")) {
            return new Route(Kind.ADMIN, null, null);
        }
        String[] s = rawPath.split("/", -1);
        if (s.length == 8
                && s[0].isEmpty()
                && s[1].equals("api")
                && s[2].equals("v3")
                && s[3].equals("projects")
                && s[5].equals("clusters")
                && s[7].equals("nodepools")) {
            String project = decode(s[4]);
            String cluster = decode(s[6]);
            if (project != null && cluster != null && !project.isEmpty() && !cluster.isEmpty()) {
                return new Route(Kind.CREATE_NODE_POOL, project, cluster);
            }
        }
        return new Route(Kind.NOT_FOUND, null, null);
    }

    /** Value of an ASCII hex digit, or -1 (unlike Character.digit, no other scripts' digits). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** Percent-decodes a path segment (UTF-8); null if it is not decodable. */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return null;
                }
                int hi = hex(segment.charAt(i + 1));
                int lo = hex(segment.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
