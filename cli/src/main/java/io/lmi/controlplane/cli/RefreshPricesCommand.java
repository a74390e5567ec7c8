package io.lmi.controlplane.cli;

import io.lmi.controlplane.aws.pricing.PricingApiPriceTableSource;
import io.lmi.controlplane.aws.pricing.PricingRefreshException;
import io.lmi.controlplane.core.cost.PriceTable;
import io.lmi.controlplane.core.cost.PriceTableJson;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.pricing.PricingClient;

/**
 * {@code lmi refresh-prices}: fetches a region's price table from the AWS Pricing API and writes it where
 * {@code lmi cost} looks first ({@code ~/.lmi/prices/<region>.json}). Needs AWS credentials allowed
 * {@code pricing:GetProducts}.
 */
@Command(
        name = "refresh-prices",
        mixinStandardHelpOptions = true,
        description = {
            "Fetch EC2 on-demand, Lambda and LMI prices for a region from the AWS Pricing API and write the price",
            "table that `cost` reads first (<prices-dir>/<region>.json). Needs credentials for pricing:GetProducts."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:table written", "1:the Pricing API call failed or gave an incomplete table",
            "2:usage error"})
public final class RefreshPricesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--region", required = true, paramLabel = "REGION", description = "Region to price, e.g. eu-west-1.")
    private String region;

    @Option(names = "--prices-dir", paramLabel = "DIR",
            description = "Where to write <region>.json (default: ~/.lmi/prices, where `cost` looks).")
    private Path pricesDirectory = CostCommand.DEFAULT_PRICES_DIRECTORY;

    @Option(names = "--instance-types", split = ",", paramLabel = "TYPE",
            description = "Instance types to price (default: the families and sizes of the bundled table).")
    private List<String> instanceTypes;

    private final Supplier<PricingClient> clients;
    private final Clock clock;

    public RefreshPricesCommand() {
        this(PricingApiPriceTableSource::defaultClient, Clock.systemUTC());
    }

    /** @param clients makes the Pricing API client (tests point it at a local endpoint) */
    public RefreshPricesCommand(Supplier<PricingClient> clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        List<String> types = instanceTypes == null
                ? List.copyOf(PricingApiPriceTableSource.bundledInstanceTypes()) : instanceTypes;
        try (PricingClient client = clients.get()) {
            PricingApiPriceTableSource source = new PricingApiPriceTableSource(client, clock);
            Path file = source.refreshTo(pricesDirectory, region, types);
            PriceTable written = PriceTableJson.read(file);
            var out = spec.commandLine().getOut();
            out.printf("Wrote %s: %d instance types, prices as of %s%n", file, written.instanceTypes().size(),
                    written.asOf());
            written.notes().forEach(n -> out.println("  note: " + n));
            out.flush();
            return CommandLine.ExitCode.OK;
        } catch (PricingRefreshException | SdkException e) {
            spec.commandLine().getErr().println("Refreshing prices for " + region + " failed: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return CommandLine.ExitCode.SOFTWARE;
        }
    }
}
