package io.github.ccecontract.nodepool.stub.http;

import java.util.List;
import java.util.Locale;

/** The request's Content-Type, checked against the document's only media type (D17). */
final class MediaTypes {

    static final String JSON = "application/json";

    private MediaTypes() {}

    /**
     * Why the Content-Type headers do not declare JSON, or null if they do: exactly one
     * {@code application/json} (any case), with no charset or {@code charset=utf-8}.
     */
    static String refuse(List<String> contentTypes) {
        if (contentTypes == null || contentTypes.isEmpty()) {
            return "Content-Type is missing: the body must be sent as " + JSON + " (Table 2).";
        }
        if (contentTypes.size() > 1) {
            return "Content-Type is sent " + contentTypes.size() + " times: send it once, as " + JSON + ".";
        }
        String[] parts = contentTypes.get(0).split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals(JSON)) {
            return "Content-Type '" + shorten(type) + "' is not supported: the body must be sent as " + JSON
                    + " (Table 2).";
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase("charset")) {
                String charset = parameter.substring(equals + 1).strip().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    return "Content-Type charset '" + shorten(charset) + "' is not supported: JSON is sent as UTF-8.";
                }
            }
        }
        return null;
    }

    private static String shorten(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 80) + "...";
    }
}
