package io.github.ccecontract.nodepool.stub.config;

/** A configuration file the stub cannot use; the message names the file, the place and the problem. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A config that cannot be used, with a message naming the member and what is wrong.
     *
     * @param message what is wrong, naming the member
     */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * A config that cannot be read, with what is wrong and its cause.
     *
     * @param message what is wrong
     * @param cause the exception that made the config unreadable
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
