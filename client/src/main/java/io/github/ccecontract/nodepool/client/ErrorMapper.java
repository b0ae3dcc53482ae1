package io.github.ccecontract.nodepool.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccecontract.nodepool.contract.model.ApiGatewayError;
import io.github.ccecontract.nodepool.contract.model.CceError;
import io.github.ccecontract.nodepool.contract.model.Violation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import okhttp3.Headers;
import okhttp3.ResponseBody;

/** Turns a non-2xx answer into a {@link CceServiceException}. */
final class ErrorMapper {
    static final int BODY_PREFIX_CHARS = 200;
    static final String REQUEST_ID_HEADER = "X-Request-Id";

    private final ObjectMapper mapper;

    ErrorMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param possiblyCreatedAttempts the number of attempts if an earlier one of this call may have
     *     created the node pool, else 0
     */
    CceServiceException toException(
            int status, String reason, Headers headers, ResponseBody body, int possiblyCreatedAttempts) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.bytes();
        } catch (IOException e) {
            bytes = new byte[0];
        }
        String requestId = headers.get(REQUEST_ID_HEADER);
        JsonNode tree = tree(bytes);
        CceError error = parse(tree);
        ApiGatewayError gatewayError = error == null ? parseGateway(tree) : null;
        String prefix = prefix(bytes);

        StringBuilder message = new StringBuilder("HTTP ").append(status);
        if (reason != null && !reason.isBlank()) message.append(' ').append(reason.strip());
        message.append(": ");
        if (error != null || gatewayError != null) {
            boolean cce = error != null;
            String code = cce ? error.getErrorCode() : gatewayError.getErrorCode();
            String text = cce ? error.getErrorMessage() : gatewayError.getErrorMsg();
            message.append(code == null ? "(no error code)" : code);
            if (text != null) message.append(' ').append(oneLine(text));
            if (!cce) message.append(" (API gateway)");
        } else if (bytes.length == 0) {
            message.append("empty body");
        } else {
            message.append("body is not a CCE error: ").append(prefix);
        }
        if (requestId != null)
            message.append(" [X-Request-Id: ").append(oneLine(requestId)).append(']');
        if (error != null
                && error.getViolations() != null
                && !error.getViolations().isEmpty()) {
            message.append("; violations:");
            for (Violation v : error.getViolations()) {
                message.append(' ')
                        .append(v.getPointer() == null || v.getPointer().isEmpty() ? "(body)" : v.getPointer())
                        .append(" [")
                        .append(v.getRule())
                        .append("] ")
                        .append(oneLine(String.valueOf(v.getMessage())))
                        .append(';');
            }
            message.setLength(message.length() - 1);
        }
        if (status == 409 && possiblyCreatedAttempts > 0) {
            message.append("; an earlier attempt of this call (")
                    .append(possiblyCreatedAttempts)
                    .append(" attempts) failed in a way that may have created the node pool: it may be that one");
            return new CcePossiblyCreatedException(
                    message.toString(), error, gatewayError, requestId, prefix, headers, possiblyCreatedAttempts);
        }
        return new CceServiceException(message.toString(), status, error, gatewayError, requestId, prefix, headers);
    }

    /** The body as a JSON object, or null. */
    private JsonNode tree(byte[] bytes) {
        if (bytes.length == 0) return null;
        try {
            JsonNode tree = mapper.readTree(bytes);
            return tree != null && tree.isObject() ? tree : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The body as CCE's error (CceError), if it has errorCode or errorMessage. */
    private CceError parse(JsonNode tree) {
        if (tree == null || !(tree.has("errorCode") || tree.has("errorMessage"))) return null;
        try {
            CceError error = mapper.treeToValue(tree, CceError.class);
            return error.getErrorCode() != null || error.getErrorMessage() != null ? error : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The body as the API gateway's error (ApiGatewayError), if it has error_code or error_msg. */
    private ApiGatewayError parseGateway(JsonNode tree) {
        if (tree == null || !(tree.has("error_code") || tree.has("error_msg"))) return null;
        try {
            ApiGatewayError error = mapper.treeToValue(tree, ApiGatewayError.class);
            return error.getErrorCode() != null || error.getErrorMsg() != null ? error : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The start of the body as one line of text. */
    static String prefix(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes, 0, Math.min(bytes.length, BODY_PREFIX_CHARS * 4)))
                    .toString();
        } catch (CharacterCodingException e) {
            text = "";
        }
        text = oneLine(text);
        return text.length() <= BODY_PREFIX_CHARS ? text : text.substring(0, BODY_PREFIX_CHARS) + "...";
    }

    private static String oneLine(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean blank = Character.isWhitespace(c) || Character.isISOControl(c);
            if (blank) {
                space = sb.length() > 0;
            } else {
                if (space) sb.append(' ');
                space = false;
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
