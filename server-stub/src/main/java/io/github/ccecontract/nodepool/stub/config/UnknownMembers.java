package io.github.ccecontract.nodepool.stub.config;

import java.util.Locale;

/**
 * What the stub does with members of a request body that the request schema does not declare where
 * they stand (a typo such as {@code initalNodeCount}): the option {@code unknownMembers}, documented on
 * the operation as {@code x-cce-stub-unknown-members} (D4). CCE is assumed to ignore such members.
 */
public enum UnknownMembers {
    /**
     * The default: the request is judged (and the pool created) as if they were absent; a 201 carries the
     * {@code Cce-Stub-Warning} header, and the journal entry lists them as warnings whatever the answer.
     */
    WARN,
    /** Each is a violation (400 CCE.01400001, rule {@code additionalProperties}). */
    REJECT,
    /** As CCE is assumed to: judged as if absent, no warning, no violation. */
    IGNORE;

    /**
     * The name in a config file: {@code warn}, {@code reject}, {@code ignore}.
     *
     * @return the constant's name in lower case
     */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The value of a config file's {@code unknownMembers} (case ignored).
     *
     * @param name {@code warn}, {@code reject} or {@code ignore} in any case, with surrounding blanks ignored
     * @return the matching value
     */
    public static UnknownMembers fromConfigName(String name) {
        for (UnknownMembers value : values()) {
            if (value.configName().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return value;
            }
        }
        throw new IllegalArgumentException("must be warn, reject or ignore, got '" + name + "'");
    }
}
