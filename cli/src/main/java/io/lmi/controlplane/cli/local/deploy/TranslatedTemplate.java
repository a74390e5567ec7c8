package io.lmi.controlplane.cli.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lmi.controlplane.local.LocalAws;
import io.lmi.controlplane.local.RepositoryLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** template.yaml after AWS's SAM translator: plain CloudFormation, plus where each artifact is on disk. */
record TranslatedTemplate(JsonNode template, Map<String, Path> artifacts) {

    static TranslatedTemplate translate(RepositoryLayout layout, Map<String, String> parameters) {
        ObjectMapper mapper = new ObjectMapper();
        String python = System.getProperty(LocalAws.PYTHON_PROPERTY, "python3");
        try {
            ProcessBuilder builder = new ProcessBuilder(python, "-m", "lmi_local.sam",
                    "--template", layout.template().toString(), "--parameters", mapper.writeValueAsString(parameters))
                    .directory(layout.root().toFile());
            builder.environment().put("PYTHONPATH", layout.motoExtensions().toString());
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new TemplateException("the SAM translation of " + layout.template() + " failed: " + err.trim());
            }
            JsonNode result = mapper.readTree(out);
            Map<String, Path> artifacts = new HashMap<>();
            result.get("artifacts").fields().forEachRemaining(e -> artifacts.put(e.getKey(), Path.of(e.getValue().asText())));
            return new TranslatedTemplate(result.get("template"), artifacts);
        } catch (IOException e) {
            throw new TemplateException("cannot run the SAM translator with " + python + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TemplateException("interrupted while translating the template", e);
        }
    }

    /** The local file behind an {@code s3://} location the translator produced. */
    Path artifact(String bucket, String key) {
        Path path = artifacts.get("s3://" + bucket + "/" + key);
        if (path == null) {
            throw new TemplateException("s3://" + bucket + "/" + key + " is not a local artifact of the template");
        }
        return path;
    }
}
