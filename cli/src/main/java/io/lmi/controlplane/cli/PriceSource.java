package io.lmi.controlplane.cli;

import io.lmi.controlplane.core.cost.PriceBook;
import io.lmi.controlplane.core.cost.PriceTableException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a command's prices come from, the same for every command that prices LMI: {@code --prices FILE}, else a table
 * refreshed into {@code ~/.lmi/prices/<region>.json}, else the table shipped in the jar (us-east-1).
 */
final class PriceSource {
    /** Prices are regional; us-east-1 is the one table shipped in the jar. */
    static final String DEFAULT_REGION = "us-east-1";

    @Option(names = "--region", defaultValue = DEFAULT_REGION, paramLabel = "REGION",
            description = "Region whose prices to use (default: ${DEFAULT-VALUE}); a region without prices is an error.")
    String region;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "A price table file (the JSON format the Pricing API refresh writes) for --region.")
    Path pricesFile;

    PriceBook book(Path pricesDirectory) {
        PriceBook book = PriceBook.standard(pricesDirectory);
        return pricesFile == null ? book : book.withFileFirst(pricesFile);
    }

    /** The flag to blame for a table that could not be read: the file given, else the region looked up. */
    String flagFor(PriceTableException e) {
        return pricesFile != null ? "--prices" : "--region";
    }
}
