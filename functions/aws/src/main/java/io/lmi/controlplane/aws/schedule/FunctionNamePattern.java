package io.lmi.controlplane.aws.schedule;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The template's {@code ManagedFunctionNamePattern}: which function names the control plane's IAM policies let it
 * touch, in IAM ARN syntax ({@code *} any run of characters, {@code ?} one character). A selector looks only at
 * functions it matches, since ListTags on any other is denied.
 */
public final class FunctionNamePattern {
    /** The template's default: every function. */
    public static final FunctionNamePattern ANY = new FunctionNamePattern("*");

    private final String glob;
    private final Pattern regex;

    public FunctionNamePattern(String glob) {
        this.glob = Objects.requireNonNull(glob, "glob");
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        this.regex = Pattern.compile(regex.toString());
    }

    public boolean matches(String functionName) {
        return regex.matcher(functionName).matches();
    }

    @Override
    public String toString() {
        return glob;
    }
}
