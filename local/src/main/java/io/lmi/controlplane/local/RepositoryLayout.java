package io.lmi.controlplane.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the repository's top folder, where template.yaml, statemachines/ and local/moto live. */
public final class RepositoryLayout {

    /** Set by the {@code ./lmi} launcher and by the build for tests. */
    public static final String ROOT_PROPERTY = "lmi.repository.root";

    private final Path root;

    private RepositoryLayout(Path root) {
        this.root = root;
    }

    public static RepositoryLayout locate() {
        String configured = System.getProperty(ROOT_PROPERTY);
        if (configured != null && !configured.isBlank() && isRoot(Path.of(configured))) {
            return new RepositoryLayout(Path.of(configured).toAbsolutePath().normalize());
        }
        Optional<Path> found = Optional.empty();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && found.isEmpty(); dir = dir.getParent()) {
            if (isRoot(dir)) {
                found = Optional.of(dir);
            }
        }
        return new RepositoryLayout(found.orElseThrow(() -> new IllegalStateException(
                "cannot find the project's folder (with template.yaml and local/moto): run from inside the repository, "
                        + "or set -D" + ROOT_PROPERTY + "=/path/to/repository")));
    }

    private static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("local/moto/lmi_local"));
    }

    public Path root() {
        return root;
    }

    public Path template() {
        return root.resolve("template.yaml");
    }

    public Path stateMachines() {
        return root.resolve("statemachines");
    }

    public Path events() {
        return root.resolve("events");
    }

    public Path motoExtensions() {
        return root.resolve("local/moto");
    }

    /** Where local runs keep their logs: inside the build output, so nothing lands in git. */
    public Path workDirectory() {
        return root.resolve("target/local-aws");
    }
}
