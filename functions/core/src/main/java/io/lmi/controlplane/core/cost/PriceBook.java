package io.lmi.controlplane.core.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Price tables keyed by region, looked up in a fixed order of sources; the first source that has the region wins.
 * The usual order (see {@link #standard(Path)}) is: a table refreshed from the Pricing API in a prices directory
 * ({@code <dir>/<region>.json}), then the table shipped in this jar. A region no source has is an
 * {@link UnpricedRegionException}, never another region's prices. Thread-safe; tables are read once and cached.
 */
public final class PriceBook {
    /** Where the shipped tables live on the class path: prices-&lt;region&gt;.json. */
    public static final String BUNDLED_RESOURCE_PREFIX = "/io/lmi/controlplane/core/cost/prices-";

    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-[0-9]+$");

    private final List<Source> sources;
    private final Map<String, Loaded> cache = new ConcurrentHashMap<>();

    private PriceBook(List<Source> sources) {
        this.sources = List.copyOf(sources);
    }

    /** Only the tables shipped in the jar (us-east-1). */
    public static PriceBook bundled() {
        return new PriceBook(List.of(new BundledSource()));
    }

    /** Refreshed tables in {@code pricesDirectory} first, then the shipped ones. */
    public static PriceBook standard(Path pricesDirectory) {
        return new PriceBook(List.of(new DirectorySource(pricesDirectory), new BundledSource()));
    }

    /** Exactly these tables, nothing else (tests, and callers that load their own). */
    public static PriceBook of(PriceTable... tables) {
        Map<String, PriceTable> byRegion = new ConcurrentHashMap<>();
        for (PriceTable t : tables) {
            byRegion.put(t.region(), t);
        }
        return new PriceBook(List.of(new FixedSource(byRegion, "given tables")));
    }

    /**
     * This book with one explicit table file in front of every other source. The file must be for the region asked
     * for; a table for another region is refused rather than silently used.
     */
    public PriceBook withFileFirst(Path file) {
        List<Source> all = new ArrayList<>();
        all.add(new FileSource(file));
        all.addAll(sources);
        return new PriceBook(all);
    }

    /**
     * @throws UnpricedRegionException naming the region and the places looked in, when no source has it
     * @throws PriceTableException when the table found is invalid
     */
    public PriceTable forRegion(String region) {
        if (region == null || !REGION.matcher(region).matches()) {
            throw new UnpricedRegionException(String.valueOf(region), List.of("not a region name such as us-east-1"));
        }
        return cache.computeIfAbsent(region, this::load).table();
    }

    /** Where the region's table was found (a file path or the bundled resource), for reports. */
    public String originOf(String region) {
        forRegion(region);
        return cache.get(region).origin();
    }

    private record Loaded(PriceTable table, String origin) {}

    private Loaded load(String region) {
        List<String> lookedIn = new ArrayList<>();
        for (Source s : sources) {
            Optional<PriceTable> t = s.find(region);
            lookedIn.add(s.describe(region));
            if (t.isPresent()) {
                if (!t.get().region().equals(region)) {
                    throw new PriceTableException(s.describe(region), "region",
                            "is " + t.get().region() + " but prices for " + region + " were asked for");
                }
                return new Loaded(t.get(), s.describe(region));
            }
        }
        throw new UnpricedRegionException(region, lookedIn);
    }

    /** Where a table comes from: describe() says where it looked, for error messages and the report. */
    private interface Source {
        Optional<PriceTable> find(String region);

        String describe(String region);
    }

    private static final class BundledSource implements Source {
        @Override
        public Optional<PriceTable> find(String region) {
            String name = BUNDLED_RESOURCE_PREFIX + region.toLowerCase(Locale.ROOT) + ".json";
            try (InputStream in = PriceBook.class.getResourceAsStream(name)) {
                return in == null ? Optional.empty() : Optional.of(PriceTableJson.read(in, "bundled " + name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String describe(String region) {
            return "bundled prices-" + region + ".json";
        }
    }

    private record DirectorySource(Path directory) implements Source {
        @Override
        public Optional<PriceTable> find(String region) {
            Path file = directory.resolve(region + ".json");
            return Files.isRegularFile(file) ? Optional.of(PriceTableJson.read(file)) : Optional.empty();
        }

        @Override
        public String describe(String region) {
            return directory.resolve(region + ".json").toString();
        }
    }

    private record FileSource(Path file) implements Source {
        @Override
        public Optional<PriceTable> find(String region) {
            if (!Files.isRegularFile(file)) {
                throw new PriceTableException(file.toString(), "", "file not found");
            }
            PriceTable t = PriceTableJson.read(file);
            if (!t.region().equals(region)) {
                throw new PriceTableException(file.toString(), "region",
                        "is " + t.region() + " but prices for " + region + " were asked for");
            }
            return Optional.of(t);
        }

        @Override
        public String describe(String region) {
            return file.toString();
        }
    }

    private record FixedSource(Map<String, PriceTable> tables, String name) implements Source {
        @Override
        public Optional<PriceTable> find(String region) {
            return Optional.ofNullable(tables.get(region));
        }

        @Override
        public String describe(String region) {
            return name;
        }
    }
}
