package io.lmi.controlplane.cli.local.deploy;

/** The template uses something the local deployment cannot reproduce faithfully; it refuses rather than guess. */
public final class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
