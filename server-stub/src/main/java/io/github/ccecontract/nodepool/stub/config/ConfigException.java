package io.github.ccecontract.nodepool.stub.config;

/** A configuration file the stub cannot use; the message names the file, the place and the problem. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
