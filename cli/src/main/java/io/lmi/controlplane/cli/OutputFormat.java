package io.lmi.controlplane.cli;

/** --output of the schedule subcommands. */
enum OutputFormat {
    table,
    json
}
