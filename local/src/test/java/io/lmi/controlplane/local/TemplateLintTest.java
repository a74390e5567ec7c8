package io.lmi.controlplane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** template.yaml must pass cfn-lint (which also runs the SAM translator on it) with no error and no warning. */
class TemplateLintTest {

    @Test
    void templatePassesCfnLint() throws IOException, InterruptedException {
        RepositoryLayout layout = RepositoryLayout.locate();
        String python = System.getProperty(LocalAws.PYTHON_PROPERTY, "python3");
        // The same entry point as the cfn-lint script, through the Python that has moto (and cfn-lint) installed.
        Process lint = new ProcessBuilder(python, "-c",
                "import sys; sys.argv = ['cfn-lint'] + sys.argv[1:]; from cfnlint.runner import main; sys.exit(main())",
                layout.template().toString())
                .directory(layout.root().toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!lint.waitFor(120, TimeUnit.SECONDS)) {
            lint.destroyForcibly();
            fail("cfn-lint did not finish in 120 s");
        }
        if (output.contains("No module named 'cfnlint")) {
            fail("cfn-lint is not installed: pip install cfn-lint aws-sam-translator");
        }
        assertThat(output).as("cfn-lint output").isEmpty();
        assertThat(lint.exitValue()).as("cfn-lint exit code").isZero();
    }
}
