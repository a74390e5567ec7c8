package io.lmi.controlplane.core.cost;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads and writes {@link PriceTable} JSON, and refuses a table that is incomplete or inconsistent. */
public final class PriceTableJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PriceTableJson() {}

    public static PriceTable read(InputStream in, String origin) {
        PriceTable table;
        try {
            table = MAPPER.readValue(in, PriceTable.class);
        } catch (JsonProcessingException e) {
            throw new PriceTableException(origin, "", "not a valid price table: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new PriceTableException(origin, "", "cannot be read: " + e.getMessage(), e);
        }
        return validate(table, origin);
    }

    public static PriceTable read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new PriceTableException(file.toString(), "", "cannot be read: " + e.getMessage(), e);
        }
    }

    public static String write(PriceTable table) {
        try {
            return MAPPER.writeValueAsString(table) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes atomically (temp file then move), so a reader never sees half a table. */
    public static void write(PriceTable table, Path file) {
        validate(table, file.toString());
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, write(table));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write price table " + file, e);
        }
    }

    /** Checks what the engine relies on; every problem names the field. */
    public static PriceTable validate(PriceTable t, String origin) {
        if (t.schemaVersion() != PriceTable.SCHEMA_VERSION) {
            throw new PriceTableException(origin, "schemaVersion",
                    "is " + t.schemaVersion() + ", this version reads " + PriceTable.SCHEMA_VERSION);
        }
        require(origin, "region", t.region() != null && !t.region().isBlank(), "is missing");
        require(origin, "currency", "USD".equals(t.currency()), "must be USD");
        require(origin, "asOf", t.asOf() != null, "is missing (the date the prices were taken)");
        require(origin, "lambda", t.lambda() != null, "is missing");
        require(origin, "lmi", t.lmi() != null, "is missing");
        for (Map.Entry<String, PriceTable.LambdaArchitecturePrices> e : t.lambda().architectures().entrySet()) {
            String at = "lambda.architectures." + e.getKey();
            try {
                Architecture.fromId(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new PriceTableException(origin, at, ex.getMessage());
            }
            positive(origin, at + ".requestPricePerMillionUsd", e.getValue().requestPricePerMillionUsd(), true);
            validateTiers(origin, at + ".durationTiers", e.getValue().durationTiers());
        }
        require(origin, "lambda.architectures", !t.lambda().architectures().isEmpty(), "has no architecture");
        PriceTable.FreeTier free = t.lambda().freeTier();
        require(origin, "lambda.freeTier", free != null && free.requests() >= 0 && free.gbSeconds() != null
                && free.gbSeconds().signum() >= 0, "must give requests and gbSeconds, both >= 0");
        positive(origin, "lmi.requestPricePerMillionUsd", t.lmi().requestPricePerMillionUsd(), true);
        BigDecimal fee = t.lmi().managementFeeRate();
        require(origin, "lmi.managementFeeRate", fee != null && fee.signum() >= 0 && fee.compareTo(BigDecimal.ONE) < 0,
                "must be a share in [0, 1), e.g. 0.15");
        require(origin, "instanceTypes", !t.instanceTypes().isEmpty(), "is empty");
        for (Map.Entry<String, PriceTable.InstanceTypePrice> e : t.instanceTypes().entrySet()) {
            String at = "instanceTypes." + e.getKey();
            PriceTable.InstanceTypePrice p = e.getValue();
            require(origin, at, InstanceTypeName.tryParse(e.getKey()).isPresent(), "is not an instance type name");
            require(origin, at + ".vcpus", p.vcpus() >= 1, "must be >= 1");
            positive(origin, at + ".memoryGib", p.memoryGib(), false);
            require(origin, at + ".architecture", p.architecture() != null, "is missing");
            positive(origin, at + ".onDemandHourlyUsd", p.onDemandHourlyUsd(), false);
            if (p.lmiManagementFeeHourlyUsd() != null) {
                positive(origin, at + ".lmiManagementFeeHourlyUsd", p.lmiManagementFeeHourlyUsd(), false);
            }
            try {
                p.memoryMb();
            } catch (ArithmeticException ex) {
                throw new PriceTableException(origin, at + ".memoryGib", "must be a whole number of MiB");
            }
        }
        return t;
    }

    private static void validateTiers(String origin, String at, List<PriceTable.DurationTier> tiers) {
        require(origin, at, !tiers.isEmpty(), "has no tier");
        BigDecimal previous = BigDecimal.ZERO;
        for (int i = 0; i < tiers.size(); i++) {
            PriceTable.DurationTier tier = tiers.get(i);
            String here = at + "[" + i + "]";
            positive(origin, here + ".pricePerGbSecondUsd", tier.pricePerGbSecondUsd(), false);
            boolean last = i == tiers.size() - 1;
            if (last) {
                require(origin, here + ".upToGbSeconds", tier.upToGbSeconds() == null,
                        "must be null: the last tier has no upper bound");
            } else {
                require(origin, here + ".upToGbSeconds",
                        tier.upToGbSeconds() != null && tier.upToGbSeconds().compareTo(previous) > 0,
                        "must be given and greater than the previous tier's bound");
                previous = tier.upToGbSeconds();
            }
        }
    }

    private static void positive(String origin, String field, BigDecimal value, boolean zeroAllowed) {
        boolean ok = value != null && (zeroAllowed ? value.signum() >= 0 : value.signum() > 0);
        require(origin, field, ok, zeroAllowed ? "must be given and >= 0" : "must be given and > 0");
    }

    private static void require(String origin, String field, boolean ok, String problem) {
        if (!ok) {
            throw new PriceTableException(origin, field, problem);
        }
    }
}
