package io.lmi.controlplane.core.schedule;

import java.util.Locale;

/** The two file formats. Both carry the same field names. */
public enum ScheduleFormat {
    JSON,
    YAML;

    /** By extension: .json is JSON, .yaml and .yml are YAML; anything else is sniffed from the content. */
    public static ScheduleFormat detect(String fileName, String content) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return JSON;
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return YAML;
        }
        String trimmed = content.stripLeading();
        return trimmed.startsWith("{") ? JSON : YAML;
    }
}
