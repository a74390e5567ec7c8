package io.lmi.controlplane.core.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * JSON tree to a {@link ScheduleDraft}: field names, types and formats. Rules that weigh values against each other or
 * against the policy are {@link ScheduleValidator}'s.
 */
final class ScheduleDecoder {
    static final List<String> ROOT_FIELDS = List.of("function", "selector", "qualifier", "environment", "timezone",
            "default", "periods", "exceptions", "prewarms");
    private static final List<String> CAPACITY_FIELDS = List.of("min", "max", "reason");
    private static final List<String> PERIOD_FIELDS = List.of("name", "days", "start", "end", "min", "max", "reason");
    private static final List<String> EXCEPTION_FIELDS = List.of("date", "use", "reason");
    private static final List<String> PREWARM_FIELDS = List.of("from", "until", "min", "max", "reason");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_TIME_MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_TIME_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern HAS_OFFSET = Pattern.compile(".*T.*(Z|[+-]\\d\\d(:?\\d\\d)?)$");

    private final List<ScheduleProblem> problems = new ArrayList<>();
    private final List<ScheduleDraft.PartialCapacity> partialCapacities = new ArrayList<>();
    private boolean complete = true;

    private ScheduleDecoder() {
    }

    /** Decodes what it can; the problems list receives everything that could not be decoded. */
    static ScheduleDraft decode(JsonNode root, List<ScheduleProblem> problems) {
        ScheduleDecoder decoder = new ScheduleDecoder();
        ScheduleDraft draft = decoder.decodeRoot(root);
        problems.addAll(decoder.problems);
        return draft;
    }

    private ScheduleDraft decodeRoot(JsonNode root) {
        Optional<JsonFields> maybeFields = JsonFields.of(root, "$", problems, ROOT_FIELDS,
                "{function, qualifier, environment, timezone, default, periods, exceptions, prewarms}");
        if (maybeFields.isEmpty()) {
            return new ScheduleDraft(null, null, null, null, null, List.of(), List.of(), List.of(), List.of(), false);
        }
        JsonFields fields = maybeFields.get();
        ScheduleTarget target = target(fields);
        String qualifier = keep(fields.text("qualifier", true,
                "a version number or \"$LATEST.PUBLISHED\" (the version whose scaling config this schedule sets)"));
        Environment environment = environment(fields);
        ZoneId zone = keep(fields.text("timezone", true, "an IANA time zone id such as \"Europe/Berlin\"")
                .flatMap(text -> zone(text, fields.path("timezone"))));
        DefaultCapacity defaults = keep(fields.object("default", true, CAPACITY_FIELDS, "{min, max, reason?}")
                .flatMap(this::defaultCapacity));
        List<ScheduleDraft.Indexed<Period>> periods = list(fields, "periods", "a list of periods", this::period);
        List<ScheduleDraft.Indexed<ExceptionDate>> exceptions = list(fields, "exceptions", "a list of exceptions",
                this::exception);
        List<ScheduleDraft.Indexed<Prewarm>> prewarms = list(fields, "prewarms", "a list of pre-warms", this::prewarm);
        return new ScheduleDraft(target, qualifier, environment, zone, defaults, periods, exceptions, prewarms,
                List.copyOf(partialCapacities), complete && problems.isEmpty());
    }

    private ScheduleTarget target(JsonFields fields) {
        boolean hasFunction = fields.has("function");
        boolean hasSelector = fields.has("selector");
        if (hasFunction && hasSelector) {
            problems.add(new ScheduleProblem("$", "give either function or selector, not both: a schedule governs one "
                    + "function, or every function a tag selector matches"));
            complete = false;
            return null;
        }
        if (!hasFunction && !hasSelector) {
            problems.add(new ScheduleProblem("function", "is required: the function name (or give selector: "
                    + "{tags: {...}} to govern every function with those tags)"));
            complete = false;
            return null;
        }
        if (hasFunction) {
            return keep(fields.text("function", true, "a function name or unqualified function ARN")
                    .map(ScheduleTarget.FunctionTarget::new));
        }
        return keep(fields.object("selector", true, List.of("tags"), "{tags: {key: value}}").flatMap(this::tags));
    }

    private Optional<ScheduleTarget> tags(JsonFields selector) {
        Optional<JsonNode> maybeTags = selector.raw("tags");
        if (maybeTags.isEmpty() || !maybeTags.get().isObject()) {
            problems.add(new ScheduleProblem(selector.path("tags"), maybeTags.isEmpty()
                    ? "is required: the tags a function must carry, e.g. {team: payments}"
                    : "must be an object of tag names to values, got " + JsonFields.describe(maybeTags.get())));
            return Optional.empty();
        }
        JsonNode tagsNode = maybeTags.get();
        Map<String, String> tags = new LinkedHashMap<>();
        boolean ok = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = tagsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tag = it.next();
            if (!tag.getValue().isTextual()) {
                problems.add(new ScheduleProblem(selector.path("tags") + "." + tag.getKey(),
                        "a tag value must be text, got " + JsonFields.describe(tag.getValue())));
                ok = false;
            } else {
                tags.put(tag.getKey(), tag.getValue().textValue());
            }
        }
        return ok ? Optional.of(new ScheduleTarget.TagSelector(tags)) : Optional.empty();
    }

    private Environment environment(JsonFields fields) {
        if (!fields.has("environment")) {
            return Environment.PRODUCTION;
        }
        return keep(fields.text("environment", false, "production or non-production").flatMap(text -> {
            Optional<Environment> environment = Environment.fromText(text);
            if (environment.isEmpty()) {
                problems.add(new ScheduleProblem(fields.path("environment"), "\"" + text
                        + "\" is not an environment; use production or non-production"));
            }
            return environment;
        }));
    }

    private Optional<ZoneId> zone(String text, String path) {
        if (ZoneId.getAvailableZoneIds().contains(text)) {
            return Optional.of(ZoneId.of(text));
        }
        if (ZoneId.SHORT_IDS.containsKey(text)) {
            problems.add(new ScheduleProblem(path, ScheduleValidator.abbreviationProblem(text)));
            return Optional.empty();
        }
        problems.add(new ScheduleProblem(path, "\"" + text + "\" is not an IANA time zone id; use a region id such as "
                + "America/New_York or Europe/Berlin" + Suggestions.didYouMean(text, ZoneId.getAvailableZoneIds())));
        return Optional.empty();
    }

    private Optional<DefaultCapacity> defaultCapacity(JsonFields fields) {
        Optional<Integer> min = fields.integer("min", true);
        Optional<Integer> max = fields.integer("max", true);
        Optional<String> reason = reason(fields);
        if (min.isEmpty() || max.isEmpty() || (fields.has("reason") && reason.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new DefaultCapacity(min.get(), max.get(), reason));
    }

    private Optional<Period> period(JsonFields.Element element) {
        return JsonFields.of(element.node(), element.path(), problems, PERIOD_FIELDS,
                "{name, days, start, end, min, max, reason?}").flatMap(fields -> {
            Optional<String> name = fields.text("name", true, "a name such as \"business-hours\"");
            Optional<Set<DayOfWeek>> days = days(fields);
            Optional<ClockTime> start = fields.text("start", true, "a time \"HH:MM\"")
                    .flatMap(text -> time(text, fields.path("start"), false));
            Optional<ClockTime> end = fields.text("end", true, "a time \"HH:MM\" (or \"24:00\")")
                    .flatMap(text -> time(text, fields.path("end"), true));
            Optional<Integer> min = fields.integer("min", true);
            Optional<Integer> max = fields.integer("max", true);
            Optional<String> reason = reason(fields);
            if (name.isEmpty() || days.isEmpty() || start.isEmpty() || end.isEmpty() || min.isEmpty() || max.isEmpty()
                    || (fields.has("reason") && reason.isEmpty())) {
                keepCapacity(element.path(), min, max, reason, fields);
                return Optional.empty();
            }
            return Optional.of(new Period(name.get(), days.get(), start.get(), end.get(), min.get(), max.get(), reason));
        });
    }

    private Optional<Set<DayOfWeek>> days(JsonFields fields) {
        return fields.array("days", true, "a list of days such as [MON, TUE]").flatMap(elements -> {
            if (elements.isEmpty()) {
                problems.add(new ScheduleProblem(fields.path("days"), "must list at least one day: "
                        + Days.allowedList()));
                return Optional.empty();
            }
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            boolean ok = true;
            for (JsonFields.Element element : elements) {
                Optional<DayOfWeek> day = element.node().isTextual()
                        ? Days.parse(element.node().textValue()) : Optional.empty();
                if (day.isEmpty()) {
                    problems.add(new ScheduleProblem(element.path(), JsonFields.describe(element.node())
                            + " is not a day; use " + Days.allowedList()));
                    ok = false;
                } else if (!days.add(day.get())) {
                    problems.add(new ScheduleProblem(element.path(), Days.abbreviation(day.get())
                            + " is listed twice; list each day once"));
                    ok = false;
                }
            }
            return ok ? Optional.of(days) : Optional.empty();
        });
    }

    private Optional<ClockTime> time(String text, String path, boolean isEnd) {
        Optional<ClockTime> time = ClockTime.parse(text);
        if (time.isEmpty()) {
            problems.add(new ScheduleProblem(path, "\"" + text + "\" is not a time; write HH:MM on the 24-hour clock "
                    + "with two digits each, e.g. \"09:00\" or \"17:30\"" + (isEnd ? " (\"24:00\" ends at midnight)" : "")));
            return Optional.empty();
        }
        if (!isEnd && time.get().isEndOfDay()) {
            problems.add(new ScheduleProblem(path, "24:00 is only valid as an end; a period that starts at midnight "
                    + "starts at \"00:00\""));
            return Optional.empty();
        }
        return time;
    }

    private Optional<ExceptionDate> exception(JsonFields.Element element) {
        return JsonFields.of(element.node(), element.path(), problems, EXCEPTION_FIELDS, "{date, use, reason?}")
                .flatMap(fields -> {
                    Optional<LocalDate> date = fields.text("date", true, "a date \"yyyy-mm-dd\"")
                            .flatMap(text -> date(text, fields.path("date")));
                    Optional<DayUse> use = fields.text("use", true,
                            "\"default\", a day (MON..SUN) or a period name").map(ScheduleDecoder::dayUse);
                    Optional<String> reason = reason(fields);
                    if (date.isEmpty() || use.isEmpty() || (fields.has("reason") && reason.isEmpty())) {
                        return Optional.empty();
                    }
                    return Optional.of(new ExceptionDate(date.get(), use.get(), reason));
                });
    }

    private static DayUse dayUse(String text) {
        if (DayUse.DefaultAllDay.TEXT.equals(text)) {
            return new DayUse.DefaultAllDay();
        }
        return Days.parse(text).<DayUse>map(DayUse.LikeDay::new).orElseGet(() -> new DayUse.OnlyPeriod(text));
    }

    private Optional<LocalDate> date(String text, String path) {
        try {
            return Optional.of(LocalDate.parse(text, DATE));
        } catch (DateTimeParseException e) {
            problems.add(new ScheduleProblem(path, "\"" + text + "\" is not a date; write yyyy-mm-dd, e.g. \"2026-12-25\""));
            return Optional.empty();
        }
    }

    private Optional<Prewarm> prewarm(JsonFields.Element element) {
        return JsonFields.of(element.node(), element.path(), problems, PREWARM_FIELDS,
                "{from, until, min, max, reason?}").flatMap(fields -> {
            Optional<LocalDateTime> from = fields.text("from", true, "a local date and time \"yyyy-mm-ddThh:mm\"")
                    .flatMap(text -> dateTime(text, fields.path("from")));
            Optional<LocalDateTime> until = fields.text("until", true, "a local date and time \"yyyy-mm-ddThh:mm\"")
                    .flatMap(text -> dateTime(text, fields.path("until")));
            Optional<Integer> min = fields.integer("min", true);
            Optional<Integer> max = fields.integer("max", true);
            Optional<String> reason = reason(fields);
            if (from.isEmpty() || until.isEmpty() || min.isEmpty() || max.isEmpty()
                    || (fields.has("reason") && reason.isEmpty())) {
                keepCapacity(element.path(), min, max, reason, fields);
                return Optional.empty();
            }
            return Optional.of(new Prewarm(from.get(), until.get(), min.get(), max.get(), reason));
        });
    }

    private Optional<LocalDateTime> dateTime(String text, String path) {
        if (HAS_OFFSET.matcher(text).matches()) {
            problems.add(new ScheduleProblem(path, "\"" + text + "\" carries a UTC offset; write the local time in the "
                    + "schedule's timezone without Z or an offset, e.g. \"2026-12-24T22:00\""));
            return Optional.empty();
        }
        for (DateTimeFormatter format : List.of(DATE_TIME_MINUTES, DATE_TIME_SECONDS)) {
            try {
                LocalDateTime parsed = LocalDateTime.parse(text, format);
                if (parsed.getSecond() != 0) {
                    problems.add(new ScheduleProblem(path, "\"" + text + "\" has seconds; EventBridge Scheduler works "
                            + "to the minute, so write hh:mm or hh:mm:00"));
                    return Optional.empty();
                }
                return Optional.of(parsed);
            } catch (DateTimeParseException ignored) {
                // try the next accepted form
            }
        }
        problems.add(new ScheduleProblem(path, "\"" + text + "\" is not a local date and time; write "
                + "yyyy-mm-ddThh:mm, e.g. \"2026-12-24T22:00\""));
        return Optional.empty();
    }

    private void keepCapacity(String path, Optional<Integer> min, Optional<Integer> max, Optional<String> reason,
                              JsonFields fields) {
        if (min.isPresent() && max.isPresent() && (reason.isPresent() || !fields.has("reason"))) {
            partialCapacities.add(new ScheduleDraft.PartialCapacity(path,
                    new DefaultCapacity(min.get(), max.get(), reason)));
        }
    }

    private Optional<String> reason(JsonFields fields) {
        return fields.text("reason", false, "a sentence saying why");
    }

    private <T> List<ScheduleDraft.Indexed<T>> list(JsonFields fields, String field, String expected,
                                                    java.util.function.Function<JsonFields.Element, Optional<T>> decode) {
        Optional<List<JsonFields.Element>> elements = fields.array(field, false, expected);
        if (elements.isEmpty()) {
            complete = false;
            return List.of();
        }
        List<ScheduleDraft.Indexed<T>> decoded = new ArrayList<>();
        for (JsonFields.Element element : elements.get()) {
            Optional<T> value = decode.apply(element);
            if (value.isPresent()) {
                decoded.add(new ScheduleDraft.Indexed<>(element.index(), value.get()));
            } else {
                complete = false;
            }
        }
        return decoded;
    }

    private <T> T keep(Optional<T> value) {
        if (value.isEmpty()) {
            complete = false;
            return null;
        }
        return value.get();
    }
}
