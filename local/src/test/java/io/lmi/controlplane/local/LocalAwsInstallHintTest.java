package io.lmi.controlplane.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where moto (or Python) is missing, starting the local AWS fails at once with the one-line install hint. */
class LocalAwsInstallHintTest {
    private final String before = System.getProperty(LocalAws.PYTHON_PROPERTY);

    @TempDir
    Path temp;

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(LocalAws.PYTHON_PROPERTY);
        } else {
            System.setProperty(LocalAws.PYTHON_PROPERTY, before);
        }
    }

    @Test
    void aPythonWithoutMotoGetsThePipInstallHint() throws IOException {
        // The machine's own Python without its site-packages: a Python 3 on which moto is not installed.
        Path python = temp.resolve("python-without-moto");
        Files.writeString(python, "#!/bin/sh\nexec python3 -I -S \"$@\"\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwx------"));
        System.setProperty(LocalAws.PYTHON_PROPERTY, python.toString());

        assertThatThrownBy(() -> LocalAws.start(0))
                .isInstanceOf(LocalAwsUnavailableException.class)
                .hasMessage("moto is not installed for " + python + ": pip install \"moto[server]==5.2.1\"");
    }

    @Test
    void noPythonAtAllSaysSoAndGivesTheHint() {
        System.setProperty(LocalAws.PYTHON_PROPERTY, temp.resolve("no-such-python").toString());

        assertThatThrownBy(() -> LocalAws.start(0))
                .isInstanceOf(LocalAwsUnavailableException.class)
                .hasMessageContaining("was not found (Python 3.9+ is needed)")
                .hasMessageEndingWith("pip install \"moto[server]==5.2.1\"");
    }
}
